// Primal: a plain number dressed as an IDifferentiableScalar, so generic differentiable code also runs
// without any derivative bookkeeping. A single-field struct with the layout of T: a span of T can be
// reinterpreted as a span of Primal<T> (MemoryMarshal.Cast) at no cost, and the JIT compiles the
// operators down to the bare IEEE operations.
using System.Numerics;
using System.Runtime.InteropServices;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A plain number with no derivative: the scalar type that runs generic differentiable code at full speed.
/// Values equal those of <see cref="Dual{T}"/> and <see cref="TapeVariable{T}"/> bit for bit.
/// </summary>
/// <typeparam name="T">The underlying floating-point type.</typeparam>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Primal<T> : IDifferentiableScalar<Primal<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Wraps <paramref name="value"/>.</summary>
    public Primal(T value) => Value = value;

    /// <inheritdoc/>
    public T Value { get; }

    /// <inheritdoc/>
    public static Primal<T> Constant(T value) => new(value);

    /// <summary>Wraps a plain value.</summary>
    public static implicit operator Primal<T>(T value) => new(value);

    /// <inheritdoc/>
    public static Primal<T> operator +(Primal<T> a, Primal<T> b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    public static Primal<T> operator +(Primal<T> a, T c) => new(a.Value + c);

    /// <inheritdoc/>
    public static Primal<T> operator +(T c, Primal<T> a) => new(c + a.Value);

    /// <inheritdoc/>
    public static Primal<T> operator -(Primal<T> a, Primal<T> b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    public static Primal<T> operator -(Primal<T> a, T c) => new(a.Value - c);

    /// <inheritdoc/>
    public static Primal<T> operator -(T c, Primal<T> a) => new(c - a.Value);

    /// <inheritdoc/>
    public static Primal<T> operator *(Primal<T> a, Primal<T> b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    public static Primal<T> operator *(Primal<T> a, T c) => new(a.Value * c);

    /// <inheritdoc/>
    public static Primal<T> operator *(T c, Primal<T> a) => new(c * a.Value);

    /// <inheritdoc/>
    public static Primal<T> operator /(Primal<T> a, Primal<T> b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    public static Primal<T> operator /(Primal<T> a, T c) => new(a.Value / c);

    /// <inheritdoc/>
    public static Primal<T> operator /(T c, Primal<T> a) => new(c / a.Value);

    /// <inheritdoc/>
    public static Primal<T> operator -(Primal<T> a) => new(-a.Value);

    /// <inheritdoc/>
    public static bool operator <(Primal<T> a, Primal<T> b) => a.Value < b.Value;

    /// <inheritdoc/>
    public static bool operator >(Primal<T> a, Primal<T> b) => a.Value > b.Value;

    /// <inheritdoc/>
    public static bool operator <=(Primal<T> a, Primal<T> b) => a.Value <= b.Value;

    /// <inheritdoc/>
    public static bool operator >=(Primal<T> a, Primal<T> b) => a.Value >= b.Value;

    /// <inheritdoc/>
    public static Primal<T> MultiplyAdd(Primal<T> a, Primal<T> b, Primal<T> c) => new(Arithmetic.MultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    public static Primal<T> Pow(Primal<T> x, T p) => new(T.Pow(x.Value, p));

    /// <inheritdoc/>
    public static Primal<T> Pow(Primal<T> x, Primal<T> y) => new(T.Pow(x.Value, y.Value));

    /// <inheritdoc/>
    public static Primal<T> Sqrt(Primal<T> x) => new(T.Sqrt(x.Value));

    /// <inheritdoc/>
    public static Primal<T> Exp(Primal<T> x) => new(T.Exp(x.Value));

    /// <inheritdoc/>
    public static Primal<T> Log(Primal<T> x) => new(T.Log(x.Value));

    /// <inheritdoc/>
    public static Primal<T> Sin(Primal<T> x) => new(T.Sin(x.Value));

    /// <inheritdoc/>
    public static Primal<T> Cos(Primal<T> x) => new(T.Cos(x.Value));

    /// <inheritdoc/>
    public static Primal<T> Tanh(Primal<T> x) => new(TanhKernel.Scalar(x.Value));

    /// <inheritdoc/>
    public static Primal<T> Sigmoid(Primal<T> x) => new(ScalarRules<T>.Sigmoid(x.Value));

    /// <inheritdoc/>
    public static Primal<T> Abs(Primal<T> x) => new(T.Abs(x.Value));

    /// <summary>The value, for debuggers and messages.</summary>
    public override string ToString() => Value.ToString() ?? string.Empty;
}
