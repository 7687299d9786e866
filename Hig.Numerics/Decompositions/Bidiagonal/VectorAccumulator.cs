// VectorAccumulator: the rotation sink of the SVD with vectors. Rotations are logged per side and, whenever a log
// fills up (and once at the end), applied to the columns of U and V with the blocked kernel (SweepLog,
// RotationKernel) — many sweeps per pass over the vectors instead of one pass per sweep.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal ref struct VectorAccumulator<T> : IRotationSink<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Sweeps logged per side before the vectors are updated.</summary>
    public const int SweepsPerPass = 32;

    private readonly MatrixView<T> _left;
    private readonly MatrixView<T> _right;
    private readonly Span<T> _tile;
    private SweepLog<T> _leftLog;
    private SweepLog<T> _rightLog;

    /// <summary>Accumulates into the columns of <paramref name="left"/> (M×N) and <paramref name="right"/> (N×N).</summary>
    public VectorAccumulator(MatrixView<T> left, MatrixView<T> right, Span<T> work)
    {
        int n = left.Cols;
        int logLength = SweepLog<T>.StorageLength(SweepsPerPass * n, SweepsPerPass);
        _left = left;
        _right = right;
        _leftLog = new SweepLog<T>(work[..logLength], SweepsPerPass * n, SweepsPerPass);
        _rightLog = new SweepLog<T>(work.Slice(logLength, logLength), SweepsPerPass * n, SweepsPerPass);
        _tile = work.Slice(2 * logLength, RotationKernel.TileLength<T>(n));
    }

    /// <summary>Scratch for an order-N problem.</summary>
    public static int WorkspaceLength(int n) => (2 * SweepLog<T>.StorageLength(SweepsPerPass * n, SweepsPerPass)) + RotationKernel.TileLength<T>(n);

    public void Left(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s) => Log(ref _leftLog, _left, lo, count, backward, c, s);

    public void Right(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s) => Log(ref _rightLog, _right, lo, count, backward, c, s);

    /// <summary>Applies what is still logged.</summary>
    public void Flush()
    {
        _leftLog.ApplyToColumns(_left, _tile);
        _leftLog.Clear();
        _rightLog.ApplyToColumns(_right, _tile);
        _rightLog.Clear();
    }

    private readonly void Log(ref SweepLog<T> log, MatrixView<T> vectors, int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
        if (!log.TryAdd(lo, count, backward, c, s))
        {
            log.ApplyToColumns(vectors, _tile);
            log.Clear();
            log.TryAdd(lo, count, backward, c, s);
        }
    }
}
