// RowRotationSink: the rotation sink of the divide-and-conquer leaves. The leaves are small (at most
// BidiagonalDivideAndConquer.DefaultLeafSize rows), so each rotation is applied at once, with Blas.Rot, to two
// contiguous rows of Uᵀ or Vᵀ: a rotation of columns (x, y) of U is the same rotation of rows x, y of Uᵀ
// (x ← c·x + s·y, y ← c·y − s·x, IRotationSink's convention). Row lo + j of each view is vector lo + j.
// Invariant: both views keep orthonormal rows to working precision (each rotation is orthogonal).
using System;
using System.Numerics;

namespace Hig.Numerics;

internal readonly ref struct RowRotationSink<T> : IRotationSink<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MatrixView<T> _ut;
    private readonly MatrixView<T> _vt;

    /// <summary>Rotations of U act on the rows of <paramref name="ut"/>, those of V on the rows of <paramref name="vt"/>.</summary>
    public RowRotationSink(MatrixView<T> ut, MatrixView<T> vt)
    {
        _ut = ut;
        _vt = vt;
    }

    public void Left(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s) => Apply(_ut, lo, count, backward, c, s);

    public void Right(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s) => Apply(_vt, lo, count, backward, c, s);

    private static void Apply(MatrixView<T> rows, int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
        for (int step = 0; step < count; step++)
        {
            int j = backward ? count - 1 - step : step;
            Blas.Rot(rows.Row(lo + j), rows.Row(lo + j + 1), c[j], s[j]);
        }
    }
}
