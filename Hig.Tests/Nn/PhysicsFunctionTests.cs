using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;
using Hig.Tests.Nn.Support;

namespace Hig.Tests.Nn;

/// <summary>The ready physics functions: their values from closed forms, and ∂P/∂u by dual numbers, the tape and central differences.</summary>
public abstract class PhysicsFunctionTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    private static T C(double v) => T.CreateChecked(v);

    [Fact]
    public void ScaledComponentsIsTheToyPhysicsExactly()
    {
        var p = new ScaledComponents<T>(T.One, C(0.01));
        T[] u = [C(0.3), C(-2)];
        (T[] y, Matrix<T> forward, Matrix<T> reverse, _) = Differentiate(p, [], u);
        Assert.Equal(new[] { u[0], u[1] * C(0.01) }, y);
        var expected = Matrix<T>.FromArray(new[,] { { T.One, T.Zero }, { T.Zero, C(0.01) } });
        Bounds.AssertIdentical<T>(forward, expected, "∂P/∂u by dual numbers");
        Bounds.AssertIdentical<T>(reverse, expected, "∂P/∂u by the tape");
        Assert.Throws<ArgumentException>(() => new ScaledComponents<T>());
        Assert.Throws<ArgumentException>(() => new ScaledComponents<T>(T.One, T.NaN));
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => p.Evaluate<Primal<T>>([], new Primal<T>[2], new Primal<T>[3])).ParamName);
    }

    [Fact]
    public void OneUncoupledOscillatorStepFollowsSemiImplicitEuler()
    {
        // n = 1, one step: v' = v + Δt·(−q + g·u), q' = q + Δt·v', so ∂(q', v')/∂u = (Δt²·g, Δt·g).
        double dt = 0.125, g = 3, q = 0.5, v = -0.25, u = 0.75;
        var p = new CoupledOscillators<T>(1, 1, C(dt), C(7), C(g));
        (T[] y, Matrix<T> forward, Matrix<T> reverse, _) = Differentiate(p, [C(q), C(v)], [C(u)]);
        double vNext = v + (dt * (-q + (g * u)));
        // Every quantity here is a short sum of dyadic numbers: exact in both types.
        Assert.Equal(new[] { C(q + (dt * vNext)), C(vNext) }, y);
        foreach (Matrix<T> j in new[] { forward, reverse })
        {
            Assert.Equal(C(dt * dt * g), j[0, 0]);
            Assert.Equal(C(dt * g), j[1, 0]);
        }
    }

    [Theory]
    [InlineData(2, 12, 0.25)]
    [InlineData(3, 5, 0.25)]
    [InlineData(1, 7, 0.5)]
    public void CoupledOscillatorDerivativesAgreeAcrossModesAndWithCentralDifferences(int oscillators, int steps, double dt)
    {
        var p = new CoupledOscillators<T>(oscillators, steps, C(dt), C(0.8), C(1.5));
        var rng = new Rng((ulong)(oscillators * 100 + steps));
        var x = new T[2 * oscillators];
        var u = new T[steps * oscillators];
        rng.FillUniform(x, -T.One, T.One);
        rng.FillUniform(u, -T.One, T.One);
        (T[] y, Matrix<T> forward, Matrix<T> reverse, (Matrix<T> Sums, int Nodes) magnitude) = Differentiate(p, x, u);

        // Both modes accumulate the same local partials along paths of at most NodeCount steps: first-order error
        // ≤ NodeCount·u·(absolute path sum) each, so they differ by ≤ NodeCount·ε·S; doubled for second-order terms.
        Bounds.AssertClose<T>(forward, reverse, magnitude.Sums, 2 * magnitude.Nodes * Eps, "∂P/∂u: dual numbers vs tape");

        // Central differences per control, in double on the same T-valued function; truncation estimated by Richardson
        // (D(2h) − D(h) ≈ 3·c·h²), allowed twice, plus rounding NodeCount·u·(1 + |y|)/h, allowed four times.
        double h = typeof(T) == typeof(double) ? 1e-4 : Math.ScaleB(1, -8);
        for (int k = 0; k < u.Length; k++)
        {
            double[] d1 = Difference(p, x, u, k, h), d2 = Difference(p, x, u, k, 2 * h);
            for (int o = 0; o < y.Length; o++)
            {
                double truncation = 2 * Math.Abs(d2[o] - d1[o]) / 3;
                double rounding = 4 * magnitude.Nodes * (Eps / 2) * (1 + Math.Abs(double.CreateChecked(y[o]))) / h;
                double error = Math.Abs(double.CreateChecked(forward[o, k]) - d1[o]);
                Assert.True(error <= truncation + rounding, $"∂y{o}/∂u{k}: {forward[o, k]} vs central difference {d1[o]:R}");
            }
        }
    }

    /// <summary>Values, ∂P/∂u by dual numbers and by the tape, and the tape's absolute path sums with its node count.</summary>
    private static (T[] Y, Matrix<T> Forward, Matrix<T> Reverse, (Matrix<T> Sums, int Nodes) Magnitude) Differentiate(
        IPhysicsFunction<T> p, T[] x, T[] u)
    {
        int du = p.InputSize, dy = p.OutputSize;
        var plain = new Primal<T>[dy];
        p.Evaluate<Primal<T>>(x, Array.ConvertAll(u, v => new Primal<T>(v)), plain);
        var forward = new Matrix<T>(dy, du);
        var duals = new Dual<T>[dy];
        for (int k = 0; k < du; k++)
        {
            var seeded = new Dual<T>[du];
            for (int q = 0; q < du; q++)
            {
                seeded[q] = new Dual<T>(u[q], q == k ? T.One : T.Zero);
            }

            p.Evaluate<Dual<T>>(x, seeded, duals);
            for (int o = 0; o < dy; o++)
            {
                forward[o, k] = duals[o].Tangent;
                Assert.True(duals[o].Value.Equals(plain[o].Value), "dual values differ from plain values");
            }
        }

        var tape = new Tape<T>();
        var uVars = new TapeVariable<T>[du];
        var yVars = new TapeVariable<T>[dy];
        tape.Variables(u, uVars);
        p.Evaluate<TapeVariable<T>>(x, uVars, yVars);
        var reverse = new Matrix<T>(dy, du);
        var sums = new Matrix<T>(dy, du);
        tape.Jacobian(yVars, uVars, reverse);
        tape.AbsolutePathSums(yVars, uVars, sums);
        for (int o = 0; o < dy; o++)
        {
            Assert.True(yVars[o].Value.Equals(plain[o].Value), "tape values differ from plain values");
        }

        return (Array.ConvertAll(plain, v => v.Value), forward, reverse, (sums, tape.NodeCount));
    }

    private static double[] Difference(IPhysicsFunction<T> p, T[] x, T[] u, int k, double h)
    {
        var plus = (T[])u.Clone();
        var minus = (T[])u.Clone();
        plus[k] = T.CreateChecked(double.CreateChecked(u[k]) + h);
        minus[k] = T.CreateChecked(double.CreateChecked(u[k]) - h);
        double step = double.CreateChecked(plus[k]) - double.CreateChecked(minus[k]); // the step actually taken
        var yp = new Primal<T>[p.OutputSize];
        var ym = new Primal<T>[p.OutputSize];
        p.Evaluate<Primal<T>>(x, Array.ConvertAll(plus, v => new Primal<T>(v)), yp);
        p.Evaluate<Primal<T>>(x, Array.ConvertAll(minus, v => new Primal<T>(v)), ym);
        var d = new double[p.OutputSize];
        for (int o = 0; o < d.Length; o++)
        {
            d[o] = (double.CreateChecked(yp[o].Value) - double.CreateChecked(ym[o].Value)) / step;
        }

        return d;
    }
}

public sealed class PhysicsFunctionTestsDouble : PhysicsFunctionTests<double>;

public sealed class PhysicsFunctionTestsSingle : PhysicsFunctionTests<float>;
