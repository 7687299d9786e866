using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Nn;

/// <summary>
/// The narrow-layer product: bit for bit what Blas.Gemm followed by Elementwise.Multiply computes (its documented
/// invariant), for every width from 1 to the largest it accepts (all vector tails), row counts that leave 0–7 rows of a
/// block of eight, strided and misaligned operands, and a plain double-double reference as a sanity bound.
/// </summary>
public abstract class NarrowProductTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(5, 3, 7)]
    [InlineData(6, 20, 20)]
    [InlineData(7, 24, 20)]
    [InlineData(13, 4, 31)]
    [InlineData(9, 33, 32)]
    [InlineData(4, 256, 17)]
    [InlineData(10, 5, 9)]
    [InlineData(11, 20, 24)]
    [InlineData(16, 2, 16)]
    public void MatchesGemmBitForBitAndTheExactProductWithinItsBound(int m, int k, int maxN)
    {
        var rng = new Rng(5200 + (ulong)((m * 1000) + (k * 10) + maxN));
        for (int n = 1; n <= maxN; n++)
        {
            foreach (int rowsPerScale in new[] { 0, 1, 3 })
            {
                var a = new PaddedBuffer<T>(m, k, k + 3, misalignment: 1);
                var b = new PaddedBuffer<T>(k, n, n + 2, misalignment: 2);
                rng.FillUniform(a.View.Span, -T.One, T.One);
                rng.FillUniform(b.View.Span, -T.One, T.One);
                int scaleRows = rowsPerScale == 0 ? 0 : (m + rowsPerScale - 1) / rowsPerScale;
                var scale = new Matrix<T>(scaleRows, n);
                rng.FillUniform(scale.Data, -T.One, T.One);

                var expected = new Matrix<T>(m, n);
                Blas.Gemm(Transpose.No, Transpose.No, T.One, a.View, b.View, T.Zero, expected);
                if (rowsPerScale > 0)
                {
                    for (int r = 0; r < m; r++)
                    {
                        Elementwise.Multiply<T>(expected.Row(r), scale.Row(r / rowsPerScale), expected.Row(r));
                    }
                }

                var c = new PaddedBuffer<T>(m, n, n + 5, misalignment: 3);
                c.View.Fill(T.NaN);
                NarrowProduct.Multiply<T>(a.View, b.View, c.View, rowsPerScale == 0 ? default : scale.AsReadOnlyView(), Math.Max(rowsPerScale, 1));
                c.AssertSentinelsIntact();
                string what = $"{m}×{k} · {k}×{n}, scale every {rowsPerScale} row(s)";
                for (int r = 0; r < m; r++)
                {
                    for (int col = 0; col < n; col++)
                    {
                        T actual = c.View[r, col];
                        Assert.True(actual.Equals(expected[r, col]), $"{what}: C[{r}, {col}] = {actual}, gemm gives {expected[r, col]}");

                        // Independent check: |computed − exact| ≤ (k + 1)·ε·Σ|a||b|·|s| (k fused steps, one scaling), plus the
                        // reference's own error: its double-double sum rounded to double, then one double product, ≤ 2·2⁻⁵³·|exact|.
                        var sum = new DoubleDouble(0, 0);
                        double magnitude = 0;
                        for (int p = 0; p < k; p++)
                        {
                            double ap = double.CreateChecked(a.View[r, p]), bp = double.CreateChecked(b.View[p, col]);
                            sum = sum.AddProduct(ap, bp);
                            magnitude += Math.Abs(ap * bp);
                        }

                        double s = rowsPerScale == 0 ? 1 : double.CreateChecked(scale[r / rowsPerScale, col]);
                        double exact = sum.Value * s;
                        Assert.True(Math.Abs(double.CreateChecked(actual) - exact) <= ((k + 1) * Eps * magnitude * Math.Abs(s)) + Math.ScaleB(Math.Abs(exact), -52),
                            $"{what}: C[{r}, {col}] = {actual}, exact {exact}");
                    }
                }
            }
        }
    }
}

public sealed class NarrowProductTestsDouble : NarrowProductTests<double>;

public sealed class NarrowProductTestsSingle : NarrowProductTests<float>;
