// OrientedMatrix: a logical matrix L that is either a row-major view S (L = S) or its transpose (L = Sᵀ), so one
// Householder QR serves both QR of a tall A (reflectors down the columns of S) and LQ of a wide A (QR of Aᵀ:
// reflectors along the rows of S, which are contiguous) without copying A. Every operation maps to one BLAS call on
// S with the transposition flags swapped as needed; nothing here allocates.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal readonly ref struct OrientedMatrix<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public OrientedMatrix(MatrixView<T> storage, bool transposed)
    {
        Storage = storage;
        Transposed = transposed;
    }

    /// <summary>The row-major storage S.</summary>
    public MatrixView<T> Storage { get; }

    /// <summary>True when L = Sᵀ.</summary>
    public bool Transposed { get; }

    public int Rows => Transposed ? Storage.Cols : Storage.Rows;

    public int Cols => Transposed ? Storage.Rows : Storage.Cols;

    /// <summary>L(i, j).</summary>
    public ref T this[int i, int j] => ref (Transposed ? ref Storage[j, i] : ref Storage[i, j]);

    /// <summary>The logical block L[row.., col..] of the given size.</summary>
    public OrientedMatrix<T> Slice(int row, int col, int rows, int cols) =>
        Transposed
            ? new OrientedMatrix<T>(Storage.Slice(col, row, cols, rows), true)
            : new OrientedMatrix<T>(Storage.Slice(row, col, rows, cols), false);

    /// <summary>Copies L(row0 …, col) (to the last row) into <paramref name="destination"/>.</summary>
    public void CopyColumn(int col, int row0, Span<T> destination)
    {
        int len = Rows - row0;
        if (Transposed)
        {
            Storage.Row(col).Slice(row0, len).CopyTo(destination);
            return;
        }

        for (int i = 0; i < len; i++)
        {
            destination[i] = Storage[row0 + i, col];
        }
    }

    /// <summary>Writes <paramref name="source"/> into L(row0 …, col).</summary>
    public void WriteColumn(int col, int row0, ReadOnlySpan<T> source)
    {
        if (Transposed)
        {
            source.CopyTo(Storage.Row(col).Slice(row0, source.Length));
            return;
        }

        for (int i = 0; i < source.Length; i++)
        {
            Storage[row0 + i, col] = source[i];
        }
    }

    /// <summary>y ← Lᵀ·x (x of length Rows, y of length Cols).</summary>
    public void MultiplyTransposed(ReadOnlySpan<T> x, Span<T> y) =>
        Blas.Gemv(Transposed ? Transpose.No : Transpose.Yes, T.One, Storage, x, T.Zero, y);

    /// <summary>L ← L + α·x·yᵀ (x of length Rows, y of length Cols).</summary>
    public void RankOneUpdate(T alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> y)
    {
        if (Transposed)
        {
            Blas.Ger(alpha, y, x, Storage);
        }
        else
        {
            Blas.Ger(alpha, x, y, Storage);
        }
    }

    /// <summary>W ← Vt·L, with Vt p×Rows (the reflectors as rows) and W p×Cols.</summary>
    public void LeftMultiply(ReadOnlyMatrixView<T> vt, MatrixView<T> w) =>
        Blas.Gemm(Transpose.No, Transposed ? Transpose.Yes : Transpose.No, T.One, vt, Storage, T.Zero, w);

    /// <summary>L ← L − Vtᵀ·W, with Vt p×Rows and W p×Cols.</summary>
    public void SubtractTransposedProduct(ReadOnlyMatrixView<T> vt, ReadOnlyMatrixView<T> w)
    {
        if (Transposed)
        {
            Blas.Gemm(Transpose.Yes, Transpose.No, -T.One, w, vt, T.One, Storage);
        }
        else
        {
            Blas.Gemm(Transpose.Yes, Transpose.No, -T.One, vt, w, T.One, Storage);
        }
    }
}
