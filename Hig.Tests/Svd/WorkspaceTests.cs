using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// Memory discipline and determinism of the allocation-free overloads: they stay inside exactly-sized buffers
/// (sentinel guards), allocate nothing after warm-up, and give bitwise-identical results whatever the alignment of
/// the buffers; plus the public diagnostics against the independent ratios.
/// </summary>
public abstract class WorkspaceTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static TheoryData<int, int> Shapes() => new() { { 9, 7 }, { 7, 9 }, { 60, 15 }, { 15, 60 }, { 120, 110 }, { 110, 120 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OutputsAndWorkspaceStayInBoundsAndResultsIgnoreAlignment(int m, int n)
    {
        int k = Math.Min(m, n);
        Matrix<T> a = TestMatrices.Uniform<T>(m, n, seed: 21);
        T[]? firstU = null, firstV = null, firstS = null, firstD = null;
        for (int misalignment = 0; misalignment < 3; misalignment++)
        {
            var u = new PaddedBuffer<T>(m, k, k + 3, misalignment);
            var v = new PaddedBuffer<T>(n, k, k + 1, misalignment);
            var s = new PaddedBuffer<T>(k, misalignment);
            var work = new PaddedBuffer<T>(Hig.Numerics.Svd.ThinWorkspaceLength<T>(m, n), misalignment);
            Hig.Numerics.Svd.Thin(a, u.View, s.Span, v.View, work.Span);
            u.AssertSentinelsIntact();
            v.AssertSentinelsIntact();
            s.AssertSentinelsIntact();
            work.AssertSentinelsIntact();

            var ac = new PaddedBuffer<T>(m, n, n + 2, misalignment).Fill(a.Data);
            var d = new PaddedBuffer<T>(n, misalignment);
            var s2 = new PaddedBuffer<T>(k, misalignment);
            var kw = new PaddedBuffer<T>(KappaPower.WorkspaceLength<T>(m, n), misalignment);
            var g = new T[m];
            g.AsSpan().Fill(T.One);
            KappaPower.Apply(ac.View, g, T.CreateTruncating(0.5), SingularValueCutoff<T>.Default, d.Span, s2.Span, kw.Span);
            ac.AssertSentinelsIntact();
            d.AssertSentinelsIntact();
            s2.AssertSentinelsIntact();
            kw.AssertSentinelsIntact();

            T[] uData = Flatten(u.View), vData = Flatten(v.View), sData = s.Span.ToArray(), dData = d.Span.ToArray();
            if (firstU is null)
            {
                (firstU, firstV, firstS, firstD) = (uData, vData, sData, dData);
                continue;
            }

            Assert.Equal(firstU, uData); // bitwise: same input and SIMD width, different alignment
            Assert.Equal(firstV, vData);
            Assert.Equal(firstS, sData);
            Assert.Equal(firstD, dData);
        }
    }

    /// <summary>
    /// Values only, thin, full and the κ-step share their reduction whenever they take the same route (the QR/LQ
    /// pre-step or none), so σ must agree bit for bit; the κ-step always takes the LQ route for a wide A, so it is
    /// compared there only when the others do too (n ≥ 1.6·m). Full never holds Lᵀ, thin and values only do when
    /// pre-factorizing: that is the case this pins down.
    /// </summary>
    [Theory]
    [InlineData(60, 15)]
    [InlineData(15, 60)]
    [InlineData(300, 70)]
    [InlineData(70, 300)]
    [InlineData(120, 110)]
    [InlineData(110, 120)]
    public void SingularValuesAreBitIdenticalAcrossRoutesThatShareTheReduction(int m, int n)
    {
        int k = Math.Min(m, n);
        Matrix<T> a = TestMatrices.Uniform<T>(m, n, seed: 31);
        T[] values = Hig.Numerics.Svd.Values(a);
        SvdResult<T> thin = Hig.Numerics.Svd.Thin(a);
        SvdResult<T> full = Hig.Numerics.Svd.Full(a);
        Assert.Equal(values, thin.SingularValues.ToArray());
        Assert.Equal(values, full.SingularValues.ToArray());
        if (m >= n || n >= 1.6 * m)
        {
            Matrix<T> copy = a.Clone();
            var s = new T[k];
            var d = new T[n];
            var g = new T[m];
            g.AsSpan().Fill(T.One);
            KappaPower.Apply(copy.AsView(), g, T.One, SingularValueCutoff<T>.Default, d, s, new T[KappaPower.WorkspaceLength<T>(m, n)]);
            Assert.Equal(values, s);
        }
    }

    [Theory]
    [InlineData(80, 30)]
    [InlineData(30, 80)]
    [InlineData(120, 120)]
    public void AllocationFreeOverloadsAllocateNothingAfterWarmUp(int m, int n)
    {
        int k = Math.Min(m, n);
        Matrix<T> a = TestMatrices.Uniform<T>(m, n, seed: 2);
        Matrix<T> copy = a.Clone();
        var u = new Matrix<T>(m, k);
        var v = new Matrix<T>(n, k);
        var uf = new Matrix<T>(m, m);
        var vf = new Matrix<T>(n, n);
        var s = new T[k];
        var g = new T[m];
        var d = new T[n];
        g.AsSpan().Fill(T.One);
        int length = Math.Max(Math.Max(Hig.Numerics.Svd.ThinWorkspaceLength<T>(m, n), Hig.Numerics.Svd.FullWorkspaceLength<T>(m, n)),
            Math.Max(Hig.Numerics.Svd.ValuesWorkspaceLength<T>(m, n), KappaPower.WorkspaceLength<T>(m, n)));
        var work = new T[length];

        void Run()
        {
            Hig.Numerics.Svd.Values(a, s, work);
            Hig.Numerics.Svd.Thin(a, u, s, v, work);
            Hig.Numerics.Svd.Full(a, uf, s, vf, work);
            a.Data.CopyTo(copy.Data);
            KappaPower.Apply(copy.AsView(), g, T.One, SingularValueCutoff<T>.Default, d, s, work);
        }

        Run(); // warm-up: gemm's per-thread packing buffers are created on first use
        Allocations.AssertSteadyStateAllocatesNothing(Run, callsPerWindow: 1, "values, thin, full and κ with a workspace");
    }

    [Theory]
    [InlineData(25, 18)]
    [InlineData(18, 25)]
    public void DiagnosticsMatchTheIndependentRatios(int m, int n)
    {
        Matrix<T> a = TestMatrices.Uniform<T>(m, n, seed: 13);
        SvdResult<T> svd = Hig.Numerics.Svd.Full(a);
        // Perturb U so the ratios are well above rounding level and the comparison is not trivially 0 = 0.
        svd.U[1, 1] += T.CreateTruncating(1e4) * Precision.Eps<T>();
        SvdResiduals lib = SvdDiagnostics.Residuals(a.AsReadOnlyView(), svd.U, svd.SingularValues, svd.V);
        double[,] ad = TestMatrices.ToDouble<T>(a);
        double r1 = Ratios.Reconstruction(ad, svd.U, svd.SingularValues, svd.V), r2 = Ratios.Orthogonality<T>(svd.U), r3 = Ratios.Orthogonality<T>(svd.V);
        // The library sums in double with gemm, the test in DoubleDouble: for double T they differ by at most
        // (k + 2)·ε·‖U‖‖Σ‖‖V‖/(‖A‖·max(m,n)·ε) ≤ 2 ratio units; for float T by far less.
        Assert.True(r1 > 10 && Math.Abs(lib.Reconstruction - r1) <= 2, $"{lib.Reconstruction} vs {r1}");
        Assert.True(r2 > 10 && Math.Abs(lib.LeftOrthogonality - r2) <= 2, $"{lib.LeftOrthogonality} vs {r2}");
        Assert.True(Math.Abs(lib.RightOrthogonality - r3) <= 2, $"{lib.RightOrthogonality} vs {r3}");
        Assert.Equal(Math.Max(lib.Reconstruction, Math.Max(lib.LeftOrthogonality, lib.RightOrthogonality)), lib.Max);
    }

    private static T[] Flatten(MatrixView<T> view)
    {
        var result = new T[view.Rows * view.Cols];
        for (int i = 0; i < view.Rows; i++)
        {
            view.Row(i).CopyTo(result.AsSpan(i * view.Cols));
        }

        return result;
    }
}

public sealed class WorkspaceTestsDouble : WorkspaceTests<double>;

public sealed class WorkspaceTestsSingle : WorkspaceTests<float>;
