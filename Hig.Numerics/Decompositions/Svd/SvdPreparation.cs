// SvdPreparation: the first stage of every SVD route, which brings the input into the form the Householder stages
// work on. The logical matrix L is A (m ≥ n) or Aᵀ (m < n), so L is always M×N with M ≥ N — the SVD of Aᵀ is the SVD
// of A with U and V exchanged. Steps: one pass over A rejects NaN/±Inf and finds max|A| and the row and column
// max-norms (SvdInput.Scan); the power-of-two scaling exponent is chosen (dgesvd's anrm step); rows and columns of L
// are ordered by decreasing norm (NormOrdering); the scaled, permuted L is written where the reduction will run.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal ref struct SvdPreparation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Span<T> _rowKeys;
    private readonly Span<T> _colKeys;
    private readonly Span<int> _sortScratch;

    /// <summary>Carves the keys and orders of an M×N logical matrix.</summary>
    public SvdPreparation(scoped ref WorkspaceCarver<T> carver, int rows, int cols)
    {
        _rowKeys = carver.Take(rows);
        _colKeys = carver.Take(cols);
        RowOrder = carver.TakeInts(rows);
        ColOrder = carver.TakeInts(cols);
        _sortScratch = carver.TakeInts(Math.Max(rows, cols));
        RowsPermuted = false;
        ColsPermuted = false;
        Exponent = 0;
    }

    /// <summary>Row i of the prepared matrix is row RowOrder[i] of the logical matrix.</summary>
    public Span<int> RowOrder { get; }

    /// <summary>Column j of the prepared matrix is column ColOrder[j] of the logical matrix.</summary>
    public Span<int> ColOrder { get; }

    public bool RowsPermuted { get; private set; }

    public bool ColsPermuted { get; private set; }

    /// <summary>The prepared matrix is 2^Exponent times the (permuted) input; singular values scale back by 2^−Exponent.</summary>
    public int Exponent { get; private set; }

    /// <summary>Scans <paramref name="a"/> and writes 2^e·L[RowOrder[i], ColOrder[j]] into <paramref name="destination"/> (M×N).</summary>
    public void LoadCopy(ReadOnlyMatrixView<T> a, bool transposed, MatrixView<T> destination, bool sortByNorm)
    {
        T maxAbs = SvdInput.Scan(a, nameof(a), transposed ? _colKeys : _rowKeys, transposed ? _rowKeys : _colKeys);
        Order(maxAbs, sortByNorm);
        T factor = T.ScaleB(T.One, Exponent);
        int rows = destination.Rows, cols = destination.Cols;
        if (!transposed)
        {
            for (int i = 0; i < rows; i++)
            {
                ReadOnlySpan<T> source = a.Row(RowOrder[i]);
                Span<T> target = destination.Row(i);
                for (int j = 0; j < cols; j++)
                {
                    target[j] = factor * source[ColOrder[j]];
                }
            }

            return;
        }

        // L = Aᵀ: destination[i, j] = A[ColOrder[j], RowOrder[i]], taking A a block of rows at a time so that the
        // block (a few rows of A) stays in cache while every destination row picks its entries from it.
        CopyTransposedPermuted(a, destination, factor);
    }

    private readonly unsafe void CopyTransposedPermuted(ReadOnlyMatrixView<T> a, MatrixView<T> destination, T factor)
    {
        const int Block = 16;
        int rows = destination.Rows, cols = destination.Cols;
        nint lda = a.RowStride, ldd = destination.RowStride;
        Span<int> rowOrder = RowOrder, colOrder = ColOrder;
        fixed (T* pa = a.Span)
        fixed (T* pd = destination.Span)
        fixed (int* ro = rowOrder)
        fixed (int* co = colOrder)
        {
            T** source = stackalloc T*[Block];
            for (int j0 = 0; j0 < cols; j0 += Block)
            {
                int jb = Math.Min(Block, cols - j0);
                for (int q = 0; q < jb; q++)
                {
                    source[q] = pa + (co[j0 + q] * lda);
                }

                for (int i = 0; i < rows; i++)
                {
                    T* target = pd + (i * ldd) + j0;
                    int src = ro[i];
                    for (int q = 0; q < jb; q++)
                    {
                        target[q] = factor * source[q][src];
                    }
                }
            }
        }
    }

    /// <summary>Scans <paramref name="a"/> (m ≥ n or not) and permutes and scales it in place; orders refer to A's own rows and columns.</summary>
    public void LoadInPlace(MatrixView<T> a, bool sortByNorm, Span<T> rowScratch)
    {
        T maxAbs = SvdInput.Scan(a, nameof(a), _rowKeys, _colKeys);
        Order(maxAbs, sortByNorm);
        if (RowsPermuted)
        {
            NormOrdering.GatherRows(a, RowOrder, rowScratch);
        }

        if (ColsPermuted)
        {
            NormOrdering.GatherColumns(a, ColOrder, rowScratch);
        }

        SvdInput.ScaleByPowerOfTwo(a, Exponent);
    }

    private void Order(T maxAbs, bool sortByNorm)
    {
        Exponent = SvdInput.ScalingExponent(maxAbs);
        if (sortByNorm)
        {
            RowsPermuted = !NormOrdering.Decreasing<T>(_rowKeys, RowOrder, _sortScratch);
            ColsPermuted = !NormOrdering.Decreasing<T>(_colKeys, ColOrder, _sortScratch);
            return;
        }

        for (int i = 0; i < RowOrder.Length; i++)
        {
            RowOrder[i] = i;
        }

        for (int j = 0; j < ColOrder.Length; j++)
        {
            ColOrder[j] = j;
        }
    }
}
