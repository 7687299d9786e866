// Transposition: out-of-place transposed copies between row-major views, in square blocks so both the reads and the
// writes stay within a few cache lines per block; and the padded row stride used for the transposed work buffers of
// the rotation kernel (a stride that is an odd number of cache lines spreads consecutive rows over all L1 sets,
// where a power-of-two stride would make the wavefront's band of rows collide in a few sets).
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class Transposition
{
    private const int Block = 32;

    /// <summary><paramref name="destination"/> ← <paramref name="source"/>ᵀ (shapes cols×rows and rows×cols).</summary>
    public static void Copy<T>(ReadOnlyMatrixView<T> source, MatrixView<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = source.Rows, cols = source.Cols;
        for (int i0 = 0; i0 < rows; i0 += Block)
        {
            int i1 = Math.Min(rows, i0 + Block);
            for (int j0 = 0; j0 < cols; j0 += Block)
            {
                int j1 = Math.Min(cols, j0 + Block);
                for (int i = i0; i < i1; i++)
                {
                    ReadOnlySpan<T> row = source.Row(i);
                    for (int j = j0; j < j1; j++)
                    {
                        destination[j, i] = row[j];
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
}
