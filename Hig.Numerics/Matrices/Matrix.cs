using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Hig.Numerics;

/// <summary>
/// An owning, dense, row-major matrix: element (i, j) is <c>Data[i * Cols + j]</c>.
/// Kernels and decompositions work on its views (<see cref="AsView"/>, <see cref="AsReadOnlyView"/>),
/// which convert implicitly, so a <see cref="Matrix{T}"/> can be passed wherever a view is expected.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Matrix<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _data;

    /// <summary>Creates a <paramref name="rows"/>×<paramref name="cols"/> matrix of zeros.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or rows·cols exceeds <see cref="Array.MaxLength"/>.</exception>
    public Matrix(int rows, int cols)
    {
        _data = new T[ElementCount(rows, cols)];
        Rows = rows;
        Cols = cols;
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a <paramref name="rows"/>×<paramref name="cols"/> row-major matrix.</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> does not hold exactly rows·cols elements.</exception>
    public Matrix(int rows, int cols, T[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        long count = ElementCount(rows, cols);
        if (data.Length != count)
        {
            ShapeGuard.ThrowShape(nameof(data),
                $"data has {data.Length} elements, but a {ShapeGuard.Shape(rows, cols)} matrix needs exactly {count}.");
        }

        _data = data;
        Rows = rows;
        Cols = cols;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Cols { get; }

    /// <summary>The row-major storage, Rows·Cols elements.</summary>
    public Span<T> Data => _data;

    /// <summary>Element (<paramref name="row"/>, <paramref name="col"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the matrix.</exception>
    public ref T this[int row, int col]
    {
        get
        {
            if ((uint)row >= (uint)Rows || (uint)col >= (uint)Cols)
            {
                MatrixLayout.ThrowIndex(row, col, Rows, Cols);
            }

            return ref _data[(row * Cols) + col];
        }
    }

    /// <summary>Row <paramref name="row"/> as a span of <see cref="Cols"/> elements.</summary>
    public Span<T> Row(int row) => AsView().Row(row);

    /// <summary>A mutable view of the whole matrix.</summary>
    public MatrixView<T> AsView() => new(_data, Rows, Cols, Cols);

    /// <summary>A read-only view of the whole matrix.</summary>
    public ReadOnlyMatrixView<T> AsReadOnlyView() => new(_data, Rows, Cols, Cols);

    /// <summary>A mutable view of a sub-block.</summary>
    public MatrixView<T> Slice(int row, int col, int rows, int cols) => AsView().Slice(row, col, rows, cols);

    /// <summary>Converts to a mutable view of the whole matrix.</summary>
    public static implicit operator MatrixView<T>(Matrix<T> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return matrix.AsView();
    }

    /// <summary>Converts to a read-only view of the whole matrix.</summary>
    public static implicit operator ReadOnlyMatrixView<T>(Matrix<T> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return matrix.AsReadOnlyView();
    }

    /// <summary>The n×n identity matrix.</summary>
    public static Matrix<T> Identity(int n)
    {
        var identity = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            identity[i, i] = T.One;
        }

        return identity;
    }

    /// <summary>Copies a rectangular array (rows × cols, row-major by construction) into a new matrix.</summary>
    public static Matrix<T> FromArray(T[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var matrix = new Matrix<T>(values.GetLength(0), values.GetLength(1));
        for (int i = 0; i < matrix.Rows; i++)
        {
            for (int j = 0; j < matrix.Cols; j++)
            {
                matrix[i, j] = values[i, j];
            }
        }

        return matrix;
    }

    /// <summary>Copies any view into a new, dense matrix.</summary>
    public static Matrix<T> CopyOf(ReadOnlyMatrixView<T> source)
    {
        var matrix = new Matrix<T>(source.Rows, source.Cols);
        source.CopyTo(matrix.AsView());
        return matrix;
    }

    /// <summary>A deep copy.</summary>
    public Matrix<T> Clone() => new(Rows, Cols, (T[])_data.Clone());

    /// <summary>A new matrix holding the transpose (Cols×Rows). Allocates; for hot paths pass <see cref="Transpose"/> flags to the kernels instead.</summary>
    public Matrix<T> Transposed()
    {
        var transposed = new Matrix<T>(Cols, Rows);
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                transposed[j, i] = this[i, j];
            }
        }

        return transposed;
    }

    /// <summary>The elements as a rectangular array.</summary>
    public T[,] ToArray()
    {
        var values = new T[Rows, Cols];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                values[i, j] = this[i, j];
            }
        }

        return values;
    }

    /// <summary>The shape, and the elements when the matrix is small (at most 8×8), in round-trip format.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"Matrix<{typeof(T).Name}> {ShapeGuard.Shape(Rows, Cols)}");
        if (Rows <= 8 && Cols <= 8)
        {
            for (int i = 0; i < Rows; i++)
            {
                text.Append("\n  [");
                for (int j = 0; j < Cols; j++)
                {
                    text.Append(j == 0 ? string.Empty : ", ").Append(this[i, j].ToString("R", CultureInfo.InvariantCulture));
                }

                text.Append(']');
            }
        }

        return text.ToString();
    }

    private static int ElementCount(int rows, int cols)
    {
        ShapeGuard.NonNegative(rows, nameof(rows));
        ShapeGuard.NonNegative(cols, nameof(cols));
        long count = (long)rows * cols;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(rows),
                $"A {ShapeGuard.Shape(rows, cols)} matrix has {count} elements, more than an array can hold ({Array.MaxLength}).");
        }

        return (int)count;
    }
}
