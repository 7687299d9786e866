// SweepLog: a bounded log of rotation sweeps as the bidiagonal QR emits them (see IRotationSink for the convention),
// with the two things one can do with such a log:
//  - ApplyToRows: X ← X·G₁·G₂⋯ for X held transposed (each rotation mixing two adjacent rows of Xᵀ), for
//    accumulating singular vectors: the logged sweeps go to RotationKernel together (pairs fused in registers,
//    column chunks kept in cache), so X is read and written a few times per log instead of once per sweep.
//  - ReplayOnVectors: w ← G₁·G₂⋯G_N·w for a few vectors w (rows of W are the coordinates), the right-hand side of
//    the κ-power step: the rotations are undone in reverse order, transposed.
// Invariants: sweeps are kept in emission order; every rotation is stored exactly as emitted (no re-rounding), so
// applying the log is the same arithmetic as applying each rotation when it happened.
using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

internal ref struct SweepLog<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int HeaderInts = 3;

    private readonly Span<T> _c;
    private readonly Span<T> _s;
    private readonly Span<int> _headers;
    private int _sweeps;
    private int _rotations;

    /// <summary>A log holding up to <paramref name="rotationCapacity"/> rotations in up to <paramref name="sweepCapacity"/> sweeps, carved from <paramref name="storage"/>.</summary>
    public SweepLog(Span<T> storage, int rotationCapacity, int sweepCapacity)
    {
        _c = storage[..rotationCapacity];
        _s = storage.Slice(rotationCapacity, rotationCapacity);
        _headers = MemoryMarshal.Cast<T, int>(storage.Slice(2 * rotationCapacity, HeaderStorage(sweepCapacity)))[..(HeaderInts * sweepCapacity)];
        _sweeps = 0;
        _rotations = 0;
    }

    /// <summary>Elements of T that a log with the given capacities occupies.</summary>
    public static int StorageLength(int rotationCapacity, int sweepCapacity) => (2 * rotationCapacity) + HeaderStorage(sweepCapacity);

    /// <summary>Appends a sweep; false (and nothing logged) when it does not fit.</summary>
    public bool TryAdd(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
        if (_sweeps * HeaderInts >= _headers.Length || _rotations + count > _c.Length)
        {
            return false;
        }

        int h = _sweeps * HeaderInts;
        _headers[h] = lo;
        _headers[h + 1] = count;
        _headers[h + 2] = backward ? 1 : 0;
        c[..count].CopyTo(_c[_rotations..]);
        s[..count].CopyTo(_s[_rotations..]);
        _rotations += count;
        _sweeps++;
        return true;
    }

    /// <summary>Forgets every logged sweep.</summary>
    public void Clear()
    {
        _sweeps = 0;
        _rotations = 0;
    }

    /// <summary>
    /// X ← X·G₁⋯G_N for X held transposed: every logged rotation, in order, on the rows of <paramref name="xt"/>
    /// (row j of xt is column j of X). Runs of sweeps in one direction go to the kernel together.
    /// </summary>
    public readonly void ApplyToRows(MatrixView<T> xt)
    {
        int sweep = 0, offset = 0;
        while (sweep < _sweeps)
        {
            bool backward = _headers[(sweep * HeaderInts) + 2] != 0;
            int end = sweep, rotations = 0;
            while (end < _sweeps && (_headers[(end * HeaderInts) + 2] != 0) == backward)
            {
                rotations += _headers[(end * HeaderInts) + 1];
                end++;
            }

            RotationKernel.Apply<T>(xt, _headers[(sweep * HeaderInts)..(end * HeaderInts)], backward, _c.Slice(offset, rotations), _s.Slice(offset, rotations));
            offset += rotations;
            sweep = end;
        }
    }

    /// <summary>
    /// W ← G₁⋯G_N·W for the k×r matrix <paramref name="w"/> whose rows are the coordinates: the rotations are applied
    /// last to first, each transposed (a rotation (c, s) on columns x, y of V acts on a vector as x ← c·x − s·y,
    /// y ← c·y + s·x).
    /// </summary>
    public readonly void ReplayOnVectors(MatrixView<T> w)
    {
        int offset = _rotations;
        for (int sweep = _sweeps - 1; sweep >= 0; sweep--)
        {
            int h = sweep * HeaderInts;
            int lo = _headers[h], count = _headers[h + 1];
            bool backward = _headers[h + 2] != 0;
            offset -= count;
            if (backward)
            {
                for (int j = 0; j < count; j++)
                {
                    RotateRows(w, lo + j, _c[offset + j], -_s[offset + j]);
                }
            }
            else
            {
                for (int j = count - 1; j >= 0; j--)
                {
                    RotateRows(w, lo + j, _c[offset + j], -_s[offset + j]);
                }
            }
        }
    }

    /// <summary>Rows (i, i+1) of <paramref name="w"/> ← the rotation (c, s): x ← c·x + s·y, y ← c·y − s·x.</summary>
    public static void RotateRows(MatrixView<T> w, int i, T c, T s)
    {
        if (w.Cols == 1)
        {
            ref T x = ref w[i, 0];
            ref T y = ref w[i + 1, 0];
            T xOld = x;
            x = Arithmetic.MultiplyAdd(c, xOld, s * y);
            y = Arithmetic.MultiplyAdd(c, y, -(s * xOld));
            return;
        }

        Blas.RotUnchecked(ref MemoryMarshal.GetReference(w.Row(i)), ref MemoryMarshal.GetReference(w.Row(i + 1)), w.Cols, c, s);
    }

    private static int HeaderStorage(int sweepCapacity)
    {
        int bytes = HeaderInts * sweepCapacity * sizeof(int);
        int size = typeof(T) == typeof(double) ? sizeof(double) : sizeof(float);
        return (bytes + size - 1) / size;
    }
}
