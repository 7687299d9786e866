using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

/// <summary>
/// A read-only, non-owning, row-major view of a <see cref="Rows"/>×<see cref="Cols"/> block of memory:
/// element (i, j) lives at <c>Span[i * RowStride + j]</c>. The read-only twin of <see cref="MatrixView{T}"/>,
/// with the same invariants.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly ref struct ReadOnlyMatrixView<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ReadOnlySpan<T> _span;

    /// <summary>Creates a dense view (row stride = <paramref name="cols"/>) over the start of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> is shorter than rows·cols.</exception>
    public ReadOnlyMatrixView(ReadOnlySpan<T> data, int rows, int cols)
        : this(data, rows, cols, cols)
    {
    }

    /// <summary>Creates a strided view over the start of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or <paramref name="rowStride"/> &lt; <paramref name="cols"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the shape and stride.</exception>
    public ReadOnlyMatrixView(ReadOnlySpan<T> data, int rows, int cols, int rowStride)
    {
        int length = MatrixLayout.CheckedLength(data.Length, rows, cols, rowStride, nameof(data));
        _span = data[..length];
        Rows = rows;
        Cols = cols;
        RowStride = rowStride;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Cols { get; }

    /// <summary>Distance, in elements, between the starts of consecutive rows (≥ <see cref="Cols"/>).</summary>
    public int RowStride { get; }

    /// <summary>True when the view has no elements.</summary>
    public bool IsEmpty => Rows == 0 || Cols == 0;

    /// <summary>True when the rows follow each other without gaps.</summary>
    public bool IsContiguous => RowStride == Cols || Rows <= 1;

    /// <summary>The memory from element (0, 0) to element (Rows−1, Cols−1), including the gaps between rows.</summary>
    public ReadOnlySpan<T> Span => _span;

    /// <summary>Element (<paramref name="row"/>, <paramref name="col"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the view.</exception>
    public ref readonly T this[int row, int col]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)row >= (uint)Rows || (uint)col >= (uint)Cols)
            {
                MatrixLayout.ThrowIndex(row, col, Rows, Cols);
            }

            return ref Unsafe.Add(ref MemoryMarshal.GetReference(_span), (nint)row * RowStride + col);
        }
    }

    /// <summary>Row <paramref name="row"/> as a span of <see cref="Cols"/> elements.</summary>
    public ReadOnlySpan<T> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            MatrixLayout.ThrowRow(row, Rows);
        }

        return Cols == 0 ? default : _span.Slice(row * RowStride, Cols);
    }

    /// <summary>The sub-block of <paramref name="rows"/>×<paramref name="cols"/> elements whose top-left corner is (<paramref name="row"/>, <paramref name="col"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The block does not fit inside this view.</exception>
    public ReadOnlyMatrixView<T> Slice(int row, int col, int rows, int cols)
    {
        MatrixLayout.CheckSlice(row, col, rows, cols, Rows, Cols);
        if (rows == 0 || cols == 0)
        {
            return new ReadOnlyMatrixView<T>(ReadOnlySpan<T>.Empty, rows, cols, cols);
        }

        int start = row * RowStride + col;
        return new ReadOnlyMatrixView<T>(_span[start..], rows, cols, RowStride);
    }

    /// <summary>Rows <paramref name="start"/> … <paramref name="start"/>+<paramref name="count"/>−1, all columns.</summary>
    public ReadOnlyMatrixView<T> SliceRows(int start, int count) => Slice(start, 0, count, Cols);

    /// <summary>Columns <paramref name="start"/> … <paramref name="start"/>+<paramref name="count"/>−1, all rows.</summary>
    public ReadOnlyMatrixView<T> SliceCols(int start, int count) => Slice(0, start, Rows, count);

    /// <summary>Copies this view into <paramref name="destination"/>, which must have the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyTo(MatrixView<T> destination)
    {
        if (destination.Rows != Rows || destination.Cols != Cols)
        {
            ShapeGuard.ThrowShape(nameof(destination),
                $"destination is {ShapeGuard.Shape(destination.Rows, destination.Cols)} but the source is {ShapeGuard.Shape(Rows, Cols)}.");
        }

        for (int i = 0; i < Rows; i++)
        {
            Row(i).CopyTo(destination.Row(i));
        }
    }

    /// <summary>Shape and stride, for messages and debuggers.</summary>
    public override string ToString() => $"ReadOnlyMatrixView<{typeof(T).Name}> {ShapeGuard.Shape(Rows, Cols)} (row stride {RowStride})";
}
