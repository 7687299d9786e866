// Transposition: out-of-place transposed copies between row-major views, in square blocks so both the reads and the
// writes stay within a few cache lines per block; and the padded row stride used for the transposed work buffers of
// the rotation kernel (a stride that is an odd number of cache lines spreads consecutive rows over all L1 sets,
// where a power-of-two stride would make the rows the rotation kernel walks down collide in a few sets).
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class Transposition
{
    private const int Block = 16;

    /// <summary><paramref name="destination"/> ← <paramref name="source"/>ᵀ (shapes cols×rows and rows×cols).</summary>
    public static unsafe void Copy<T>(ReadOnlyMatrixView<T> source, MatrixView<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = source.Rows, cols = source.Cols;
        if (destination.Rows != cols || destination.Cols != rows)
        {
            ShapeGuard.ThrowShape(nameof(destination),
                $"destination is {ShapeGuard.Shape(destination.Rows, destination.Cols)} but the transpose of the source is {ShapeGuard.Shape(cols, rows)}.");
        }

        if (rows == 0 || cols == 0)
        {
            return;
        }

        nint ls = source.RowStride, ld = destination.RowStride;
        fixed (T* ps = source.Span)
        fixed (T* pd = destination.Span)
        {
            // Blocks of Block source rows: each source column j becomes a contiguous run of destination row j, and
            // the Block source rows being read stay in L1 while all their columns are visited.
            for (int i0 = 0; i0 < rows; i0 += Block)
            {
                int ib = Math.Min(Block, rows - i0);
                for (int j0 = 0; j0 < cols; j0 += Block)
                {
                    int jb = Math.Min(Block, cols - j0);
                    for (int j = j0; j < j0 + jb; j++)
                    {
                        T* src = ps + (i0 * ls) + j;
                        T* dst = pd + (j * ld) + i0;
                        for (int i = 0; i < ib; i++)
                        {
                            dst[i] = src[i * ls];
                        }
                    }
                }
            }
        }
    }

    /// <summary>A row stride ≥ <paramref name="length"/> that is an odd number of 64-byte lines.</summary>
    public static int PaddedStride<T>(int length)
        where T : unmanaged
    {
        int perLine = 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        int lines = Math.Max(1, (length + perLine - 1) / perLine);
        if (lines % 2 == 0)
        {
            lines++;
        }

        return lines * perLine;
    }

    /// <summary>Elements a rows×cols view with <see cref="PaddedStride{T}"/> needs.</summary>
    public static int PaddedLength<T>(int rows, int cols)
        where T : unmanaged => rows * PaddedStride<T>(cols);

    /// <summary><paramref name="length"/> rounded up to whole 64-byte lines (a multiple of every SIMD width).</summary>
    public static int LineRounded<T>(int length)
        where T : unmanaged
    {
        int perLine = 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return (length + perLine - 1) / perLine * perLine;
    }

    /// <summary>
    /// A rows×cols work view with a padded stride whose row length is rounded up to whole lines and zeroed, holding
    /// <paramref name="source"/>ᵀ in its first columns (cols ≥ source.Rows). Kernels may then run over the whole
    /// padded width; the padding stays zero under rotations.
    /// </summary>
    public static MatrixView<T> PaddedTransposedCopy<T>(ReadOnlyMatrixView<T> source, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = source.Cols, cols = LineRounded<T>(source.Rows);
        var view = new MatrixView<T>(work[..PaddedLength<T>(rows, source.Rows)], rows, cols, PaddedStride<T>(source.Rows));
        view.Clear();
        Copy(source, view.SliceCols(0, source.Rows));
        return view;
    }
}
