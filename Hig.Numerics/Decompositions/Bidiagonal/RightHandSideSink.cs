// RightHandSideSink: the rotation sink of the κ-power step, which never forms the singular vectors.
// One side's rotations (the side that multiplies g) are applied to the k×r right-hand sides H as they are generated
// (Hᵢ ← rotation of rows i, i+1), exactly as LAPACK's dgelss passes its right-hand side to dbdsqr. The other side's
// rotations are logged; after convergence ReplayOnto applies their product to the short vectors w = Λ^(−κ)·H. The
// log holds 1.5·k² rotations (a run needs about 0.85·k² per side); should it fill, it is folded into an explicit k×k
// accumulator (started as the identity, kept transposed) with the rotation kernel, so the workspace stays bounded
// whatever the number of sweeps.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal ref struct RightHandSideSink<T> : IRotationSink<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MatrixView<T> _h;
    private readonly bool _leftOnTheFly;
    private readonly MatrixView<T> _accumulatorT;
    private SweepLog<T> _log;
    private bool _accumulated;

    /// <summary>
    /// <paramref name="leftOnTheFly"/>: the left rotations act on <paramref name="h"/> now and the right ones are logged
    /// (g multiplies Uᵀ); otherwise the reverse (g multiplies Vᵀ, for a transposed problem).
    /// </summary>
    public RightHandSideSink(MatrixView<T> h, bool leftOnTheFly, Span<T> work)
        : this(h, leftOnTheFly, work, LogRotations(h.Rows), LogSweeps(h.Rows))
    {
    }

    /// <summary>With explicit log capacities (tests use tiny ones to exercise the folding).</summary>
    internal RightHandSideSink(MatrixView<T> h, bool leftOnTheFly, Span<T> work, int logRotations, int logSweeps)
    {
        int n = h.Rows;
        ArgumentOutOfRangeException.ThrowIfLessThan(logRotations, Math.Max(n - 1, 1)); // one sweep must always fit
        ArgumentOutOfRangeException.ThrowIfLessThan(logSweeps, 1);
        _h = h;
        _leftOnTheFly = leftOnTheFly;
        _accumulatorT = new MatrixView<T>(work[..Transposition.PaddedLength<T>(n, n)], n, Transposition.LineRounded<T>(n), Transposition.PaddedStride<T>(n));
        work = work[Transposition.PaddedLength<T>(n, n)..];
        _log = new SweepLog<T>(work, logRotations, logSweeps);
        _accumulated = false;
    }

    /// <summary>Scratch for an order-N problem.</summary>
    public static int WorkspaceLength(int n) =>
        Transposition.PaddedLength<T>(n, n) + SweepLog<T>.StorageLength(LogRotations(n), LogSweeps(n));

    public void Left(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
        if (_leftOnTheFly)
        {
            Rotate(lo, count, backward, c, s);
        }
        else
        {
            Log(lo, count, backward, c, s);
        }
    }

    public void Right(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
        if (_leftOnTheFly)
        {
            Log(lo, count, backward, c, s);
        }
        else
        {
            Rotate(lo, count, backward, c, s);
        }
    }

    /// <summary>W ← (product of the logged side's rotations)·W for the k×r vectors W; <paramref name="scratch"/> holds k·r.</summary>
    public readonly void ReplayOnto(MatrixView<T> w, Span<T> scratch)
    {
        _log.ReplayOnVectors(w);
        if (_accumulated)
        {
            var product = new MatrixView<T>(scratch, w.Rows, w.Cols);
            Blas.Gemm(Transpose.Yes, Transpose.No, T.One, _accumulatorT.SliceCols(0, w.Rows), w, T.Zero, product);
            product.CopyTo(w);
        }
    }

    /// <summary>Log capacity in rotations: about 1.5·k² covers a typical run without folding (k² rotations is common).</summary>
    private static int LogRotations(int n) => Math.Max(2 * n, 3 * n * n / 2);

    private static int LogSweeps(int n) => Math.Max(16, 8 * n);

    private readonly void Rotate(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
        if (backward)
        {
            for (int j = count - 1; j >= 0; j--)
            {
                SweepLog<T>.RotateRows(_h, lo + j, c[j], s[j]);
            }
        }
        else
        {
            for (int j = 0; j < count; j++)
            {
                SweepLog<T>.RotateRows(_h, lo + j, c[j], s[j]);
            }
        }
    }

    private void Log(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
        if (_log.TryAdd(lo, count, backward, c, s))
        {
            return;
        }

        if (!_accumulated)
        {
            _accumulatorT.Clear();
            for (int i = 0; i < _accumulatorT.Rows; i++)
            {
                _accumulatorT[i, i] = T.One;
            }

            _accumulated = true;
        }

        _log.ApplyToRows(_accumulatorT);
        _log.Clear();
        _log.TryAdd(lo, count, backward, c, s);
    }
}
