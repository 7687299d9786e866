using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;
using Xunit;

namespace Hig.Tests.Numerics;

/// <summary>
/// gemm's packing primitives against naive index loops: every shape up to 2½ register tiles in each direction
/// (so whole tiles, partial tiles and tile-free shapes all occur), strided and misaligned source and destination,
/// sentinel guards around the destination. Packing only moves bits, so the comparison is exact.
/// </summary>
public abstract unsafe class PanelCopyTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int MaxExtent = 21;

    private static PaddedBuffer<T> RandomSource(Rng rng, int rows, int cols, int misalignment) =>
        new PaddedBuffer<T>(rows, cols, cols + 3, misalignment).Fill(Reference.RandomVector<T>(rng, rows * cols));

    [Fact]
    public void Transpose_EqualsNaiveLoop_ForEveryShape_WithAndWithoutVectorTiles()
    {
        var rng = new Rng(11);
        for (int rows = 0; rows <= MaxExtent; rows++)
        {
            for (int cols = 0; cols <= MaxExtent; cols++)
            {
                PaddedBuffer<T> src = RandomSource(rng, rows, cols, misalignment: (rows + cols) % 3);
                var tiled = new PaddedBuffer<T>(cols, rows, rows + 2, misalignment: rows % 2);
                var scalar = new PaddedBuffer<T>(cols, rows, rows + 2, misalignment: 1);
                fixed (T* s = src.Span, dTiled = tiled.Span, dScalar = scalar.Span)
                {
                    PanelCopy.Transpose(s, src.RowStride, rows, cols, dTiled, tiled.RowStride);
                    PanelCopy.TransposeRemainder(s, src.RowStride, 0, 0, rows, cols, dScalar, scalar.RowStride);
                }

                for (int i = 0; i < rows; i++)
                {
                    for (int k = 0; k < cols; k++)
                    {
                        Assert.Equal(src.View[i, k], tiled.View[k, i]);
                        Assert.Equal(src.View[i, k], scalar.View[k, i]);
                    }
                }

                tiled.AssertSentinelsIntact();
                scalar.AssertSentinelsIntact();
            }
        }
    }

    [Fact]
    public void Copy_EqualsNaiveLoop_ForEveryShape()
    {
        var rng = new Rng(12);
        for (int count = 0; count <= MaxExtent; count++)
        {
            for (int width = 0; width <= 2 * MaxExtent; width++)
            {
                PaddedBuffer<T> src = RandomSource(rng, count, width, misalignment: width % 3);
                var dst = new PaddedBuffer<T>(count, width, width + 1, misalignment: count % 2);
                fixed (T* s = src.Span, d = dst.Span)
                {
                    PanelCopy.Copy(s, src.RowStride, count, width, d, dst.RowStride);
                }

                for (int k = 0; k < count; k++)
                {
                    for (int i = 0; i < width; i++)
                    {
                        Assert.Equal(src.View[k, i], dst.View[k, i]);
                    }
                }

                dst.AssertSentinelsIntact();
            }
        }
    }

    [Fact]
    public void ClearColumns_ZeroesExactlyTheRequestedColumns()
    {
        var rng = new Rng(13);
        const int count = 5, width = 9;
        for (int from = 0; from <= width; from++)
        {
            var dst = new PaddedBuffer<T>(count, width, width + 2).Fill(Reference.RandomVector<T>(rng, count * width));
            T[,] before = new T[count, width];
            for (int k = 0; k < count; k++)
            {
                for (int i = 0; i < width; i++)
                {
                    before[k, i] = dst.View[k, i];
                }
            }

            fixed (T* d = dst.Span)
            {
                PanelCopy.ClearColumns(d, dst.RowStride, count, from, width);
            }

            for (int k = 0; k < count; k++)
            {
                for (int i = 0; i < width; i++)
                {
                    Assert.Equal(i < from ? before[k, i] : T.Zero, dst.View[k, i]);
                }
            }

            dst.AssertSentinelsIntact();
        }
    }
}

public sealed class PanelCopyTestsDouble : PanelCopyTests<double>;

public sealed class PanelCopyTestsSingle : PanelCopyTests<float>;
