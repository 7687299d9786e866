using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Numerics;

/// <summary>
/// gemm against an accurate double-double reference for every transpose combination and odd shapes (crossing the
/// micro-tile and cache-block edges), on strided, misaligned, sentinel-guarded views; plus its documented per-element
/// arithmetic, bit for bit, which is what makes it independent of SIMD width, alignment and thread count.
/// </summary>
public abstract class GemmTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();
    private static readonly int[] OddSizes = [1, 3, 7, 17, 33, 65];

    public static TheoryData<Transpose, Transpose> AllTransposes => new()
    {
        { Transpose.No, Transpose.No },
        { Transpose.No, Transpose.Yes },
        { Transpose.Yes, Transpose.No },
        { Transpose.Yes, Transpose.Yes },
    };

    private static T V(double value) => T.CreateTruncating(value);

    /// <summary>A random operand stored so that op(X) is rows×cols, with a row gap and misalignment.</summary>
    private static PaddedBuffer<T> Operand(Rng rng, Transpose trans, int rows, int cols, int gap, int misalignment)
    {
        int storedRows = trans == Transpose.No ? rows : cols, storedCols = trans == Transpose.No ? cols : rows;
        var buffer = new PaddedBuffer<T>(storedRows, storedCols, storedCols + gap, misalignment);
        return buffer.Fill(Reference.RandomVector<T>(rng, storedRows * storedCols));
    }

    private static void CheckAgainstReference(Transpose ta, Transpose tb, int m, int n, int k, double alphaValue, double betaValue, Rng rng)
    {
        T alpha = V(alphaValue), beta = V(betaValue);
        var a = Operand(rng, ta, m, k, gap: 1 + (m % 3), misalignment: k % 4);
        var b = Operand(rng, tb, k, n, gap: n % 2, misalignment: m % 3);
        var c = new PaddedBuffer<T>(m, n, n + 2, misalignment: 1);
        T[] c0 = Reference.RandomVector<T>(rng, m * n);
        if (beta == T.Zero)
        {
            c0.AsSpan().Fill(T.NaN); // β = 0: C is write-only, its NaNs must not leak
        }

        c.Fill(c0);
        Blas.Gemm(ta, tb, alpha, a.View, b.View, beta, c.View);
        a.AssertSentinelsIntact();
        b.AssertSentinelsIntact();
        c.AssertSentinelsIntact();

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                (double exact, double scale) = Reference.ProductEntry<T>(a.View, ta, b.View, tb, i, j, k);
                double betaC = beta == T.Zero ? 0 : double.CreateTruncating(beta) * double.CreateTruncating(c0[(i * n) + j]);
                double expected = (alphaValue * exact) + betaC;
                double got = double.CreateTruncating(c.View[i, j]);

                // k fused multiply-adds in sequence: γ_k ≤ k·ε/2 of |α|·Σ|aᵢₚbₚⱼ|; the α scaling, the β scaling and the
                // write-back add (once per 256-deep block, at most ⌈k/256⌉ ≤ k extra roundings) are covered by (k + 2)·ε.
                double bound = (k + 2) * Eps * ((Math.Abs(alphaValue) * scale) + Math.Abs(betaC));
                Assert.True(Math.Abs(got - expected) <= bound,
                    $"{ta}{tb} m={m} n={n} k={k} α={alphaValue} β={betaValue} at ({i},{j}): got {got}, expected {expected}, bound {bound}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllTransposes))]
    public void Gemm_MatchesReference_OnAllOddShapes(Transpose ta, Transpose tb)
    {
        var rng = new Rng(21);
        foreach (int m in OddSizes)
        {
            foreach (int n in OddSizes)
            {
                foreach (int k in OddSizes)
                {
                    CheckAgainstReference(ta, tb, m, n, k, alphaValue: 1.0, betaValue: 0.0, rng);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllTransposes))]
    public void Gemm_MatchesReference_WithAlphaBeta_AcrossCacheBlockEdges(Transpose ta, Transpose tb)
    {
        var rng = new Rng(22);

        // Edges of MC (192 rows), KC (256 deep) and NC (2048 columns), plus a generic α, β.
        CheckAgainstReference(ta, tb, 200, 30, 9, -0.625, 1.5, rng);
        CheckAgainstReference(ta, tb, 20, 27, 300, 2.0, -1.0, rng);
        CheckAgainstReference(ta, tb, 9, 2100, 5, 0.5, 0.25, rng);
        CheckAgainstReference(ta, tb, 17, 49, 513, 1.0, 1.0, rng);
    }

    /// <summary>
    /// The documented per-element arithmetic, as scalar code: for each 256-deep block of k, acc = fma-chain over the
    /// block in order; C = (β' = 0 ? α·acc : fma(α, acc, β'·C)) with β' = β on the first block and 1 after.
    /// </summary>
    private static T[] ScalarModel(ReadOnlyMatrixView<T> a, Transpose ta, ReadOnlyMatrixView<T> b, Transpose tb, T alpha, T beta, T[] c0, int m, int n, int k)
    {
        const int kc = GemmBlocking.Kc;
        var c = (T[])c0.Clone();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T cij = c[(i * n) + j];
                for (int p0 = 0; p0 < k; p0 += kc)
                {
                    T acc = T.Zero;
                    for (int p = p0; p < Math.Min(k, p0 + kc); p++)
                    {
                        acc = Arithmetic.MultiplyAdd(Reference.Op(a, ta, i, p), Reference.Op(b, tb, p, j), acc);
                    }

                    T betaBlock = p0 == 0 ? beta : T.One;
                    cij = betaBlock == T.Zero ? alpha * acc : Arithmetic.MultiplyAdd(alpha, acc, betaBlock * cij);
                }

                c[(i * n) + j] = cij;
            }
        }

        return c;
    }

    [Theory]
    [MemberData(nameof(AllTransposes))]
    public void Gemm_EveryVectorWidthTileAndThreadCount_ReproducesTheDocumentedArithmeticBitForBit(Transpose ta, Transpose tb)
    {
        var rng = new Rng(23);
        foreach ((int m, int n, int k) in new[] { (1, 1, 1), (9, 25, 7), (33, 49, 260), (130, 129, 70) })
        {
            var a = Operand(rng, ta, m, k, gap: 0, misalignment: 0);
            var b = Operand(rng, tb, k, n, gap: 3, misalignment: 1);
            T[] c0 = Reference.RandomVector<T>(rng, m * n);
            T alpha = V(0.875), beta = V(-0.5);
            T[] expected = ScalarModel(a.View, ta, b.View, tb, alpha, beta, c0, m, n, k);

            foreach (GemmIsa isa in new[] { GemmIsa.Vector128, GemmIsa.Vector256, GemmIsa.Vector512 })
            {
                if ((isa == GemmIsa.Vector256 && !Vector256.IsHardwareAccelerated) || (isa == GemmIsa.Vector512 && !Vector512.IsHardwareAccelerated))
                {
                    continue; // software-emulated wide vectors would be correct but needlessly slow
                }

                foreach (GemmTile tile in new[] { GemmTile.Tile8x3, GemmTile.Tile6x2, GemmTile.Tile4x3 })
                {
                    foreach (int threads in new[] { 1, 2, 3 })
                    {
                        foreach (int misalignment in new[] { 0, 1 })
                        {
                            var c = new PaddedBuffer<T>(m, n, n, misalignment).Fill(c0);
                            Blas.GemmCore(ta, tb, alpha, a.View, b.View, beta, c.View, threads, isa, tile);
                            c.AssertSentinelsIntact();
                            for (int i = 0; i < m; i++)
                            {
                                for (int j = 0; j < n; j++)
                                {
                                    Assert.True(expected[(i * n) + j].Equals(c.View[i, j]),
                                        $"{isa}, {tile}, {threads} threads, shift {misalignment}, {m}×{n}×{k} at ({i},{j}): {c.View[i, j]} ≠ {expected[(i * n) + j]}");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Gemm_LargeParallelProduct_IsBitwiseIdenticalToSequential()
    {
        var rng = new Rng(24);
        foreach ((int m, int n) in new[] { (300, 90), (90, 300) }) // splits rows, then columns
        {
            var a = new Matrix<T>(m, 150);
            var b = new Matrix<T>(150, n);
            rng.FillUniform(a.Data, -T.One, T.One);
            rng.FillUniform(b.Data, -T.One, T.One);
            var sequential = new Matrix<T>(m, n);
            var parallel = new Matrix<T>(m, n);
            Blas.Gemm(Transpose.No, Transpose.No, T.One, a, b, T.Zero, sequential);
            Blas.Gemm(Transpose.No, Transpose.No, T.One, a, b, T.Zero, parallel, maxDegreeOfParallelism: 2);
            Assert.True(sequential.Data.SequenceEqual(parallel.Data));
        }
    }

    [Fact]
    public void Gemm_EmptyInnerDimension_ScalesC()
    {
        var c = new Matrix<T>(2, 3);
        c.Data.Fill(V(4));
        Blas.Gemm(Transpose.No, Transpose.No, T.One, new Matrix<T>(2, 0), new Matrix<T>(0, 3), V(0.5), c);
        Assert.All(c.Data.ToArray(), x => Assert.Equal(V(2), x));

        c.Data.Fill(T.NaN);
        Blas.Gemm(Transpose.No, Transpose.No, T.One, new Matrix<T>(2, 0), new Matrix<T>(0, 3), T.Zero, c);
        Assert.All(c.Data.ToArray(), x => Assert.Equal(T.Zero, x));

        Blas.Gemm(Transpose.No, Transpose.No, T.One, new Matrix<T>(0, 4), new Matrix<T>(4, 3), T.Zero, new Matrix<T>(0, 3));
    }

    [Fact]
    public void Gemm_PropagatesNaNAndInfinity_EvenWithZeroAlpha()
    {
        var a = new Matrix<T>(20, 30);
        var b = new Matrix<T>(30, 40);
        a.Data.Fill(T.One);
        b.Data.Fill(T.One);
        a[4, 7] = T.NaN;
        b[11, 33] = T.PositiveInfinity;
        var c = new Matrix<T>(20, 40);
        Blas.Gemm(Transpose.No, Transpose.No, T.Zero, a, b, T.Zero, c);
        for (int i = 0; i < 20; i++)
        {
            for (int j = 0; j < 40; j++)
            {
                bool expectNaN = i == 4 || j == 33; // NaN row; 0·Inf column
                Assert.True(T.IsNaN(c[i, j]) == expectNaN, $"({i},{j}) = {c[i, j]}");
            }
        }
    }

    [Fact]
    public void Gemm_RejectsBadShapesOverlapAndParallelism()
    {
        var e = Assert.Throws<ArgumentException>(() => Blas.Gemm(Transpose.No, Transpose.No, T.One, new Matrix<T>(3, 4), new Matrix<T>(5, 6), T.Zero, new Matrix<T>(3, 6)));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("3×4", e.Message);
        Assert.Contains("5×6", e.Message);

        e = Assert.Throws<ArgumentException>(() => Blas.Gemm(Transpose.Yes, Transpose.No, T.One, new Matrix<T>(4, 3), new Matrix<T>(4, 6), T.Zero, new Matrix<T>(6, 3)));
        Assert.Equal("c", e.ParamName);
        Assert.Contains("6×3", e.Message);
        Assert.Contains("3×6", e.Message);

        var shared = new Matrix<T>(4, 4);
        e = Assert.Throws<ArgumentException>(() => Blas.Gemm(Transpose.No, Transpose.No, T.One, shared.Slice(0, 0, 2, 4), new Matrix<T>(4, 4), T.Zero, shared.Slice(1, 0, 2, 4)));
        Assert.Contains("overlaps", e.Message);

        Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Gemm(Transpose.No, Transpose.No, T.One, new Matrix<T>(2, 2), new Matrix<T>(2, 2), T.Zero, new Matrix<T>(2, 2), 0));
    }
}

/// <summary>gemm in double.</summary>
public sealed class GemmTestsDouble : GemmTests<double>;

/// <summary>gemm in float.</summary>
public sealed class GemmTestsSingle : GemmTests<float>;
