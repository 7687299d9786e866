// Dual: forward-mode automatic differentiation with dual numbers x + ẋ·ε, ε² = 0 (Griewank & Walther,
// "Evaluating Derivatives", 2nd ed., ch. 3; JAX's jvp). Each operation computes its primal value and
// pushes the tangent through the local derivative from ScalarRules, so f(x + ẋε) = f(x) + f'(x)·ẋ·ε.
// One tangent per number: a pass computes one directional derivative (one column of a Jacobian).
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A forward-mode dual number: a primal <see cref="Value"/> and a <see cref="Tangent"/> (the directional derivative
/// carried along). Running generic code on duals whose inputs carry tangent u yields J·u in the outputs' tangents.
/// </summary>
/// <typeparam name="T">The underlying floating-point type.</typeparam>
public readonly struct Dual<T> : IDifferentiableScalar<Dual<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A dual number with the given primal value and tangent.</summary>
    public Dual(T value, T tangent)
    {
        Value = value;
        Tangent = tangent;
    }

    /// <inheritdoc/>
    public T Value { get; }

    /// <summary>The tangent: the derivative of this value along the seeded input direction.</summary>
    public T Tangent { get; }

    /// <inheritdoc/>
    public static Dual<T> Constant(T value) => new(value, T.Zero);

    /// <inheritdoc/>
    public static Dual<T> operator +(Dual<T> a, Dual<T> b) => new(a.Value + b.Value, a.Tangent + b.Tangent);

    /// <inheritdoc/>
    public static Dual<T> operator +(Dual<T> a, T c) => new(a.Value + c, a.Tangent);

    /// <inheritdoc/>
    public static Dual<T> operator +(T c, Dual<T> a) => new(c + a.Value, a.Tangent);

    /// <inheritdoc/>
    public static Dual<T> operator -(Dual<T> a, Dual<T> b) => new(a.Value - b.Value, a.Tangent - b.Tangent);

    /// <inheritdoc/>
    public static Dual<T> operator -(Dual<T> a, T c) => new(a.Value - c, a.Tangent);

    /// <inheritdoc/>
    public static Dual<T> operator -(T c, Dual<T> a) => new(c - a.Value, -a.Tangent);

    /// <inheritdoc/>
    public static Dual<T> operator *(Dual<T> a, Dual<T> b) =>
        new(a.Value * b.Value, Arithmetic.MultiplyAdd(a.Tangent, b.Value, a.Value * b.Tangent));

    /// <inheritdoc/>
    public static Dual<T> operator *(Dual<T> a, T c) => new(a.Value * c, a.Tangent * c);

    /// <inheritdoc/>
    public static Dual<T> operator *(T c, Dual<T> a) => new(c * a.Value, c * a.Tangent);

    /// <inheritdoc/>
    public static Dual<T> operator /(Dual<T> a, Dual<T> b)
    {
        T q = ScalarRules<T>.Divide(a.Value, b.Value, out T da, out T db);
        return new(q, Arithmetic.MultiplyAdd(da, a.Tangent, db * b.Tangent));
    }

    /// <inheritdoc/>
    public static Dual<T> operator /(Dual<T> a, T c)
    {
        T q = ScalarRules<T>.Divide(a.Value, c, out T da, out _);
        return new(q, da * a.Tangent);
    }

    /// <inheritdoc/>
    public static Dual<T> operator /(T c, Dual<T> a)
    {
        T q = ScalarRules<T>.Divide(c, a.Value, out _, out T da);
        return new(q, da * a.Tangent);
    }

    /// <inheritdoc/>
    public static Dual<T> operator -(Dual<T> a) => new(-a.Value, -a.Tangent);

    /// <inheritdoc/>
    public static bool operator <(Dual<T> a, Dual<T> b) => a.Value < b.Value;

    /// <inheritdoc/>
    public static bool operator >(Dual<T> a, Dual<T> b) => a.Value > b.Value;

    /// <inheritdoc/>
    public static bool operator <=(Dual<T> a, Dual<T> b) => a.Value <= b.Value;

    /// <inheritdoc/>
    public static bool operator >=(Dual<T> a, Dual<T> b) => a.Value >= b.Value;

    /// <inheritdoc/>
    public static Dual<T> MultiplyAdd(Dual<T> a, Dual<T> b, Dual<T> c) =>
        new(Arithmetic.MultiplyAdd(a.Value, b.Value, c.Value),
            Arithmetic.MultiplyAdd(a.Tangent, b.Value, Arithmetic.MultiplyAdd(a.Value, b.Tangent, c.Tangent)));

    /// <inheritdoc/>
    public static Dual<T> Pow(Dual<T> x, T p) => Chain(x, ScalarRules<T>.Pow(x.Value, p, out T d), d);

    /// <inheritdoc/>
    public static Dual<T> Pow(Dual<T> x, Dual<T> y)
    {
        T value = ScalarRules<T>.Pow(x.Value, y.Value, out T dx, out T dy);
        return new(value, Arithmetic.MultiplyAdd(dx, x.Tangent, dy * y.Tangent));
    }

    /// <inheritdoc/>
    public static Dual<T> Sqrt(Dual<T> x) => Chain(x, ScalarRules<T>.Sqrt(x.Value, out T d), d);

    /// <inheritdoc/>
    public static Dual<T> Exp(Dual<T> x) => Chain(x, ScalarRules<T>.Exp(x.Value, out T d), d);

    /// <inheritdoc/>
    public static Dual<T> Log(Dual<T> x) => Chain(x, ScalarRules<T>.Log(x.Value, out T d), d);

    /// <inheritdoc/>
    public static Dual<T> Sin(Dual<T> x) => Chain(x, ScalarRules<T>.Sin(x.Value, out T d), d);

    /// <inheritdoc/>
    public static Dual<T> Cos(Dual<T> x) => Chain(x, ScalarRules<T>.Cos(x.Value, out T d), d);

    /// <inheritdoc/>
    public static Dual<T> Tanh(Dual<T> x) => Chain(x, ScalarRules<T>.Tanh(x.Value, out T d), d);

    /// <inheritdoc/>
    public static Dual<T> Sigmoid(Dual<T> x) => Chain(x, ScalarRules<T>.Sigmoid(x.Value, out T d), d);

    /// <inheritdoc/>
    public static Dual<T> Abs(Dual<T> x) => Chain(x, ScalarRules<T>.Abs(x.Value, out T d), d);

    /// <summary>"value ± tangent", for debuggers and messages.</summary>
    public override string ToString() => $"{Value} + {Tangent}ε";

    /// <summary>The result of a unary primitive: its value, and the tangent pushed through the local derivative.</summary>
    private static Dual<T> Chain(Dual<T> x, T value, T derivative) => new(value, derivative * x.Tangent);
}
