using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// The 2×2 edge sweep, the known killers from LAPACK's tracker, degenerate shapes and bad input.
/// </summary>
public abstract class EdgeCaseTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    /// <summary>
    /// The edge set. Double: {0, ±1, ±5.6e-313, ±4.94e-324, ±4.94e-223} as the issue lists (a subnormal, the smallest
    /// subnormal, a normal number whose square underflows). Float, the analogous set: {0, ±1, ±5.6e-42 (subnormal),
    /// ±1.4e-45 (the smallest subnormal), ±7.9e-31 = 2⁻¹⁰⁰ (a normal number whose square underflows)}.
    /// </summary>
    private static T[] EdgeValues()
    {
        double[] magnitudes = typeof(T) == typeof(double)
            ? [1.0, 5.6e-313, 4.94e-324, 4.94e-223]
            : [1.0, 5.6e-42, 1.4e-45, Math.ScaleB(1.0, -100)];
        var values = new T[9];
        values[0] = T.Zero;
        for (int i = 0; i < 4; i++)
        {
            values[(2 * i) + 1] = T.CreateTruncating(magnitudes[i]);
            values[(2 * i) + 2] = T.CreateTruncating(-magnitudes[i]);
        }

        return values;
    }

    [Fact]
    public void AllEdgeTwoByTwoMatricesDecomposeWithSmallRatios()
    {
        T[] v = EdgeValues();
        T tiny = T.Epsilon; // the subnormal spacing η: the unavoidable absolute rounding of a singular value below the normal range
        int worstIndex = -1;
        double worst = 0;
        var a = new Matrix<T>(2, 2);
        var u = new Matrix<T>(2, 2);
        var w = new Matrix<T>(2, 2);
        var s = new T[2];
        var work = new T[Hig.Numerics.Svd.FullWorkspaceLength<T>(2, 2)];
        for (int index = 0; index < 6561; index++)
        {
            int x = index;
            for (int e = 0; e < 4; e++)
            {
                a.Data[e] = v[x % 9];
                x /= 9;
            }

            Hig.Numerics.Svd.Full(a, u, s, w, work);
            foreach (T value in u.Data)
            {
                Assert.True(T.IsFinite(value), $"matrix {index}: U not finite");
            }

            foreach (T value in w.Data)
            {
                Assert.True(T.IsFinite(value), $"matrix {index}: V not finite");
            }

            Assert.True(T.IsFinite(s[0]) && T.IsFinite(s[1]) && s[0] >= s[1] && s[1] >= T.Zero, $"matrix {index}: σ = {s[0]}, {s[1]}");
            Assert.True(Ratios.Orthogonality<T>(u) < 30 && Ratios.Orthogonality<T>(w) < 30, $"matrix {index}: orthogonality");
            double ratio = ScaledReconstructionRatio(a, u, s, w, tiny);
            if (ratio > worst)
            {
                worst = ratio;
                worstIndex = index;
            }
        }

        Assert.True(worst < 30, $"worst reconstruction ratio {worst:G4} for matrix {worstIndex}");
    }

    /// <summary>
    /// dbdt01's ratio on the matrix scaled by a power of two into the normal range (exact), with the denominator
    /// widened by k·η: a singular value below the normal range can only be returned to the nearest multiple of the
    /// subnormal spacing η, an absolute error of η/2 no algorithm can avoid.
    /// </summary>
    private static double ScaledReconstructionRatio(Matrix<T> a, Matrix<T> u, T[] s, Matrix<T> v, T tiny)
    {
        double maxAbs = 0;
        foreach (T x in a.Data)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(double.CreateTruncating(x)));
        }

        int shift = maxAbs == 0 ? 0 : -Math.ILogB(maxAbs);
        var ad = new double[2, 2];
        var sd = new T[2];
        for (int i = 0; i < 2; i++)
        {
            sd[i] = s[i];
            for (int j = 0; j < 2; j++)
            {
                ad[i, j] = Math.ScaleB(double.CreateTruncating(a[i, j]), shift);
            }
        }

        double resid = 0, anorm = 0;
        for (int j = 0; j < 2; j++)
        {
            double col = 0, acol = 0;
            for (int i = 0; i < 2; i++)
            {
                var sum = new DoubleDouble(-ad[i, j], 0);
                for (int p = 0; p < 2; p++)
                {
                    sum = sum.AddProduct(double.CreateTruncating(u[i, p]) * Math.ScaleB(double.CreateTruncating(s[p]), shift), double.CreateTruncating(v[j, p]));
                }

                col += Math.Abs(sum.Value);
                acol += Math.Abs(ad[i, j]);
            }

            resid = Math.Max(resid, col);
            anorm = Math.Max(anorm, acol);
        }

        double floor = 2 * Math.ScaleB(double.CreateTruncating(tiny), shift);
        double denominator = (anorm * 2 * Eps) + floor;
        return resid == 0 ? 0 : resid / denominator;
    }

    /// <summary>EigTool's companion_demo: the companion matrix of Σₖ xᵏ/k! (LAPACK issue 316: dgesdd's σ off by 19 orders for n ≥ 26).</summary>
    [Theory]
    [InlineData(26)]
    [InlineData(30)]
    public void EigToolCompanionMatrix(int degree)
    {
        int n = degree + 1;
        var coefficients = new double[n]; // c = reverse([1, 1/1!, …, 1/N!]), as in the issue's reproduction
        double factorial = 1;
        coefficients[n - 1] = 1;
        for (int k = 1; k <= degree; k++)
        {
            factorial *= k;
            coefficients[n - 1 - k] = 1 / factorial;
        }

        var ad = new double[n, n];
        for (int i = 1; i < n; i++)
        {
            ad[i, i - 1] = 1;
        }

        for (int j = 0; j < n; j++)
        {
            ad[0, j] = -coefficients[j] / coefficients[0];
        }

        Matrix<T> a = TestMatrices.FromDouble<T>(ad);
        ad = TestMatrices.ToDouble<T>(a);
        AssertFullAndThinPass(a, ad);

        // The singular values themselves, against the independent reference: LAPACK's absolute acceptance
        // 30·max(n/10, 1)·ε·σ₁ (dsvdch with the normwise bound of a backward-stable SVD).
        double[] reference = ReferenceSvd.Graded(ad);
        SvdResult<T> svd = Hig.Numerics.Svd.Full(a);
        double tolerance = 30 * Math.Max(n / 10.0, 1) * Eps * reference[0];
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(double.CreateTruncating(svd.SingularValues[i]) - reference[i]) <= tolerance,
                $"σ[{i}] = {svd.SingularValues[i]:E6} vs reference {reference[i]:E6}");
        }
    }

    /// <summary>Many singular values clustered at 1 (dgesdd returned non-orthogonal vectors on such matrices).</summary>
    [Theory]
    [InlineData(120, 100, 1e-9)]
    [InlineData(150, 150, 0.0)]
    public void SingularValuesClusteredNearOne(int m, int n, double spread)
    {
        var rng = new Rng(99);
        var sigma = new double[Math.Min(m, n)];
        for (int i = 0; i < sigma.Length; i++)
        {
            sigma[i] = 1 - (spread * rng.NextDouble());
        }

        Matrix<T> a = TestMatrices.FromDouble<T>(TestMatrices.WithSingularValues(m, n, sigma, rng));
        AssertFullAndThinPass(a, TestMatrices.ToDouble<T>(a));
    }

    [Fact]
    public void RankOneMatrixWithZeroColumns()
    {
        var rng = new Rng(5);
        int m = 50, n = 40;
        var ad = new double[m, n];
        var x = new double[m];
        for (int i = 0; i < m; i++)
        {
            x[i] = rng.NextUniform(-1.0, 1.0);
        }

        for (int j = 0; j < n; j += 3) // every third column nonzero, the rest exactly zero
        {
            double y = rng.NextUniform(-1.0, 1.0);
            for (int i = 0; i < m; i++)
            {
                ad[i, j] = x[i] * y;
            }
        }

        Matrix<T> a = TestMatrices.FromDouble<T>(ad);
        AssertFullAndThinPass(a, TestMatrices.ToDouble<T>(a));
    }

    [Fact]
    public void AllOnesFiveHundred()
    {
        var a = new Matrix<T>(500, 500);
        a.Data.Fill(T.One);
        SvdResult<T> svd = Hig.Numerics.Svd.Thin(a);
        SvdResiduals r = SvdDiagnostics.Residuals(a.AsReadOnlyView(), svd.U, svd.SingularValues, svd.V);
        Assert.True(r.Max < 30, r.ToString());
        // σ₁ = 500 exactly in exact arithmetic; the rest are zero up to the backward error 500·ε·‖A‖.
        Assert.True(Math.Abs(double.CreateTruncating(svd.SingularValues[0]) - 500) <= 30 * 500 * Eps * 500);
        Assert.True(double.CreateTruncating(svd.SingularValues[1]) <= 30 * 500 * Eps * 500);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 4)]
    [InlineData(4, 0)]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(7, 1)]
    public void DegenerateShapes(int m, int n)
    {
        Matrix<T> a = TestMatrices.Uniform<T>(m, n, seed: 8);
        AssertFullAndThinPass(a, TestMatrices.ToDouble<T>(a));
        SvdResult<T> full = Hig.Numerics.Svd.Full(a);
        Assert.Equal(m, full.U.Rows);
        Assert.Equal(m, full.U.Cols);
        Assert.Equal(n, full.V.Rows);
        Assert.Equal(n, full.V.Cols);
        var d = new T[n];
        var s = new T[Math.Min(m, n)];
        d.AsSpan().Fill(T.One);
        KappaPowerSummary<T> summary = KappaPower.Apply(a.AsReadOnlyView(), new T[m], T.CreateTruncating(0.5), SingularValueCutoff<T>.Default, d, s);
        Assert.Equal(Math.Min(m, n), summary.Count);
        Assert.All(d, x => Assert.Equal(T.Zero, x)); // g = 0 gives d = 0; for m or n = 0, d is cleared
    }

    [Fact]
    public void NonFiniteInputIsRejectedBeforeIterating()
    {
        // dbdsqr loops forever on this matrix; the scan rejects it before any reduction.
        var a = Matrix<T>.FromArray(new[,] { { T.PositiveInfinity, T.One, T.One }, { T.One, T.One, T.One }, { T.One, T.One, T.One } });
        var ex = Assert.Throws<NonFiniteInputException>(() => Hig.Numerics.Svd.Thin(a));
        Assert.Equal(0, ex.Row);
        Assert.Equal(0, ex.Column);
        Assert.Equal("a", ex.ParamName);

        foreach (T bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
        {
            Matrix<T> b = TestMatrices.Uniform<T>(6, 4, seed: 2);
            b[3, 2] = bad;
            var e1 = Assert.Throws<NonFiniteInputException>(() => Hig.Numerics.Svd.Values(b));
            Assert.True(e1.Row == 3 && e1.Column == 2, e1.Message);
            Assert.Contains("row 3, column 2", e1.Message, StringComparison.Ordinal);
            Assert.Throws<NonFiniteInputException>(() => Hig.Numerics.Svd.Full(b));
            Assert.Throws<NonFiniteInputException>(() => KappaPower.Apply(b.AsReadOnlyView(), new T[6], T.One, SingularValueCutoff<T>.Default, new T[4], new T[4]));
            var e2 = Assert.Throws<NonFiniteInputException>(() => KappaPower.Apply(b.AsView(), new T[6], T.One, SingularValueCutoff<T>.Default, new T[4], new T[4], new T[KappaPower.WorkspaceLength<T>(6, 4)]));
            Assert.Equal("a", e2.ParamName);
        }

        Matrix<T> c = TestMatrices.Uniform<T>(6, 4, seed: 2);
        var g = new T[6];
        g[5] = T.NaN;
        var e3 = Assert.Throws<NonFiniteInputException>(() => KappaPower.Apply(c.AsReadOnlyView(), g, T.One, SingularValueCutoff<T>.Default, new T[4], new T[4]));
        Assert.Equal("g", e3.ParamName);
        Assert.Equal(5, e3.Row);
    }

    private static void AssertFullAndThinPass(Matrix<T> a, double[,] ad)
    {
        foreach (bool full in new[] { false, true })
        {
            SvdResult<T> svd = full ? Hig.Numerics.Svd.Full(a) : Hig.Numerics.Svd.Thin(a);
            double r1 = Ratios.Reconstruction(ad, svd.U, svd.SingularValues, svd.V);
            double r2 = Ratios.Orthogonality<T>(svd.U), r3 = Ratios.Orthogonality<T>(svd.V);
            Assert.True(r1 < 30 && r2 < 30 && r3 < 30, $"{(full ? "full" : "thin")}: ratios {r1:G3}, {r2:G3}, {r3:G3}");
        }
    }
}

public sealed class EdgeCaseTestsDouble : EdgeCaseTests<double>;

public sealed class EdgeCaseTestsSingle : EdgeCaseTests<float>;
