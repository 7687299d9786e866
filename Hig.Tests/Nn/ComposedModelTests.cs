using System;
using System.Collections.Generic;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;
using Hig.Tests.Nn.Support;

namespace Hig.Tests.Nn;

/// <summary>
/// y = P(f(x; θ); x): the composed Jacobian against the chain rule computed independently (the naive network chain seeded
/// with ∂P/∂u from dual numbers), both modes and Auto, plus the model-level derivative properties and bad input.
/// </summary>
/// <remarks>
/// Tolerance: the network chain contributes K_f = ReferenceMlp.ErrorMultiple, the physics' derivative at most K_P = its
/// tape's node count (a bound on every path's length), each in units of u relative to the absolute bound S = S_P·S_f
/// (S_P the absolute path sums of P from the tape, S_f the network's absolute chain); two computations differ by at
/// most (K_f + K_P)·ε·S, doubled for second-order terms.
/// </remarks>
public abstract class ComposedModelTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    public sealed record Case(string Name, int[] Widths, Func<IPhysicsFunction<T>> Physics, int Batch)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Case> Cases { get; } =
    [
        new("toy λ = 0.01, b1", [1, 7, 2], () => new ScaledComponents<T>(T.One, T.CreateChecked(0.01)), 1),
        new("toy λ = 1, b5", [1, 7, 2], () => new ScaledComponents<T>(T.One, T.One), 5),
        // The oscillator chain computes ∂P/∂u by its own batched adjoint; wrapped as a plain IPhysicsFunction it goes
        // through the scalar autodiff instead: vector forward mode for d_u ≤ 2 passes of lanes (AVX-512), else the tape.
        new("oscillator chain 4→6→5→6, 2 oscillators × 6 steps, both couplings, b3 (batched adjoint)", [4, 6, 5, 6],
            () => new OscillatorChain<T>(2, 6, T.CreateChecked(0.25), T.CreateChecked(0.3), T.One, [T.CreateChecked(0.5), T.One], T.CreateChecked(1.5)), 3),
        new("oscillator chain 6→5→2, 3 oscillators × 2 steps (d_u < d_y), b2 (batched adjoint)", [6, 5, 2],
            () => new OscillatorChain<T>(3, 2, T.CreateChecked(0.25), T.CreateChecked(0.5), T.CreateChecked(2), [T.One, T.Zero, T.One], T.One), 2),
        new("book chain 4→5→24 as a plain physics function, b3 (scalar autodiff)", [4, 5, 24],
            () => new ScalarPhysics<T>(OscillatorChain<T>.BookLinearChain()), 3),
        // d_u = 80 needs more than two passes of lanes (16 in double, 32 in float), so ∂P/∂u comes from the tape.
        new("chain of 80 steps (d_u = 80) as a plain physics function, 4→5→80, b3 (tape)", [4, 5, 80],
            () => new ScalarPhysics<T>(new OscillatorChain<T>(2, 80, T.CreateChecked(0.1), T.CreateChecked(0.5), T.One, [T.Zero, T.One], T.One)), 3),
    ];

    public static TheoryData<int> Indices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void EveryModeMatchesTheChainRuleAndWritesOnlyJ(int index)
    {
        (Case c, ComposedModel<T> model, T[] theta, Matrix<T> x) = Setup(index);
        (Matrix<T> reference, Matrix<T> bound, int kP) = Reference(model, theta, x);
        var ws = model.CreateWorkspace(c.Batch);
        Matrix<T> expectedY = NaiveForward(model, theta, x);
        int rows = c.Batch * model.OutputSize, cols = model.ParameterCount;
        foreach (JacobianMode mode in new[] { JacobianMode.Forward, JacobianMode.Reverse, JacobianMode.Auto })
        {
            var j = new PaddedBuffer<T>(rows, cols, cols + 2, misalignment: 3);
            j.View.Fill(T.NaN);
            var y = new Matrix<T>(c.Batch, model.OutputSize);
            model.Jacobian(theta, x, j.View, y, ws, mode);
            j.AssertSentinelsIntact();
            Bounds.AssertClose<T>(j.View, reference, bound, Tolerance(model, kP), $"{mode}-mode J of {c}");
            Bounds.AssertIdentical<T>(y, expectedY, $"y from the {mode}-mode Jacobian pass of {c}");
        }

        var forwardY = new Matrix<T>(c.Batch, model.OutputSize);
        model.Forward(theta, x, forwardY, ws);
        Bounds.AssertIdentical<T>(forwardY, expectedY, $"Forward of {c}");
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void JvpVjpAndGradientPassAgreeWithTheJacobian(int index)
    {
        (Case _, ComposedModel<T> model, T[] theta, Matrix<T> x) = Setup(index);
        (Matrix<T> reference, Matrix<T> bound, int kP) = Reference(model, theta, x);
        double tolerance = Tolerance(model, kP);
        ModelChecks.JvpMatchesJacobian(model, theta, x, reference, bound, tolerance, new Rng(21));
        ModelChecks.VjpPassesDotProductIdentity(model, theta, x, bound, tolerance, new Rng(22));
        ModelChecks.BackwardMatchesJacobianTranspose(model, theta, x, reference, bound, tolerance, new Rng(23));
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void JvpAgreesWithCentralDifferences(int index)
    {
        (Case _, ComposedModel<T> model, T[] theta, Matrix<T> x) = Setup(index);
        int kP = Reference(model, theta, x).KP;
        ModelChecks.JvpMatchesCentralDifferences(model, theta, x, ReferenceMlp.ErrorMultiple(model.Network.Widths) + kP, new Rng(24));
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void CallsAllocateNothingAfterWarmUp(int index)
    {
        (Case _, ComposedModel<T> model, T[] theta, Matrix<T> x) = Setup(index);
        ModelChecks.CallsDoNotAllocate(model, theta, x);
    }

    [Fact]
    public void BadShapesAndForeignWorkspacesAreRejectedWithTheirShapes()
    {
        (Case _, ComposedModel<T> model, T[] theta, Matrix<T> x) = Setup(0);
        var net = model.Network;
        Assert.Contains("3 input(s)", Assert.Throws<ArgumentException>(() => new ComposedModel<T>(net, new ScaledComponents<T>(T.One, T.One, T.One))).Message);
        var ws = model.CreateWorkspace(2);
        var y = new Matrix<T>(1, 2);
        ArgumentException e = Assert.Throws<ArgumentException>(() => model.Jacobian(theta, x, new Matrix<T>(2, net.ParameterCount + 1), y, ws));
        Assert.Contains($"2×{net.ParameterCount + 1}", e.Message);
        Assert.Contains($"2×{net.ParameterCount}", e.Message);
        Assert.Equal("workspace", Assert.Throws<ArgumentException>(() => model.Forward(theta, x, y, net.CreateWorkspace(2))).ParamName);
        Assert.Equal("workspace", Assert.Throws<ArgumentException>(() => net.Forward(theta, x, y, ws)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => model.Forward(theta, new Matrix<T>(3, 1), new Matrix<T>(3, 2), ws)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => model.Forward(theta, x, new Matrix<T>(1, 3), ws)).ParamName);
        Assert.Throws<InvalidOperationException>(() => model.Backward(theta, y, new T[net.ParameterCount], model.CreateWorkspace(1)));
        var chain = new ComposedModel<T>(new Mlp<T>([4, 3, 24]), OscillatorChain<T>.BookLinearChain());
        var chainX = new Matrix<T>(2, 4);
        Assert.Equal("workspace", Assert.Throws<ArgumentException>(() => chain.Forward(new T[chain.ParameterCount], chainX, new Matrix<T>(2, 4), ws)).ParamName);
        chain.Forward(new T[chain.ParameterCount], chainX, new Matrix<T>(2, 4), chain.CreateWorkspace(2));
    }

    private static double Tolerance(ComposedModel<T> model, int kP) => 2 * (ReferenceMlp.ErrorMultiple(model.Network.Widths) + kP) * Eps;

    private static (Case Case, ComposedModel<T> Model, T[] Theta, Matrix<T> X) Setup(int index)
    {
        Case c = Cases[index];
        var rng = new Rng(3000 + (ulong)index);
        var net = new Mlp<T>(c.Widths, Activation.Tanh, Activation.Identity);
        var model = new ComposedModel<T>(net, c.Physics());
        var nc = new NetworkCase(c.Name, c.Widths, [.. net.Activations], c.Batch);
        return (c, model, nc.Theta(net, rng), NetworkCase.Uniform<T>(c.Batch, net.InputSize, rng));
    }

    /// <summary>y = P(u) with u from the naive network forward, P on plain numbers.</summary>
    private static Matrix<T> NaiveForward(ComposedModel<T> model, T[] theta, Matrix<T> x)
    {
        var y = new Matrix<T>(x.Rows, model.OutputSize);
        var yi = new Primal<T>[model.OutputSize];
        for (int i = 0; i < x.Rows; i++)
        {
            T[] u = ReferenceMlp.Forward(model.Network, theta, x.Row(i)).A[model.Network.LayerCount];
            model.Physics.Evaluate<Primal<T>>(x.Row(i), Array.ConvertAll(u, v => new Primal<T>(v)), yi);
            for (int o = 0; o < yi.Length; o++)
            {
                y[i, o] = yi[o].Value;
            }
        }

        return y;
    }

    /// <summary>
    /// The chain-rule reference: ∂P/∂u per sample by dual numbers (one pass per input direction) seeding the naive
    /// network chain; the bound seeds it with P's absolute path sums instead; K_P is the largest tape node count.
    /// </summary>
    private static (Matrix<T> J, Matrix<T> Bound, int KP) Reference(ComposedModel<T> model, T[] theta, Matrix<T> x)
    {
        IPhysicsFunction<T> p = model.Physics;
        int du = p.InputSize, dy = p.OutputSize, kP = 0;
        var seeds = new T[x.Rows * dy * du];
        var magnitudes = new T[x.Rows * dy * du];
        var tape = new Tape<T>();
        var uVars = new TapeVariable<T>[du];
        var yVars = new TapeVariable<T>[dy];
        var yDuals = new Dual<T>[dy];
        for (int i = 0; i < x.Rows; i++)
        {
            T[] u = ReferenceMlp.Forward(model.Network, theta, x.Row(i)).A[model.Network.LayerCount];
            for (int k = 0; k < du; k++)
            {
                var uDuals = new Dual<T>[du];
                for (int q = 0; q < du; q++)
                {
                    uDuals[q] = new Dual<T>(u[q], q == k ? T.One : T.Zero);
                }

                p.Evaluate<Dual<T>>(x.Row(i), uDuals, yDuals);
                for (int o = 0; o < dy; o++)
                {
                    seeds[(((i * dy) + o) * du) + k] = yDuals[o].Tangent;
                }
            }

            tape.Reset();
            tape.Variables(u, uVars);
            p.Evaluate<TapeVariable<T>>(x.Row(i), uVars, yVars);
            tape.AbsolutePathSums(yVars, uVars, new MatrixView<T>(magnitudes.AsSpan(i * dy * du, dy * du), dy, du));
            kP = Math.Max(kP, tape.NodeCount);
        }

        Matrix<T> j = ReferenceMlp.Jacobian(model.Network, theta, x, seeds, dy).J;
        Matrix<T> bound = ReferenceMlp.Jacobian(model.Network, theta, x, magnitudes, dy).Bound;
        return (j, bound, kP);
    }
}

public sealed class ComposedModelTestsDouble : ComposedModelTests<double>;

public sealed class ComposedModelTestsSingle : ComposedModelTests<float>;
