// IRotationSink: where the bidiagonal QR iteration sends the rotations it generates. The iteration itself only
// updates d and e; a sink decides what the rotations do to the singular vectors (nothing, accumulate them into U
// and V, apply one side to right-hand sides and record the other). Sinks are structs passed by reference, so the
// JIT specializes the iteration for each and the calls inline (no interface dispatch in the loop).
using System;

namespace Hig.Numerics;

/// <summary>Receives the plane rotations of the bidiagonal QR iteration, one sweep at a time.</summary>
/// <remarks>
/// A sweep of <c>count</c> rotations acts on the index pairs (lo + j, lo + j + 1), j = 0 … count − 1, applied in
/// increasing j (forward) or decreasing j (backward). Rotation j with (c, s) updates the pair (x, y) of
/// columns of U (left side) or of V (right side) as x ← c·x + s·y, y ← c·y − s·x (LAPACK's dlasr/drot convention).
/// </remarks>
internal interface IRotationSink<T>
{
    /// <summary>Rotations that multiply U from the right: U ← U·G (the left singular vectors).</summary>
    void Left(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s);

    /// <summary>Rotations that multiply V from the right: V ← V·G (the right singular vectors).</summary>
    void Right(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s);
}

/// <summary>Discards the rotations: singular values only.</summary>
internal struct NoRotations<T> : IRotationSink<T>
{
    public readonly void Left(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
    }

    public readonly void Right(int lo, int count, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
    {
    }
}
