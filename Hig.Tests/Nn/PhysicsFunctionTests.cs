using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Nn.Support;

namespace Hig.Tests.Nn;

/// <summary>The toy's physics function: its values and ∂P/∂u by dual numbers and the tape against the closed form (the oscillator chain has its own tests).</summary>
public abstract class PhysicsFunctionTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
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
}

public sealed class PhysicsFunctionTestsDouble : PhysicsFunctionTests<double>;

public sealed class PhysicsFunctionTestsSingle : PhysicsFunctionTests<float>;
