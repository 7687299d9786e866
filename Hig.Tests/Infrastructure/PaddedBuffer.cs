using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Tests.Infrastructure;

/// <summary>
/// A buffer whose payload sits between sentinel-filled guard zones, and optionally in a strided layout whose
/// row gaps are sentinels too, so a kernel that writes one element out of bounds is caught by <see cref="AssertSentinelsIntact"/>.
/// The payload offset can be shifted to test that results do not depend on alignment.
/// </summary>
public sealed class PaddedBuffer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Guard elements before and after the payload.</summary>
    public const int Guard = 67;

    private readonly T[] _storage;
    private readonly int _offset;
    private readonly int _length;

    /// <summary>A vector of <paramref name="length"/> elements starting <paramref name="misalignment"/> elements after the guard.</summary>
    public PaddedBuffer(int length, int misalignment = 0)
        : this(1, length, length, misalignment)
    {
    }

    /// <summary>A rows×cols matrix with the given row stride; the gaps between rows are sentinels.</summary>
    public PaddedBuffer(int rows, int cols, int rowStride, int misalignment = 0)
    {
        Rows = rows;
        Cols = cols;
        RowStride = rowStride;
        _length = rows == 0 || cols == 0 ? 0 : ((rows - 1) * rowStride) + cols;
        _offset = Guard + misalignment;
        _storage = new T[_offset + _length + Guard];
        _storage.AsSpan().Fill(Sentinel);
    }

    /// <summary>The guard value: an unusual finite number no kernel produces by accident.</summary>
    public static T Sentinel { get; } = T.CreateTruncating(-7.0e3 - 0.123);

    /// <summary>Rows of the matrix layout (1 for a vector).</summary>
    public int Rows { get; }

    /// <summary>Columns of the matrix layout.</summary>
    public int Cols { get; }

    /// <summary>Distance between row starts.</summary>
    public int RowStride { get; }

    /// <summary>The payload span (including row gaps).</summary>
    public Span<T> Span => _storage.AsSpan(_offset, _length);

    /// <summary>The payload as a matrix view.</summary>
    public MatrixView<T> View => new(Span, Rows, Cols, RowStride);

    /// <summary>Copies values (row-major, Rows·Cols of them) into the payload.</summary>
    public PaddedBuffer<T> Fill(ReadOnlySpan<T> values)
    {
        for (int i = 0; i < Rows; i++)
        {
            values.Slice(i * Cols, Cols).CopyTo(View.Row(i));
        }

        return this;
    }

    /// <summary>Fails if any guard element or row gap was written.</summary>
    public void AssertSentinelsIntact()
    {
        for (int i = 0; i < _offset; i++)
        {
            Assert.True(_storage[i] == Sentinel, $"guard element {i - _offset} before the payload was overwritten");
        }

        for (int i = _offset + _length; i < _storage.Length; i++)
        {
            Assert.True(_storage[i] == Sentinel, $"guard element {i - _offset - _length} after the payload was overwritten");
        }

        for (int r = 0; r + 1 < Rows; r++)
        {
            for (int j = Cols; j < RowStride; j++)
            {
                Assert.True(_storage[_offset + (r * RowStride) + j] == Sentinel, $"row gap ({r}, {j}) was overwritten");
            }
        }
    }
}
