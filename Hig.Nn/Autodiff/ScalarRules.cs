// ScalarRules: the one table of primal values and local derivatives for every differentiable primitive.
//
// Each unary rule returns y = f(x) and writes f'(x); binary rules write both partials. Primal, Dual and
// TapeVariable all call these (Dual multiplies the partials into tangents, TapeVariable records them on
// the tape), so the forward and reverse modes cannot disagree about a derivative, and the plain values
// are computed by exactly the same IEEE operations in all three (micrograd's "local derivative next to
// the op", JAX's per-primitive rule tables).
//
// Derivatives are expressed through the value where that is exact and cheaper (tanh' = 1 − y², exp' = y,
// σ' = y(1 − y)), which is also what the network's fast path uses, so both paths agree bit for bit.
using System.Numerics;
using System.Runtime.CompilerServices;
using Hig.Numerics;

namespace Hig.Nn;

internal static class ScalarRules<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>a / b with ∂/∂a = 1/b and ∂/∂b = −(a/b)/b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Divide(T a, T b, out T da, out T db)
    {
        T q = a / b;
        da = T.One / b;
        db = -q / b;
        return q;
    }

    /// <summary>x^p for a constant p, with derivative p·x^(p−1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Pow(T x, T p, out T d)
    {
        d = p == T.Zero ? T.Zero : p * T.Pow(x, p - T.One);
        return T.Pow(x, p);
    }

    /// <summary>x^y with ∂/∂x = y·x^(y−1) and ∂/∂y = x^y·ln x, the latter taken as 0 where x^y = 0 (the limit at x → 0⁺).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Pow(T x, T y, out T dx, out T dy)
    {
        T value = T.Pow(x, y);
        dx = y == T.Zero ? T.Zero : y * T.Pow(x, y - T.One);
        dy = value == T.Zero ? T.Zero : value * T.Log(x);
        return value;
    }

    /// <summary>√x with derivative 1/(2√x) (+∞ at 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sqrt(T x, out T d)
    {
        T y = T.Sqrt(x);
        d = T.One / (y + y);
        return y;
    }

    /// <summary>eˣ with derivative eˣ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp(T x, out T d)
    {
        T y = T.Exp(x);
        d = y;
        return y;
    }

    /// <summary>ln x with derivative 1/x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log(T x, out T d)
    {
        d = T.One / x;
        return T.Log(x);
    }

    /// <summary>sin x with derivative cos x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sin(T x, out T d)
    {
        d = T.Cos(x);
        return T.Sin(x);
    }

    /// <summary>cos x with derivative −sin x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Cos(T x, out T d)
    {
        d = -T.Sin(x);
        return T.Cos(x);
    }

    /// <summary>tanh x (by <see cref="TanhKernel"/>, as the network's fast path) with derivative 1 − y² computed as madd(−y, y, 1) (Arithmetic.MultiplyAdd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tanh(T x, out T d)
    {
        T y = TanhKernel.Scalar(x);
        d = Arithmetic.MultiplyAdd(-y, y, T.One);
        return y;
    }

    /// <summary>σ(x) = 1/(1 + e⁻ˣ), which saturates cleanly to 0 and 1 without overflow trouble.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));

    /// <summary>σ(x) with derivative y·(1 − y).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid(T x, out T d)
    {
        T y = Sigmoid(x);
        d = y * (T.One - y);
        return y;
    }

    /// <summary>|x| with derivative sign(x): −1, 0 or 1 (NaN for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Abs(T x, out T d)
    {
        d = x > T.Zero ? T.One : x < T.Zero ? -T.One : x == T.Zero ? T.Zero : x;
        return T.Abs(x);
    }

    /// <summary>max(x, 0) with derivative 1 where x &gt; 0 and 0 where x ≤ 0; NaN passes through (with derivative 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Relu(T x, out T d)
    {
        if (x <= T.Zero)
        {
            d = T.Zero;
            return T.Zero;
        }

        d = T.One;
        return x;
    }
}
