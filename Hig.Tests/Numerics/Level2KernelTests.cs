using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Numerics;

/// <summary>
/// gemv (both transposes) and ger against accurate references for every column count 0..256 and odd row counts,
/// on strided, misaligned, sentinel-guarded views.
/// </summary>
public abstract class Level2KernelTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();
    private static readonly int[] RowCounts = [0, 1, 3, 7, 17];

    private static T V(double value) => T.CreateTruncating(value);

    private static PaddedBuffer<T> RandomMatrix(Rng rng, int rows, int cols, int extraStride, int misalignment)
    {
        var buffer = new PaddedBuffer<T>(rows, cols, cols + extraStride, misalignment);
        buffer.Fill(Reference.RandomVector<T>(rng, rows * cols));
        return buffer;
    }

    [Theory]
    [InlineData(Transpose.No, 0.0)]
    [InlineData(Transpose.No, 0.5)]
    [InlineData(Transpose.Yes, 0.0)]
    [InlineData(Transpose.Yes, -1.25)]
    public void Gemv_MatchesAccurateReference(Transpose trans, double betaValue)
    {
        var rng = new Rng(11);
        T alpha = V(-0.75), beta = V(betaValue);
        foreach (int m in RowCounts)
        {
            for (int n = 0; n <= 256; n++)
            {
                var a = RandomMatrix(rng, m, n, extraStride: n % 3, misalignment: n % 4);
                int inLength = trans == Transpose.No ? n : m, outLength = trans == Transpose.No ? m : n;
                T[] x = Reference.RandomVector<T>(rng, inLength);
                T[] y0 = Reference.RandomVector<T>(rng, outLength);
                if (beta == T.Zero)
                {
                    y0.AsSpan().Fill(T.NaN); // β = 0: y is write-only, its NaNs must not leak
                }

                var y = new PaddedBuffer<T>(outLength, 1).Fill(y0);
                Blas.Gemv(trans, alpha, a.View, x, beta, y.Span);
                a.AssertSentinelsIntact();
                y.AssertSentinelsIntact();

                int inner = inLength;
                for (int r = 0; r < outLength; r++)
                {
                    var exact = default(DoubleDouble);
                    double scale = 0;
                    for (int p = 0; p < inner; p++)
                    {
                        double aij = double.CreateTruncating(trans == Transpose.No ? a.View[r, p] : a.View[p, r]);
                        double xp = double.CreateTruncating(x[p]);
                        exact = exact.AddProduct(aij, xp);
                        scale += Math.Abs(aij * xp);
                    }

                    double betaY = beta == T.Zero ? 0 : double.CreateTruncating(beta) * double.CreateTruncating(y0[r]);
                    double expected = (double.CreateTruncating(alpha) * exact.Value) + betaY;
                    double got = double.CreateTruncating(y.Span[r]);

                    // Inner sum: γ_inner ≤ inner·ε/2 of |α|·Σ|aᵢⱼxⱼ|; scaling by α, β and the final add: 2 more roundings of each term.
                    double bound = (inner + 2) * Eps * ((Math.Abs(double.CreateTruncating(alpha)) * scale) + Math.Abs(betaY));
                    Assert.True(Math.Abs(got - expected) <= bound, $"{trans} m={m} n={n} row {r}: got {got}, expected {expected}, bound {bound}");
                }
            }
        }
    }

    [Fact]
    public void GemvTranspose_IsWidthIndependentElementwiseAccumulation()
    {
        // Documented arithmetic for op(A) = Aᵀ: y ← β·y, then yⱼ ← fma(α·xᵢ, Aᵢⱼ, yⱼ) for i = 0, 1, … in order.
        var rng = new Rng(12);
        foreach (int m in new[] { 1, 3, 4, 5, 9 })
        {
            foreach (int n in new[] { 1, 8, 13, 64, 67 })
            {
                var a = RandomMatrix(rng, m, n, 2, 1);
                T[] x = Reference.RandomVector<T>(rng, m), y = Reference.RandomVector<T>(rng, n);
                T alpha = V(0.3), beta = V(-2);
                T[] expected = new T[n];
                for (int j = 0; j < n; j++)
                {
                    T acc = beta * y[j];
                    for (int i = 0; i < m; i++)
                    {
                        acc = Arithmetic.MultiplyAdd(alpha * x[i], a.View[i, j], acc);
                    }

                    expected[j] = acc;
                }

                Blas.Gemv(Transpose.Yes, alpha, a.View, x, beta, y);
                Assert.Equal(expected, y);
            }
        }
    }

    [Fact]
    public void Gemv_RejectsBadShapesAndOverlap()
    {
        var a = new Matrix<T>(3, 5);
        var e = Assert.Throws<ArgumentException>(() => Blas.Gemv(Transpose.No, T.One, a, new T[4], T.Zero, new T[3]));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("3×5", e.Message);
        Assert.Contains("4", e.Message);

        e = Assert.Throws<ArgumentException>(() => Blas.Gemv(Transpose.Yes, T.One, a, new T[3], T.Zero, new T[3]));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("5", e.Message);

        var buffer = new T[20];
        e = Assert.Throws<ArgumentException>(() => Blas.Gemv(Transpose.No, T.One, new ReadOnlyMatrixView<T>(buffer, 2, 5), new T[5], T.Zero, buffer.AsSpan(8, 2)));
        Assert.Contains("overlaps", e.Message);
    }

    [Fact]
    public void Gemv_PropagatesNaN()
    {
        var a = new Matrix<T>(4, 9);
        a.Data.Fill(T.One);
        a[2, 6] = T.NaN;
        var y = new T[4];
        Blas.Gemv(Transpose.No, T.One, a, new T[9], T.Zero, y);
        Assert.True(T.IsNaN(y[2]), "NaN·0 is NaN");
        Assert.False(T.IsNaN(y[1]));
    }

    [Fact]
    public void Ger_IsRowwiseFma_OnStridedViews()
    {
        var rng = new Rng(13);
        foreach (int m in RowCounts)
        {
            for (int n = 0; n <= 70; n++)
            {
                var a = RandomMatrix(rng, m, n, extraStride: 3, misalignment: n % 3);
                T[] before = new T[m * n];
                for (int i = 0; i < m; i++)
                {
                    a.View.Row(i).CopyTo(before.AsSpan(i * n, n));
                }

                T[] x = Reference.RandomVector<T>(rng, m), y = Reference.RandomVector<T>(rng, n);
                T alpha = V(1.75);
                Blas.Ger(alpha, x, y, a.View);
                a.AssertSentinelsIntact();
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        Assert.Equal(Arithmetic.MultiplyAdd(alpha * x[i], y[j], before[(i * n) + j]), a.View[i, j]);
                    }
                }
            }
        }
    }

    [Fact]
    public void Ger_RejectsBadShapes()
    {
        var a = new Matrix<T>(3, 5);
        var e = Assert.Throws<ArgumentException>(() => Blas.Ger(T.One, new T[3], new T[4], a));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("3×5", e.Message);
    }
}

/// <summary>Level-2 kernels in double.</summary>
public sealed class Level2KernelTestsDouble : Level2KernelTests<double>;

/// <summary>Level-2 kernels in float.</summary>
public sealed class Level2KernelTestsSingle : Level2KernelTests<float>;
