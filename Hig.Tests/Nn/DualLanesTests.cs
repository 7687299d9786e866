using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;

namespace Hig.Tests.Nn;

/// <summary>
/// Vector forward mode (<see cref="DualLanes{T}"/>): every tangent lane must equal, bit for bit, the tangent of the
/// scalar <see cref="Dual{T}"/> pass seeded with that lane's direction (the lanes apply Dual's rule with the same IEEE
/// operations and fused multiply-adds), and the values must equal <see cref="Primal{T}"/>'s. Checked on a function that
/// uses every primitive of the scalar contract, and on physics Jacobians ∂P/∂u that need one, two or three passes of
/// lanes, against dual passes written out here.
/// </summary>
public abstract class DualLanesTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Inputs = 3;
    private const int Outputs = 4;

    private static T C(double v) => T.CreateChecked(v);

    [Fact]
    public void EveryPrimitiveMatchesDualPassesLaneByLane()
    {
        int lanes = DualLanes<T>.Lanes;
        // Seed the inputs in lanes spread over both halves of the lane block, the last lane included.
        int[] seedLanes = [0, (lanes / 2) + 1, lanes - 1];
        (double, double, double)[] points = [(0.7, -1.3, 0.4), (-2.1, 0.45, 1.9), (1.5, 2.5, -0.8)];
        foreach ((double p0, double p1, double p2) in points)
        {
            T[] u = [C(p0), C(p1), C(p2)];
            var laneInputs = new DualLanes<T>[Inputs];
            for (int k = 0; k < Inputs; k++)
            {
                laneInputs[k] = DualLanes<T>.Seeded(u[k], seedLanes[k]);
            }

            var laneOutputs = new DualLanes<T>[Outputs];
            KitchenSink(laneInputs, laneOutputs);
            var plain = new Primal<T>[Outputs];
            KitchenSink(Array.ConvertAll(u, v => new Primal<T>(v)), plain);
            for (int o = 0; o < Outputs; o++)
            {
                Assert.True(laneOutputs[o].Value.Equals(plain[o].Value), $"output {o} at ({p0}, {p1}, {p2}): value differs from Primal");
            }

            for (int lane = 0; lane < lanes; lane++)
            {
                int k = Array.IndexOf(seedLanes, lane);
                var duals = new Dual<T>[Inputs];
                for (int q = 0; q < Inputs; q++)
                {
                    duals[q] = new Dual<T>(u[q], q == k ? T.One : T.Zero);
                }

                var dualOutputs = new Dual<T>[Outputs];
                KitchenSink(duals, dualOutputs);
                for (int o = 0; o < Outputs; o++)
                {
                    T expected = dualOutputs[o].Tangent, actual = laneOutputs[o].Tangent(lane);
                    Assert.True(actual.Equals(expected) && T.IsNegative(actual) == T.IsNegative(expected),
                        $"output {o}, lane {lane} (input {k}) at ({p0}, {p1}, {p2}): {actual} vs Dual's {expected}");
                }
            }
        }
    }

    [Fact]
    public void CopyTangentsReturnsTheLanesInOrder()
    {
        int lanes = DualLanes<T>.Lanes;
        DualLanes<T> v = DualLanes<T>.Constant(C(2));
        for (int lane = 0; lane < lanes; lane++)
        {
            // Σ over lanes of (lane + 1)·e_lane, built with the arithmetic under test.
            v += DualLanes<T>.Seeded(T.Zero, lane) * C(lane + 1);
        }

        foreach (int count in new[] { lanes, lanes - 3, 1 })
        {
            var copied = new T[count];
            v.CopyTangents(copied);
            for (int lane = 0; lane < count; lane++)
            {
                Assert.Equal(C(lane + 1), copied[lane]);
                Assert.Equal(copied[lane], v.Tangent(lane));
            }
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(2, 24)]
    [InlineData(2, 40)]
    [InlineData(1, 40)]
    public void PhysicsJacobianByLanesEqualsOneDualPassPerInput(int oscillators, int steps)
    {
        // d_u = steps: 2 … 40 inputs, so one, two or three passes of lanes (16 lanes in double, 32 in float).
        var driven = new T[oscillators];
        driven[^1] = T.One;
        var physics = new OscillatorChain<T>(oscillators, steps, C(0.25), C(0.4), C(0.7), driven, C(1.3));
        var network = new Mlp<T>([2 * oscillators, physics.InputSize], Activation.Tanh, Activation.Identity);
        var model = new ComposedModel<T>(network, physics);
        ComposedWorkspace<T> ws = model.CreateWorkspace(1);
        var rng = new Rng(4100 + (ulong)(oscillators * 100) + (ulong)steps);
        int du = physics.InputSize, dy = physics.OutputSize;
        var x = new T[dy];
        var u = new T[du];
        rng.FillUniform(x, -T.One, T.One);
        rng.FillUniform(u, -T.One, T.One);

        var jacobian = new Matrix<T>(dy, du);
        jacobian.Data.Fill(T.NaN);
        var y = new T[dy];
        PhysicsDerivatives.JacobianForwardLanes<T>(physics, x, u, y, jacobian, ws);

        var plain = new Primal<T>[dy];
        physics.Evaluate<Primal<T>>(x, Array.ConvertAll(u, v => new Primal<T>(v)), plain);
        var duals = new Dual<T>[du];
        var dualOutputs = new Dual<T>[dy];
        for (int k = 0; k < du; k++)
        {
            for (int q = 0; q < du; q++)
            {
                duals[q] = new Dual<T>(u[q], q == k ? T.One : T.Zero);
            }

            physics.Evaluate<Dual<T>>(x, duals, dualOutputs);
            for (int o = 0; o < dy; o++)
            {
                Assert.True(jacobian[o, k].Equals(dualOutputs[o].Tangent),
                    $"∂y_{o}/∂u_{k} of {oscillators} oscillator(s) × {steps} step(s): {jacobian[o, k]} vs Dual's {dualOutputs[o].Tangent}");
            }
        }

        for (int o = 0; o < dy; o++)
        {
            Assert.True(y[o].Equals(plain[o].Value), $"y_{o}: {y[o]} vs Primal's {plain[o].Value}");
        }
    }

    /// <summary>Every primitive of the contract: both constant sides, three-variable fused multiply-add, fan-out, a branch.</summary>
    private static void KitchenSink<TScalar>(ReadOnlySpan<TScalar> u, Span<TScalar> y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        TScalar a = u[0], b = u[1], c = u[2];
        TScalar s = (a * b) + (c - a) - (C(0.5) - b) + (C(1.25) + c) - (a - C(3)) + (b + C(0.75));
        TScalar d = (s / c) + (C(2) / b) + (a / C(3)) + (C(-1.5) * c) + (b * C(0.3)) - (-a);
        TScalar m = TScalar.MultiplyAdd(a, b, c) + TScalar.MultiplyAdd(a, TScalar.Constant(C(0.5)), c);
        TScalar positive = TScalar.Abs(a) + TScalar.Constant(C(0.1));
        y[0] = TScalar.Pow(positive, b) + TScalar.Pow(positive, C(2.5)) + TScalar.Sqrt(positive) + TScalar.Log(positive);
        y[1] = TScalar.Exp(b * C(0.5)) * TScalar.Sin(d) + TScalar.Cos(m) - TScalar.Tanh(s);
        y[2] = TScalar.Sigmoid(d) * (a > b ? a * a : b * C(2)) + (c <= a ? m : -m) + (b >= c ? s : d) + (a < c ? c : a);
        y[3] = TScalar.Constant(C(4)) * y[0] / (y[1] + C(3)) + TScalar.Abs(d - m);
    }
}

public sealed class DualLanesTestsDouble : DualLanesTests<double>;

public sealed class DualLanesTestsSingle : DualLanesTests<float>;
