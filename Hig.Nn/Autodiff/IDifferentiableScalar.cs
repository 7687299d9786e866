// IDifferentiableScalar: the contract that lets scalar code be written once and run on plain numbers
// (Primal), on forward-mode dual numbers (Dual) and on reverse-mode tape variables (TapeVariable).
//
// A generic method constrained to S : IDifferentiableScalar<S, T> sees only the operations below; each
// implementation computes the same primal value with the same IEEE operations (so the three agree bit for
// bit on values) and attaches its own derivative bookkeeping from the shared rule table (ScalarRules).
// This is the JAX/autodidax idea of one rule per primitive, with C# static abstract members in place of a
// tracer: the JIT specializes the generic code per scalar type, so no virtual calls are involved.
using System.Numerics;

namespace Hig.Nn;

/// <summary>
/// A scalar type on which differentiable code can be written once, generically: plain numbers
/// (<see cref="Primal{T}"/>), forward-mode dual numbers (<see cref="Dual{T}"/>) and reverse-mode tape
/// variables (<see cref="TapeVariable{T}"/>) all implement it over the same underlying
/// <typeparamref name="T"/> (<see cref="float"/> or <see cref="double"/>).
/// </summary>
/// <remarks>
/// <para>Primitives: + − × ÷ (between two scalars or with a constant <typeparamref name="T"/> on either side), negation,
/// fused multiply-add, <see cref="Pow(TSelf, T)"/>, <see cref="Pow(TSelf, TSelf)"/>, <see cref="Sqrt"/>, <see cref="Exp"/>,
/// <see cref="Log"/>, <see cref="Sin"/>, <see cref="Cos"/>, <see cref="Tanh"/>, <see cref="Sigmoid"/>, <see cref="Abs"/>.
/// Every implementation computes the primal <see cref="Value"/> with identical IEEE operations, so plain, forward
/// and reverse evaluations of the same code give bitwise-identical values.</para>
/// <para>Branches: the comparison operators compare primal values only (the derivative follows whichever branch
/// the values select, as in JAX and micrograd). Equality is deliberately not an operator; compare
/// <see cref="Value"/> when needed.</para>
/// <para>NaN and ±Inf propagate through values and derivatives as IEEE arithmetic says.</para>
/// </remarks>
/// <typeparam name="TSelf">The implementing scalar type.</typeparam>
/// <typeparam name="T">The underlying floating-point type.</typeparam>
public interface IDifferentiableScalar<TSelf, T>
    where TSelf : struct, IDifferentiableScalar<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The primal value.</summary>
    T Value { get; }

    /// <summary>A constant: its derivative with respect to every input is zero.</summary>
    static abstract TSelf Constant(T value);

    /// <summary>a + b.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);

    /// <summary>a + c for a constant c.</summary>
    static abstract TSelf operator +(TSelf a, T c);

    /// <summary>c + a for a constant c.</summary>
    static abstract TSelf operator +(T c, TSelf a);

    /// <summary>a − b.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);

    /// <summary>a − c for a constant c.</summary>
    static abstract TSelf operator -(TSelf a, T c);

    /// <summary>c − a for a constant c.</summary>
    static abstract TSelf operator -(T c, TSelf a);

    /// <summary>a·b.</summary>
    static abstract TSelf operator *(TSelf a, TSelf b);

    /// <summary>a·c for a constant c.</summary>
    static abstract TSelf operator *(TSelf a, T c);

    /// <summary>c·a for a constant c.</summary>
    static abstract TSelf operator *(T c, TSelf a);

    /// <summary>a / b.</summary>
    static abstract TSelf operator /(TSelf a, TSelf b);

    /// <summary>a / c for a constant c.</summary>
    static abstract TSelf operator /(TSelf a, T c);

    /// <summary>c / a for a constant c.</summary>
    static abstract TSelf operator /(T c, TSelf a);

    /// <summary>−a.</summary>
    static abstract TSelf operator -(TSelf a);

    /// <summary>Primal a &lt; primal b.</summary>
    static abstract bool operator <(TSelf a, TSelf b);

    /// <summary>Primal a &gt; primal b.</summary>
    static abstract bool operator >(TSelf a, TSelf b);

    /// <summary>Primal a ≤ primal b.</summary>
    static abstract bool operator <=(TSelf a, TSelf b);

    /// <summary>Primal a ≥ primal b.</summary>
    static abstract bool operator >=(TSelf a, TSelf b);

    /// <summary>a·b + c as <see cref="Hig.Numerics.Arithmetic.MultiplyAdd{T}(T, T, T)"/>: one rounding where the processor has FMA, else a product and a sum.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>x raised to a constant power p; derivative p·x^(p−1).</summary>
    static abstract TSelf Pow(TSelf x, T p);

    /// <summary>x raised to the power y; derivatives y·x^(y−1) and x^y·ln x (taken as 0 where x^y = 0).</summary>
    static abstract TSelf Pow(TSelf x, TSelf y);

    /// <summary>√x; derivative 1/(2√x).</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>eˣ.</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary>Natural logarithm; derivative 1/x.</summary>
    static abstract TSelf Log(TSelf x);

    /// <summary>sin x.</summary>
    static abstract TSelf Sin(TSelf x);

    /// <summary>cos x.</summary>
    static abstract TSelf Cos(TSelf x);

    /// <summary>tanh x (Hig's vectorizable tanh, within 3 ulp in double); derivative 1 − tanh²x.</summary>
    static abstract TSelf Tanh(TSelf x);

    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ); derivative σ(1 − σ).</summary>
    static abstract TSelf Sigmoid(TSelf x);

    /// <summary>|x|; derivative sign(x) (0 at 0).</summary>
    static abstract TSelf Abs(TSelf x);
}
