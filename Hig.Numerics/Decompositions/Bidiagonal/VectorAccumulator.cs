// VectorAccumulator: the rotation sink of the SVD with vectors. U (M×N) and V (N×N) are copied transposed into
// padded work buffers, so each rotation of two columns becomes a rotation of two contiguous rows; rotations are
// logged per side and, whenever a log fills up (and once at the end), applied by the rotation kernel
// (SweepLog.ApplyToRows, RotationKernel) — two sweeps per pass over cache-resident chunks of the vectors instead of
// one pass over all of them per sweep.
// Flush copies the vectors back.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal ref struct VectorAccumulator<T> : IRotationSink<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Sweeps logged per side before the vectors are updated (a column chunk stays in cache for all of them).</summary>
    public const int SweepsPerPass = 32;

    private readonly MatrixView<T> _left;
    private readonly MatrixView<T> _right;
    private readonly MatrixView<T> _leftT;
    private readonly MatrixView<T> _rightT;
    private SweepLog<T> _leftLog;
    private SweepLog<T> _rightLog;

    /// <summary>Accumulates into the columns of <paramref name="left"/> (M×N) and <paramref name="right"/> (N×N).</summary>
    public VectorAccumulator(MatrixView<T> left, MatrixView<T> right, Span<T> work)
    {
        int m = left.Rows, n = left.Cols;
        _left = left;
        _right = right;
        _leftT = Transposition.PaddedTransposedCopy<T>(left, work);
        work = work[Transposition.PaddedLength<T>(n, m)..];
        _rightT = Transposition.PaddedTransposedCopy<T>(right, work);
        work = work[Transposition.PaddedLength<T>(n, n)..];
        int logLength = SweepLog<T>.StorageLength(SweepsPerPass * n, SweepsPerPass);
        _leftLog = new SweepLog<T>(work[..logLength], SweepsPerPass * n, SweepsPerPass);
        _rightLog = new SweepLog<T>(work.Slice(logLength, logLength), SweepsPerPass * n, SweepsPerPass);
    }

    /// <summary>Scratch for M×N left and N×N right vectors.</summary>
    public static int WorkspaceLength(int m, int n) =>
        Transposition.PaddedLength<T>(n, m) + Transposition.PaddedLength<T>(n, n) + (2 * SweepLog<T>.StorageLength(SweepsPerPass * n, SweepsPerPass));

    public void Left(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s) => Log(ref _leftLog, _leftT, lo, count, backward, c, s);

    public void Right(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s) => Log(ref _rightLog, _rightT, lo, count, backward, c, s);

    /// <summary>Applies what is still logged and copies the vectors back into the views given at construction.</summary>
    public void Flush()
    {
        _leftLog.ApplyToRows(_leftT);
        _leftLog.Clear();
        _rightLog.ApplyToRows(_rightT);
        _rightLog.Clear();
        Transposition.Copy<T>(_leftT.SliceCols(0, _left.Rows), _left);
        Transposition.Copy<T>(_rightT.SliceCols(0, _right.Rows), _right);
    }

    private static void Log(ref SweepLog<T> log, MatrixView<T> vectorsT, int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
        if (!log.TryAdd(lo, count, backward, c, s))
        {
            log.ApplyToRows(vectorsT);
            log.Clear();
            log.TryAdd(lo, count, backward, c, s);
        }
    }
}
