// DualLanes: forward-mode automatic differentiation carrying many tangents at once (Griewank & Walther,
// "Evaluating Derivatives", 2nd ed., §3.2 "vector forward mode"; JAX's vmap of jvp).
//
// A number is a primal value and a block of tangent lanes, two 512-bit vectors (16 lanes in double, 32 in float).
// Lane j is exactly what a Dual<T> seeded with the j-th direction would carry: every operation pushes each lane
// through the local derivative from ScalarRules with the same IEEE operations, in the same order and with the
// same multiply-adds (Arithmetic.MultiplyAdd) as Dual<T>, so lane j equals the tangent of the j-th scalar dual pass bit for bit.
// One evaluation of generic code on these numbers therefore yields up to Lanes columns of a Jacobian, at the cost
// of one primal evaluation plus a few vector operations per primitive, with no tape and no per-operation
// bookkeeping. Used for the Jacobian ∂P/∂u of a physics function with few inputs.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A forward-mode dual number with <see cref="Lanes"/> tangents (two 512-bit vectors): lane j carries the derivative
/// along the j-th seeded input direction.
/// </summary>
/// <typeparam name="T">The floating-point type (float or double).</typeparam>
internal readonly struct DualLanes<T> : IDifferentiableScalar<DualLanes<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector512<T> _low;
    private readonly Vector512<T> _high;

    private DualLanes(T value, Vector512<T> low, Vector512<T> high)
    {
        Value = value;
        _low = low;
        _high = high;
    }

    /// <summary>Tangent lanes per number: 16 in double, 32 in float.</summary>
    public static int Lanes => 2 * Vector512<T>.Count;

    /// <inheritdoc/>
    public T Value { get; }

    /// <summary>A variable with value <paramref name="value"/> whose tangent is 1 in lane <paramref name="lane"/> and 0 elsewhere (lane −1: all 0).</summary>
    public static DualLanes<T> Seeded(T value, int lane)
    {
        int width = Vector512<T>.Count;
        Vector512<T> low = Vector512<T>.Zero, high = Vector512<T>.Zero;
        if ((uint)lane < (uint)width)
        {
            low = low.WithElement(lane, T.One);
        }
        else if ((uint)(lane - width) < (uint)width)
        {
            high = high.WithElement(lane - width, T.One);
        }

        return new(value, low, high);
    }

    /// <summary>This number's tangents with another value (seeds made once, then reused for every sample).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DualLanes<T> WithValue(T value) => new(value, _low, _high);

    /// <summary>Tangent lane <paramref name="lane"/> (0 ≤ lane &lt; <see cref="Lanes"/>).</summary>
    public T Tangent(int lane) => lane < Vector512<T>.Count ? _low.GetElement(lane) : _high.GetElement(lane - Vector512<T>.Count);

    /// <summary>destination[j] ← tangent lane j for j &lt; destination.Length (at most <see cref="Lanes"/>).</summary>
    public void CopyTangents(Span<T> destination)
    {
        int width = Vector512<T>.Count;
        if (destination.Length == 2 * width)
        {
            _low.CopyTo(destination);
            _high.CopyTo(destination[width..]);
            return;
        }

        Span<T> all = stackalloc T[2 * width];
        _low.CopyTo(all);
        _high.CopyTo(all[width..]);
        all[..destination.Length].CopyTo(destination);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Constant(T value) => new(value, Vector512<T>.Zero, Vector512<T>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator +(DualLanes<T> a, DualLanes<T> b) => new(a.Value + b.Value, a._low + b._low, a._high + b._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator +(DualLanes<T> a, T c) => new(a.Value + c, a._low, a._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator +(T c, DualLanes<T> a) => new(c + a.Value, a._low, a._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator -(DualLanes<T> a, DualLanes<T> b) => new(a.Value - b.Value, a._low - b._low, a._high - b._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator -(DualLanes<T> a, T c) => new(a.Value - c, a._low, a._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator -(T c, DualLanes<T> a) => new(c - a.Value, Negate(a._low), Negate(a._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator *(DualLanes<T> a, DualLanes<T> b)
    {
        // Dual: madd(ȧ, b, a·ḃ), lane by lane.
        Vector512<T> av = Vector512.Create(a.Value), bv = Vector512.Create(b.Value);
        return new(a.Value * b.Value, VectorMath.MultiplyAdd(a._low, bv, av * b._low), VectorMath.MultiplyAdd(a._high, bv, av * b._high));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator *(DualLanes<T> a, T c) => Scale(a.Value * c, c, a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator *(T c, DualLanes<T> a) => Scale(c * a.Value, c, a);

    /// <inheritdoc/>
    public static DualLanes<T> operator /(DualLanes<T> a, DualLanes<T> b)
    {
        T q = ScalarRules<T>.Divide(a.Value, b.Value, out T da, out T db);
        return Combine(q, da, a, db, b);
    }

    /// <inheritdoc/>
    public static DualLanes<T> operator /(DualLanes<T> a, T c)
    {
        T q = ScalarRules<T>.Divide(a.Value, c, out T da, out _);
        return Scale(q, da, a);
    }

    /// <inheritdoc/>
    public static DualLanes<T> operator /(T c, DualLanes<T> a)
    {
        T q = ScalarRules<T>.Divide(c, a.Value, out _, out T da);
        return Scale(q, da, a);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator -(DualLanes<T> a) => new(-a.Value, Negate(a._low), Negate(a._high));

    /// <inheritdoc/>
    public static bool operator <(DualLanes<T> a, DualLanes<T> b) => a.Value < b.Value;

    /// <inheritdoc/>
    public static bool operator >(DualLanes<T> a, DualLanes<T> b) => a.Value > b.Value;

    /// <inheritdoc/>
    public static bool operator <=(DualLanes<T> a, DualLanes<T> b) => a.Value <= b.Value;

    /// <inheritdoc/>
    public static bool operator >=(DualLanes<T> a, DualLanes<T> b) => a.Value >= b.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> MultiplyAdd(DualLanes<T> a, DualLanes<T> b, DualLanes<T> c)
    {
        // Dual: madd(ȧ, b, madd(a, ḃ, ċ)), lane by lane.
        Vector512<T> av = Vector512.Create(a.Value), bv = Vector512.Create(b.Value);
        return new(Arithmetic.MultiplyAdd(a.Value, b.Value, c.Value),
            VectorMath.MultiplyAdd(a._low, bv, VectorMath.MultiplyAdd(av, b._low, c._low)),
            VectorMath.MultiplyAdd(a._high, bv, VectorMath.MultiplyAdd(av, b._high, c._high)));
    }

    /// <inheritdoc/>
    public static DualLanes<T> Pow(DualLanes<T> x, T p) => Chain(x, ScalarRules<T>.Pow(x.Value, p, out T d), d);

    /// <inheritdoc/>
    public static DualLanes<T> Pow(DualLanes<T> x, DualLanes<T> y)
    {
        T value = ScalarRules<T>.Pow(x.Value, y.Value, out T dx, out T dy);
        return Combine(value, dx, x, dy, y);
    }

    /// <inheritdoc/>
    public static DualLanes<T> Sqrt(DualLanes<T> x) => Chain(x, ScalarRules<T>.Sqrt(x.Value, out T d), d);

    /// <inheritdoc/>
    public static DualLanes<T> Exp(DualLanes<T> x) => Chain(x, ScalarRules<T>.Exp(x.Value, out T d), d);

    /// <inheritdoc/>
    public static DualLanes<T> Log(DualLanes<T> x) => Chain(x, ScalarRules<T>.Log(x.Value, out T d), d);

    /// <inheritdoc/>
    public static DualLanes<T> Sin(DualLanes<T> x) => Chain(x, ScalarRules<T>.Sin(x.Value, out T d), d);

    /// <inheritdoc/>
    public static DualLanes<T> Cos(DualLanes<T> x) => Chain(x, ScalarRules<T>.Cos(x.Value, out T d), d);

    /// <inheritdoc/>
    public static DualLanes<T> Tanh(DualLanes<T> x) => Chain(x, ScalarRules<T>.Tanh(x.Value, out T d), d);

    /// <inheritdoc/>
    public static DualLanes<T> Sigmoid(DualLanes<T> x) => Chain(x, ScalarRules<T>.Sigmoid(x.Value, out T d), d);

    /// <inheritdoc/>
    public static DualLanes<T> Abs(DualLanes<T> x) => Chain(x, ScalarRules<T>.Abs(x.Value, out T d), d);

    /// <summary>"value + lanes", for debuggers and messages.</summary>
    public override string ToString() => $"{Value} + ({_low}, {_high})ε";

    /// <summary>A unary primitive's result: Dual's derivative·ẋ lane by lane.</summary>
    private static DualLanes<T> Chain(DualLanes<T> x, T value, T derivative) => Scale(value, derivative, x);

    /// <summary>value with tangents s·ȧ (Dual: s·ȧ or ȧ·s, the same product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DualLanes<T> Scale(T value, T s, DualLanes<T> a)
    {
        Vector512<T> sv = Vector512.Create(s);
        return new(value, sv * a._low, sv * a._high);
    }

    /// <summary>value with tangents madd(da, ȧ, db·ḃ) (Dual's rule for binary primitives).</summary>
    private static DualLanes<T> Combine(T value, T da, DualLanes<T> a, T db, DualLanes<T> b)
    {
        Vector512<T> dav = Vector512.Create(da), dbv = Vector512.Create(db);
        return new(value, VectorMath.MultiplyAdd(dav, a._low, dbv * b._low), VectorMath.MultiplyAdd(dav, a._high, dbv * b._high));
    }

    /// <summary>−v lane by lane: flips the sign bit, as scalar negation does (also for zeros).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Negate(Vector512<T> v) => Vector512.Xor(v, Vector512.Create(T.NegativeZero));
}
