// TapeVariable: the reverse-mode scalar. A variable is a node index on a Tape, the tape's generation, and its
// primal value — 16 bytes of plain data, no object reference. Every operation computes its value and local
// partials from ScalarRules and appends one node to the thread's active tape (Tape.Active), which must be the
// tape the operands were recorded on (checked through the generation). Constants (TapeVariable.Constant, or
// results of operations on constants only) live on no tape and record nothing, so constant sub-expressions cost
// no tape space.
using System.Numerics;
using System.Runtime.CompilerServices;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A reverse-mode scalar: a primal <see cref="Value"/> recorded on a <see cref="Tape{T}"/> (or a constant on no
/// tape). Create inputs with <see cref="Tape{T}.Variable"/>; after running generic code, call
/// <see cref="Tape{T}.Backward(TapeVariable{T})"/> and read <see cref="Tape{T}.Adjoint"/>.
/// </summary>
/// <remarks>Operations record on the thread's active tape (see <see cref="Tape{T}"/>); operands from another tape or from
/// before its last <see cref="Tape{T}.Reset"/> make the operation throw <see cref="System.InvalidOperationException"/>.</remarks>
/// <typeparam name="T">The underlying floating-point type.</typeparam>
public readonly struct TapeVariable<T> : IDifferentiableScalar<TapeVariable<T>, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal TapeVariable(int index, int generation, T value)
    {
        Index = index;
        Generation = generation;
        Value = value;
    }

    /// <inheritdoc/>
    public T Value { get; }

    /// <summary>True for a constant (on no tape): its derivative with respect to everything is zero.</summary>
    public bool IsConstant => Index < 0;

    /// <summary>The node on its tape, or −1 for a constant.</summary>
    internal int Index { get; }

    internal int Generation { get; }

    /// <inheritdoc/>
    public static TapeVariable<T> Constant(T value) => new(-1, 0, value);

    /// <inheritdoc/>
    public static TapeVariable<T> operator +(TapeVariable<T> a, TapeVariable<T> b) => Binary(a.Value + b.Value, a, T.One, b, T.One);

    /// <inheritdoc/>
    public static TapeVariable<T> operator +(TapeVariable<T> a, T c) => Unary(a.Value + c, a, T.One);

    /// <inheritdoc/>
    public static TapeVariable<T> operator +(T c, TapeVariable<T> a) => Unary(c + a.Value, a, T.One);

    /// <inheritdoc/>
    public static TapeVariable<T> operator -(TapeVariable<T> a, TapeVariable<T> b) => Binary(a.Value - b.Value, a, T.One, b, -T.One);

    /// <inheritdoc/>
    public static TapeVariable<T> operator -(TapeVariable<T> a, T c) => Unary(a.Value - c, a, T.One);

    /// <inheritdoc/>
    public static TapeVariable<T> operator -(T c, TapeVariable<T> a) => Unary(c - a.Value, a, -T.One);

    /// <inheritdoc/>
    public static TapeVariable<T> operator *(TapeVariable<T> a, TapeVariable<T> b) => Binary(a.Value * b.Value, a, b.Value, b, a.Value);

    /// <inheritdoc/>
    public static TapeVariable<T> operator *(TapeVariable<T> a, T c) => Unary(a.Value * c, a, c);

    /// <inheritdoc/>
    public static TapeVariable<T> operator *(T c, TapeVariable<T> a) => Unary(c * a.Value, a, c);

    /// <inheritdoc/>
    public static TapeVariable<T> operator /(TapeVariable<T> a, TapeVariable<T> b)
    {
        T q = ScalarRules<T>.Divide(a.Value, b.Value, out T da, out T db);
        return Binary(q, a, da, b, db);
    }

    /// <inheritdoc/>
    public static TapeVariable<T> operator /(TapeVariable<T> a, T c)
    {
        T q = ScalarRules<T>.Divide(a.Value, c, out T da, out _);
        return Unary(q, a, da);
    }

    /// <inheritdoc/>
    public static TapeVariable<T> operator /(T c, TapeVariable<T> a)
    {
        T q = ScalarRules<T>.Divide(c, a.Value, out _, out T da);
        return Unary(q, a, da);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TapeVariable<T> operator -(TapeVariable<T> a) => Unary(-a.Value, a, -T.One);

    /// <inheritdoc/>
    public static bool operator <(TapeVariable<T> a, TapeVariable<T> b) => a.Value < b.Value;

    /// <inheritdoc/>
    public static bool operator >(TapeVariable<T> a, TapeVariable<T> b) => a.Value > b.Value;

    /// <inheritdoc/>
    public static bool operator <=(TapeVariable<T> a, TapeVariable<T> b) => a.Value <= b.Value;

    /// <inheritdoc/>
    public static bool operator >=(TapeVariable<T> a, TapeVariable<T> b) => a.Value >= b.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TapeVariable<T> MultiplyAdd(TapeVariable<T> a, TapeVariable<T> b, TapeVariable<T> c)
    {
        T value = Arithmetic.MultiplyAdd(a.Value, b.Value, c.Value);
        return a.IsConstant && b.IsConstant && c.IsConstant
            ? Constant(value)
            : Tape<T>.Active.RecordMultiplyAdd(value, a, b, c);
    }

    /// <inheritdoc/>
    public static TapeVariable<T> Pow(TapeVariable<T> x, T p) => Unary(ScalarRules<T>.Pow(x.Value, p, out T d), x, d);

    /// <inheritdoc/>
    public static TapeVariable<T> Pow(TapeVariable<T> x, TapeVariable<T> y)
    {
        T value = ScalarRules<T>.Pow(x.Value, y.Value, out T dx, out T dy);
        return Binary(value, x, dx, y, dy);
    }

    /// <inheritdoc/>
    public static TapeVariable<T> Sqrt(TapeVariable<T> x) => Unary(ScalarRules<T>.Sqrt(x.Value, out T d), x, d);

    /// <inheritdoc/>
    public static TapeVariable<T> Exp(TapeVariable<T> x) => Unary(ScalarRules<T>.Exp(x.Value, out T d), x, d);

    /// <inheritdoc/>
    public static TapeVariable<T> Log(TapeVariable<T> x) => Unary(ScalarRules<T>.Log(x.Value, out T d), x, d);

    /// <inheritdoc/>
    public static TapeVariable<T> Sin(TapeVariable<T> x) => Unary(ScalarRules<T>.Sin(x.Value, out T d), x, d);

    /// <inheritdoc/>
    public static TapeVariable<T> Cos(TapeVariable<T> x) => Unary(ScalarRules<T>.Cos(x.Value, out T d), x, d);

    /// <inheritdoc/>
    public static TapeVariable<T> Tanh(TapeVariable<T> x) => Unary(ScalarRules<T>.Tanh(x.Value, out T d), x, d);

    /// <inheritdoc/>
    public static TapeVariable<T> Sigmoid(TapeVariable<T> x) => Unary(ScalarRules<T>.Sigmoid(x.Value, out T d), x, d);

    /// <inheritdoc/>
    public static TapeVariable<T> Abs(TapeVariable<T> x) => Unary(ScalarRules<T>.Abs(x.Value, out T d), x, d);

    /// <summary>"value (node i)", for debuggers and messages.</summary>
    public override string ToString() => IsConstant ? $"{Value} (constant)" : $"{Value} (node {Index})";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TapeVariable<T> Unary(T value, in TapeVariable<T> a, T da) =>
        a.IsConstant ? Constant(value) : Tape<T>.Active.Record(value, a, da);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TapeVariable<T> Binary(T value, in TapeVariable<T> a, T da, in TapeVariable<T> b, T db) =>
        a.IsConstant && b.IsConstant ? Constant(value) : Tape<T>.Active.Record(value, a, da, b, db);
}
