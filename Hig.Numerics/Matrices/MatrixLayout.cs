using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

/// <summary>Shape arithmetic and checks shared by <see cref="MatrixView{T}"/>, <see cref="ReadOnlyMatrixView{T}"/> and <see cref="Matrix{T}"/>.</summary>
internal static class MatrixLayout
{
    /// <summary>Validates a (rows, cols, rowStride) layout over a buffer of <paramref name="available"/> elements and returns the length the view spans.</summary>
    public static int CheckedLength(int available, int rows, int cols, int rowStride, string paramName)
    {
        ShapeGuard.NonNegative(rows, nameof(rows));
        ShapeGuard.NonNegative(cols, nameof(cols));
        if (rowStride < cols)
        {
            throw new ArgumentOutOfRangeException(nameof(rowStride), rowStride,
                $"rowStride must be at least cols = {cols} for a {ShapeGuard.Shape(rows, cols)} view, got {rowStride}.");
        }

        long needed = ShapeGuard.RequiredLength(rows, cols, rowStride);
        if (needed > available)
        {
            ShapeGuard.ThrowShape(paramName,
                $"{paramName} has {available} elements, but a {ShapeGuard.Shape(rows, cols)} view with row stride {rowStride} needs {needed}.");
        }

        return (int)needed;
    }

    public static void CheckSlice(int row, int col, int rows, int cols, int parentRows, int parentCols)
    {
        if (row < 0 || col < 0 || rows < 0 || cols < 0 || row > parentRows - rows || col > parentCols - cols)
        {
            throw new ArgumentOutOfRangeException(nameof(row),
                $"The {ShapeGuard.Shape(rows, cols)} block at ({row}, {col}) does not fit in a {ShapeGuard.Shape(parentRows, parentCols)} view.");
        }
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowIndex(int row, int col, int rows, int cols) =>
        throw new ArgumentOutOfRangeException(nameof(row), $"Index ({row}, {col}) is outside a {ShapeGuard.Shape(rows, cols)} matrix.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowRow(int row, int rows) =>
        throw new ArgumentOutOfRangeException(nameof(row), row, $"Row {row} is outside a matrix with {rows} rows.");
}
