using System;
using System.Collections.Generic;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Nn;

/// <summary>
/// The scalar autodiff types: every primitive's value agrees across <see cref="Primal{T}"/>, <see cref="Dual{T}"/> and
/// <see cref="TapeVariable{T}"/> bit for bit, forward and reverse derivatives agree with each other bit for bit (they
/// share one rule), and both agree with closed-form derivatives written independently here; composite functions with
/// fan-out and branches; the tape's reuse, safety checks and allocation behaviour.
/// </summary>
public abstract class ScalarAutodiffTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    private static T C(double v) => T.CreateChecked(v);

    /// <summary>A unary primitive, its closed-form derivative, test points, and the tolerance in ε (relative) with its reason.</summary>
    public sealed record Unary(
        string Name,
        Func<Primal<T>, Primal<T>> OnPrimal,
        Func<Dual<T>, Dual<T>> OnDual,
        Func<TapeVariable<T>, TapeVariable<T>> OnTape,
        Func<T, T> Derivative,
        double[] Points,
        double ToleranceInEps);

    public static IEnumerable<Unary> Unaries()
    {
        double[] anywhere = [-2.5, -1, -0.3, 0.2, 0.9, 3];
        double[] positive = [0.01, 0.3, 1, 2.5, 40];
        // Derivatives that reduce to the same correctly rounded formula on both sides: 2ε covers one extra rounding.
        yield return new("sqrt", Primal<T>.Sqrt, Dual<T>.Sqrt, TapeVariable<T>.Sqrt, x => C(0.5) / T.Sqrt(x), positive, 2);
        yield return new("exp", Primal<T>.Exp, Dual<T>.Exp, TapeVariable<T>.Exp, T.Exp, anywhere, 2);
        yield return new("log", Primal<T>.Log, Dual<T>.Log, TapeVariable<T>.Log, x => T.One / x, positive, 2);
        yield return new("sin", Primal<T>.Sin, Dual<T>.Sin, TapeVariable<T>.Sin, T.Cos, anywhere, 2);
        yield return new("cos", Primal<T>.Cos, Dual<T>.Cos, TapeVariable<T>.Cos, x => -T.Sin(x), anywhere, 2);
        yield return new("abs", Primal<T>.Abs, Dual<T>.Abs, TapeVariable<T>.Abs, x => T.CreateChecked(T.Sign(x)), anywhere, 0);
        yield return new("pow 3", x => Primal<T>.Pow(x, C(3)), x => Dual<T>.Pow(x, C(3)), x => TapeVariable<T>.Pow(x, C(3)),
            x => C(3) * x * x, anywhere, 4); // pow is within 1 ulp; x·x·3 has two roundings
        // tanh: ours is within 6u; d = 1 − y² amplifies y's relative error by 2y²/(1 − y²) ≤ 2.8 for |x| ≤ 1; the closed
        // form 1/cosh² carries ≤ 4u: (6·2.8 + 4 + 2)u < 12ε.
        yield return new("tanh", Primal<T>.Tanh, Dual<T>.Tanh, TapeVariable<T>.Tanh,
            x => T.One / (T.Cosh(x) * T.Cosh(x)), [-1, -0.4, 0.05, 0.6, 1], 12);
        // sigmoid: y carries ≤ 3u; d = y(1 − y) amplifies it by y/(1 − y) ≤ 7.3 for |x| ≤ 2; the closed form
        // e⁻ˣ/(1 + e⁻ˣ)² carries ≤ 6u: (3·7.3 + 6 + 3)u < 16ε.
        yield return new("sigmoid", Primal<T>.Sigmoid, Dual<T>.Sigmoid, TapeVariable<T>.Sigmoid,
            x => T.Exp(-x) / ((T.One + T.Exp(-x)) * (T.One + T.Exp(-x))), [-2, -0.5, 0, 0.7, 2], 16);
        yield return new("negate", x => -x, x => -x, x => -x, _ => -T.One, anywhere, 0);
        yield return new("plus constant", x => x + C(1.5), x => x + C(1.5), x => x + C(1.5), _ => T.One, anywhere, 0);
        yield return new("constant minus", x => C(1.5) - x, x => C(1.5) - x, x => C(1.5) - x, _ => -T.One, anywhere, 0);
        yield return new("times constant", x => C(-0.75) * x, x => C(-0.75) * x, x => C(-0.75) * x, _ => C(-0.75), anywhere, 0);
        yield return new("constant over", x => C(2) / x, x => C(2) / x, x => C(2) / x, x => -C(2) / (x * x), anywhere, 3);
        yield return new("over constant", x => x / C(3), x => x / C(3), x => x / C(3), _ => T.One / C(3), anywhere, 0);
    }

    public static TheoryData<int> UnaryIndices()
    {
        var data = new TheoryData<int>();
        int count = 0;
        foreach (Unary _ in Unaries())
        {
            data.Add(count++);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnaryIndices))]
    public void UnaryPrimitiveAgreesAcrossModesAndWithItsClosedForm(int index)
    {
        Unary op = new List<Unary>(Unaries())[index];
        var tape = new Tape<T>();
        foreach (double p in op.Points)
        {
            T x = C(p);
            Primal<T> plain = op.OnPrimal(x);
            Dual<T> dual = op.OnDual(new Dual<T>(x, T.One));
            tape.Reset();
            TapeVariable<T> v = tape.Variable(x);
            TapeVariable<T> result = op.OnTape(v);
            tape.Backward(result);
            T adjoint = tape.Adjoint(v);

            Assert.True(plain.Value.Equals(dual.Value) && plain.Value.Equals(result.Value), $"{op.Name}({p}): values differ across modes");
            Assert.True(dual.Tangent.Equals(adjoint), $"{op.Name}({p}): dual tangent {dual.Tangent} vs tape adjoint {adjoint}");
            T expected = op.Derivative(x);
            double error = Math.Abs(double.CreateChecked(dual.Tangent - expected));
            Assert.True(error <= op.ToleranceInEps * Eps * Math.Abs(double.CreateChecked(expected)),
                $"{op.Name}'({p}) = {dual.Tangent}, closed form {expected}");
        }
    }

    [Fact]
    public void BinaryPrimitivesAgreeAcrossModesAndWithTheirClosedForms()
    {
        (double A, double B)[] points = [(0.7, -1.3), (-2.1, 0.4), (1.5, 2.5)];
        foreach ((double pa, double pb) in points)
        {
            T a = C(pa), b = C(pb), c = C(0.25);
            CheckBinary("add", (x, y) => x + y, (x, y) => x + y, (x, y) => x + y, a, b, T.One, T.One, 0);
            CheckBinary("subtract", (x, y) => x - y, (x, y) => x - y, (x, y) => x - y, a, b, T.One, -T.One, 0);
            CheckBinary("multiply", (x, y) => x * y, (x, y) => x * y, (x, y) => x * y, a, b, b, a, 0);
            // 1/b and −a/b² on both sides: the rule computes −(a/b)/b, two roundings against the closed form's three.
            CheckBinary("divide", (x, y) => x / y, (x, y) => x / y, (x, y) => x / y, a, b, T.One / b, -a / (b * b), 3);
            CheckBinary("fma", (x, y) => Primal<T>.MultiplyAdd(x, y, c), (x, y) => Dual<T>.MultiplyAdd(x, y, Dual<T>.Constant(c)),
                (x, y) => TapeVariable<T>.MultiplyAdd(x, y, TapeVariable<T>.Constant(c)), a, b, b, a, 0);
            T pos = T.Abs(a);
            // x^y: y·x^(y−1) and x^y·ln x; pow and log are within 1 ulp each, plus one product: 4ε.
            CheckBinary("pow", Primal<T>.Pow, Dual<T>.Pow, TapeVariable<T>.Pow, pos, b, b * T.Pow(pos, b - T.One), T.Pow(pos, b) * T.Log(pos), 4);
        }
    }

    [Fact]
    public void CompositeWithFanOutMatchesTheClosedForm()
    {
        // f(x, y) = x·sin(x·y) + exp(x/y) − √(x² + y²)·tanh(y): x is used five times, y six.
        foreach ((double px, double py) in new[] { (0.6, 1.3), (-1.1, 0.5), (2.0, -0.8) })
        {
            T x = C(px), y = C(py);
            T r = T.Sqrt((x * x) + (y * y)), e = T.Exp(x / y), th = T.Tanh(y);
            T[] dxTerms = [T.Sin(x * y), x * y * T.Cos(x * y), e / y, -(x / r) * th];
            T[] dyTerms = [x * x * T.Cos(x * y), -(e * x) / (y * y), -(y / r) * th, -r * (T.One - (th * th))];

            Dual<T> fx = Composite(new Dual<T>(x, T.One), new Dual<T>(y, T.Zero));
            Dual<T> fy = Composite(new Dual<T>(x, T.Zero), new Dual<T>(y, T.One));
            var tape = new Tape<T>();
            TapeVariable<T> vx = tape.Variable(x), vy = tape.Variable(y);
            TapeVariable<T> f = Composite(vx, vy);
            tape.Backward(f);

            Assert.True(Composite<Primal<T>>(x, y).Value.Equals(f.Value) && fx.Value.Equals(f.Value), "values differ across modes");
            // Each side evaluates every term in at most 8 rounded operations (elementary functions counted at 2 ulp,
            // tanh at 3): |error| ≤ 2·16u·Σ|terms| = 16ε·Σ|terms|.
            AssertSum(fx.Tangent, dxTerms, 16, "∂f/∂x by dual numbers");
            AssertSum(tape.Adjoint(vx), dxTerms, 16, "∂f/∂x by the tape");
            AssertSum(fy.Tangent, dyTerms, 16, "∂f/∂y by dual numbers");
            AssertSum(tape.Adjoint(vy), dyTerms, 16, "∂f/∂y by the tape");
        }
    }

    [Fact]
    public void ComparisonsSelectBranchesAndTheDerivativeFollowsTheBranch()
    {
        // g(x) = x < 0 ? x³ : 2x², so g'(x) = 3x² on the left, 4x on the right.
        foreach ((double p, double expected) in new[] { (-0.5, 0.75), (0.75, 3.0) })
        {
            Dual<T> d = Branch(new Dual<T>(C(p), T.One));
            var tape = new Tape<T>();
            TapeVariable<T> v = tape.Variable(C(p));
            tape.Backward(Branch(v));
            Assert.Equal(C(expected), d.Tangent);
            Assert.Equal(C(expected), tape.Adjoint(v));
        }

        Assert.True(new Dual<T>(C(1), C(9)) > new Dual<T>(C(0.5), C(-9)));
        Assert.True(new Primal<T>(C(1)) >= new Primal<T>(C(1)) && new Primal<T>(C(1)) <= new Primal<T>(C(1)));
    }

    [Fact]
    public void TapeJacobianSweepEqualsOneBackwardPerOutputAndSeededBackwardIsTheirCombination()
    {
        var tape = new Tape<T>();
        var inputs = new TapeVariable<T>[3];
        tape.Variables([C(0.3), C(-1.2), C(2.0)], inputs);
        TapeVariable<T>[] outputs = Outputs(inputs);
        var jacobian = new Matrix<T>(outputs.Length, inputs.Length);
        tape.Jacobian(outputs, inputs, jacobian);
        for (int o = 0; o < outputs.Length; o++)
        {
            tape.Backward(outputs[o]);
            for (int k = 0; k < inputs.Length; k++)
            {
                Assert.True(jacobian[o, k].Equals(tape.Adjoint(inputs[k])), $"lane {o} of the multi-lane sweep vs a single sweep");
            }
        }

        T[] seeds = [C(0.5), C(-2), C(1.25), C(3)];
        tape.Backward(outputs, seeds);
        for (int k = 0; k < inputs.Length; k++)
        {
            T expected = T.Zero, scale = T.Zero;
            for (int o = 0; o < outputs.Length; o++)
            {
                expected += seeds[o] * jacobian[o, k];
                scale += T.Abs(seeds[o] * jacobian[o, k]);
            }

            // Σ over 4 outputs, accumulated in a different order: (4 + 1)·u·Σ|terms| < 3ε·Σ|terms|.
            Assert.True(double.CreateChecked(T.Abs(tape.Adjoint(inputs[k]) - expected)) <= 3 * Eps * double.CreateChecked(scale));
        }
    }

    [Fact]
    public void ConstantsRecordNothingAndConstantOutputsHaveZeroDerivatives()
    {
        var tape = new Tape<T>();
        TapeVariable<T> x = tape.Variable(C(2));
        int before = tape.NodeCount;
        TapeVariable<T> k = TapeVariable<T>.Exp(TapeVariable<T>.Constant(C(1))) * C(3);
        Assert.Equal(before, tape.NodeCount);
        Assert.True(k.IsConstant);
        tape.Backward(k);
        Assert.Equal(T.Zero, tape.Adjoint(x));
        tape.Backward(x * k);
        Assert.Equal(k.Value, tape.Adjoint(x));
    }

    [Fact]
    public void StaleOrForeignVariablesAreRejected()
    {
        var tape = new Tape<T>();
        TapeVariable<T> old = tape.Variable(C(1));
        tape.Reset();
        TapeVariable<T> fresh = tape.Variable(C(2));
        Assert.Throws<InvalidOperationException>(() => old * fresh);
        Assert.Throws<InvalidOperationException>(() => tape.Backward(old));

        var other = new Tape<T>();
        TapeVariable<T> foreign = other.Variable(C(3));
        Assert.Throws<InvalidOperationException>(() => fresh + fresh); // the active tape is now `other`
        Assert.Throws<InvalidOperationException>(() => tape.Adjoint(foreign));
    }

    [Fact]
    public void WarmedUpTapeRecordsAndSweepsWithoutAllocating()
    {
        var tape = new Tape<T>(4);
        var inputs = new TapeVariable<T>[3];
        var jacobian = new Matrix<T>(4, 3);
        void Run()
        {
            tape.Reset();
            tape.Variables([C(0.3), C(-1.2), C(2.0)], inputs);
            TapeVariable<T>[] outputs = OutputsInto(inputs, Scratch);
            tape.Jacobian(outputs, inputs, jacobian);
            tape.Backward(outputs[0]);
        }

        Run();
        Allocations.AssertSteadyStateAllocatesNothing(Run, callsPerWindow: 1, "a warmed-up tape's record, Jacobian and sweep");
    }

    [Fact]
    public void NanPropagatesThroughValuesAndDerivatives()
    {
        Dual<T> d = Dual<T>.Exp(new Dual<T>(T.NaN, T.One)) * new Dual<T>(C(2), T.Zero);
        Assert.True(T.IsNaN(d.Value) && T.IsNaN(d.Tangent));
        var tape = new Tape<T>();
        TapeVariable<T> x = tape.Variable(T.NaN), y = tape.Variable(C(1));
        TapeVariable<T> f = TapeVariable<T>.Sin(x) + y;
        tape.Backward(f);
        Assert.True(T.IsNaN(f.Value) && T.IsNaN(tape.Adjoint(x)));
        Assert.Equal(T.One, tape.Adjoint(y));
    }

    private static readonly TapeVariable<T>[] Scratch = new TapeVariable<T>[4];

    private static TapeVariable<T>[] Outputs(TapeVariable<T>[] x) => OutputsInto(x, new TapeVariable<T>[4]);

    /// <summary>Four outputs sharing intermediate values (fan-out), one of them repeated.</summary>
    private static TapeVariable<T>[] OutputsInto(TapeVariable<T>[] x, TapeVariable<T>[] y)
    {
        TapeVariable<T> s = x[0] * x[1];
        y[0] = TapeVariable<T>.Tanh(s) + x[2];
        y[1] = TapeVariable<T>.MultiplyAdd(s, x[2], x[0]);
        y[2] = TapeVariable<T>.Exp(x[1] / x[2]) - s;
        y[3] = y[0] * y[1];
        return y;
    }

    private static TScalar Composite<TScalar>(TScalar x, TScalar y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T> =>
        (x * TScalar.Sin(x * y)) + TScalar.Exp(x / y) - (TScalar.Sqrt((x * x) + (y * y)) * TScalar.Tanh(y));

    private static TScalar Composite<TScalar>(T x, T y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T> =>
        Composite(TScalar.Constant(x), TScalar.Constant(y));

    private static TScalar Branch<TScalar>(TScalar x)
        where TScalar : struct, IDifferentiableScalar<TScalar, T> =>
        x < TScalar.Constant(T.Zero) ? x * x * x : C(2) * x * x;

    private static void AssertSum(T actual, T[] terms, double toleranceInEps, string what)
    {
        T sum = T.Zero, scale = T.Zero;
        foreach (T t in terms)
        {
            sum += t;
            scale += T.Abs(t);
        }

        double error = Math.Abs(double.CreateChecked(actual - sum));
        Assert.True(error <= toleranceInEps * Eps * double.CreateChecked(scale), $"{what}: {actual} vs closed form {sum}");
    }

    private static void CheckBinary(string name, Func<Primal<T>, Primal<T>, Primal<T>> onPrimal, Func<Dual<T>, Dual<T>, Dual<T>> onDual,
        Func<TapeVariable<T>, TapeVariable<T>, TapeVariable<T>> onTape, T a, T b, T expectedA, T expectedB, double toleranceInEps)
    {
        Dual<T> da = onDual(new Dual<T>(a, T.One), new Dual<T>(b, T.Zero));
        Dual<T> db = onDual(new Dual<T>(a, T.Zero), new Dual<T>(b, T.One));
        var tape = new Tape<T>();
        TapeVariable<T> va = tape.Variable(a), vb = tape.Variable(b);
        TapeVariable<T> r = onTape(va, vb);
        tape.Backward(r);
        Assert.True(onPrimal(a, b).Value.Equals(r.Value) && da.Value.Equals(r.Value), $"{name}: values differ across modes");
        Assert.True(da.Tangent.Equals(tape.Adjoint(va)) && db.Tangent.Equals(tape.Adjoint(vb)), $"{name}: dual and tape partials differ");
        foreach ((T actual, T expected, string which) in new[] { (da.Tangent, expectedA, "∂/∂a"), (db.Tangent, expectedB, "∂/∂b") })
        {
            double error = Math.Abs(double.CreateChecked(actual - expected));
            Assert.True(error <= toleranceInEps * Eps * Math.Abs(double.CreateChecked(expected)), $"{name} {which}: {actual} vs {expected}");
        }
    }
}

public sealed class ScalarAutodiffTestsDouble : ScalarAutodiffTests<double>;

public sealed class ScalarAutodiffTestsSingle : ScalarAutodiffTests<float>;
