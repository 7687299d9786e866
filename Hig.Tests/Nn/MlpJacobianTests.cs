using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;
using Hig.Tests.Nn.Support;

namespace Hig.Tests.Nn;

/// <summary>
/// Derivatives of the MLP fast path against independent references: the naive chain rule (ReferenceMlp), the scalar
/// autodiff on the generic evaluator (dual numbers and the tape), the other mode, central differences and the
/// dot-product identity, over every <see cref="NetworkCase"/>.
/// </summary>
/// <remarks>
/// Tolerances: K = ReferenceMlp.ErrorMultiple bounds, in units of u = ε/2, the first-order error of any evaluation order
/// of the derivative chain relative to the absolute-value bound S; two computations then differ by at most K·ε·S, and
/// the factor 2 in <see cref="Tolerance"/> covers second-order terms.
/// </remarks>
public abstract class MlpJacobianTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    /// <summary>2·K·ε (see the class remarks).</summary>
    private static double Tolerance(Mlp<T> net) => 2 * ReferenceMlp.ErrorMultiple(net.Widths) * Eps;

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void EveryModeMatchesTheNaiveChainRuleAndWritesOnlyJ(int index)
    {
        (NetworkCase c, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(index);
        (Matrix<T> reference, Matrix<T> bound) = ReferenceMlp.Jacobian(net, theta, x, null, net.OutputSize);
        var ws = net.CreateWorkspace(c.Batch);
        int rows = c.Batch * net.OutputSize, cols = net.ParameterCount;
        Matrix<T>? forward = null;
        foreach (JacobianMode mode in new[] { JacobianMode.Forward, JacobianMode.Reverse, JacobianMode.Auto })
        {
            // A strided, misaligned J pre-filled with NaN: every element must be written, nothing outside it.
            var j = new PaddedBuffer<T>(rows, cols, cols + 3, misalignment: 1);
            j.View.Fill(T.NaN);
            var y = new PaddedBuffer<T>(c.Batch, net.OutputSize, net.OutputSize + 1, misalignment: 2);
            net.Jacobian(theta, x, j.View, y.View, ws, mode);
            j.AssertSentinelsIntact();
            y.AssertSentinelsIntact();
            Bounds.AssertClose<T>(j.View, reference, bound, Tolerance(net), $"{mode}-mode J of {c}");
            AssertOutputsEqualNaiveForward(net, theta, x, y.View);
            if (mode == JacobianMode.Forward)
            {
                forward = Matrix<T>.CopyOf(j.View);
            }
            else if (mode == JacobianMode.Reverse)
            {
                // The two modes directly: both within K·u·S of the exact J.
                Bounds.AssertClose<T>(j.View, forward!, bound, Tolerance(net), $"reverse vs forward mode J of {c}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void AutoModeRunsTheModeTheShapeRuleChoosesBitForBit(int index)
    {
        (NetworkCase c, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(index);
        var ws = net.CreateWorkspace(c.Batch);
        var y = new Matrix<T>(c.Batch, net.OutputSize);
        var auto = new Matrix<T>(c.Batch * net.OutputSize, net.ParameterCount);
        var chosen = new Matrix<T>(c.Batch * net.OutputSize, net.ParameterCount);
        net.Jacobian(theta, x, auto, y, ws);
        JacobianMode expected = JacobianCost.Choose(net.Widths, net.OutputSize, identitySeed: true);
        net.Jacobian(theta, x, chosen, y, ws, expected);
        Bounds.AssertIdentical<T>(auto, chosen, $"Auto vs {expected} on {c}");
    }

    [Fact]
    public void ShapeRulePrefersReverseModeUnlessOutputsOutnumberNeurons()
    {
        // Reverse pulls s = d_y cotangents per sample; forward pushes one tangent per neuron. The benchmark shapes all
        // have few outputs per neuron, a wide-output network has many.
        Assert.Equal(JacobianMode.Reverse, JacobianCost.Choose([1, 7, 2], 2, identitySeed: true));
        Assert.Equal(JacobianMode.Reverse, JacobianCost.Choose([64, 64, 128, 64, 64], 64, identitySeed: true));
        Assert.Equal(JacobianMode.Reverse, JacobianCost.Choose([4, 20, 20, 20, 24], 4, identitySeed: false));
        Assert.Equal(JacobianMode.Forward, JacobianCost.Choose([1, 3, 12], 12, identitySeed: true));
        Assert.Equal(JacobianMode.Forward, JacobianCost.Choose([2, 8, 256], 256, identitySeed: true));
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void FastPathMatchesTheScalarAutodiffOnTheGenericEvaluator(int index)
    {
        (NetworkCase c, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(index);
        (Matrix<T> fast, Matrix<T> bound) = Assemble(net, theta, x, JacobianMode.Reverse);
        int dy = net.OutputSize, p = net.ParameterCount;
        var tape = new Tape<T>();
        var thetaVars = new TapeVariable<T>[p];
        var xVars = new TapeVariable<T>[net.InputSize];
        var yVars = new TapeVariable<T>[dy];
        var scratch = new TapeVariable<T>[net.EvaluateScratchLength];
        var rows = new Matrix<T>(dy, p);
        for (int i = 0; i < c.Batch; i++)
        {
            // Reverse mode on the scalar path: one tape per sample, d_y lanes, gives the sample's block of J.
            tape.Reset();
            tape.Variables(theta, thetaVars);
            for (int k = 0; k < xVars.Length; k++)
            {
                xVars[k] = TapeVariable<T>.Constant(x[i, k]);
            }

            net.Evaluate<TapeVariable<T>>(thetaVars, xVars, yVars, scratch);
            tape.Jacobian(yVars, thetaVars, rows);
            Bounds.AssertClose<T>(rows, fast.Slice(i * dy, 0, dy, p), bound.Slice(i * dy, 0, dy, p), Tolerance(net),
                $"tape rows of sample {i} of {c}");
        }

        // Forward mode on the scalar path: push e_k for a few parameters (first, last, and seeded random ones).
        var rng = new Rng(77);
        var thetaDuals = new Dual<T>[p];
        var xDuals = new Dual<T>[net.InputSize];
        var yDuals = new Dual<T>[dy];
        var dualScratch = new Dual<T>[net.EvaluateScratchLength];
        foreach (int column in new[] { 0, p - 1, rng.NextInt(p), rng.NextInt(p) })
        {
            for (int k = 0; k < p; k++)
            {
                thetaDuals[k] = new Dual<T>(theta[k], k == column ? T.One : T.Zero);
            }

            for (int i = 0; i < c.Batch; i++)
            {
                for (int k = 0; k < xDuals.Length; k++)
                {
                    xDuals[k] = Dual<T>.Constant(x[i, k]);
                }

                net.Evaluate<Dual<T>>(thetaDuals, xDuals, yDuals, dualScratch);
                for (int o = 0; o < dy; o++)
                {
                    int r = (i * dy) + o;
                    Bounds.AssertClose<T>([yDuals[o].Tangent], [fast[r, column]], [bound[r, column]], Tolerance(net),
                        $"dual column {column}, row {r} of {c}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void JvpEqualsJTimesDirection(int index)
    {
        (NetworkCase _, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(index);
        (Matrix<T> j, Matrix<T> bound) = Assemble(net, theta, x, JacobianMode.Reverse);
        ModelChecks.JvpMatchesJacobian(net, theta, x, j, bound, Tolerance(net), new Rng(11));
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void VjpPassesTheDotProductIdentity(int index)
    {
        (NetworkCase _, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(index);
        (_, Matrix<T> bound) = Assemble(net, theta, x, JacobianMode.Reverse);
        ModelChecks.VjpPassesDotProductIdentity(net, theta, x, bound, Tolerance(net), new Rng(12));
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void GradientPassEqualsJTransposeTimesCotangent(int index)
    {
        (NetworkCase _, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(index);
        (Matrix<T> j, Matrix<T> bound) = Assemble(net, theta, x, JacobianMode.Forward);
        ModelChecks.BackwardMatchesJacobianTranspose(net, theta, x, j, bound, Tolerance(net), new Rng(13));
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void JvpAgreesWithCentralDifferences(int index)
    {
        (NetworkCase c, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(index);
        if (!c.IsSmooth)
        {
            return; // relu's kink makes finite differences meaningless near z = 0; the exact references cover relu
        }

        ModelChecks.JvpMatchesCentralDifferences(net, theta, x, ReferenceMlp.ErrorMultiple(net.Widths), new Rng(14));
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void CallsAllocateNothingAfterWarmUp(int index)
    {
        (NetworkCase _, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(index);
        ModelChecks.CallsDoNotAllocate(net, theta, x);
    }

    [Fact]
    public void NanInOneSampleStaysInThatSamplesRows()
    {
        NetworkCase c = NetworkCase.All[2];
        (_, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(2);
        x[1, 0] = T.NaN;
        var ws = net.CreateWorkspace(c.Batch);
        var y = new Matrix<T>(c.Batch, net.OutputSize);
        var j = new Matrix<T>(c.Batch * net.OutputSize, net.ParameterCount);
        foreach (JacobianMode mode in new[] { JacobianMode.Forward, JacobianMode.Reverse })
        {
            net.Jacobian(theta, x, j, y, ws, mode);
            for (int i = 0; i < c.Batch; i++)
            {
                Assert.Equal(i == 1, T.IsNaN(y[i, 0]));
                for (int o = 0; o < net.OutputSize; o++)
                {
                    int nans = 0;
                    foreach (T v in j.Row((i * net.OutputSize) + o))
                    {
                        nans += T.IsNaN(v) ? 1 : 0;
                    }

                    Assert.True(i == 1 ? nans > 0 : nans == 0, $"{mode}: sample {i} row {o} has {nans} NaN(s)");
                }
            }
        }
    }

    [Fact]
    public void NanInThetaPropagatesToOutputsJacobianAndGradient()
    {
        (NetworkCase c, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(0);
        theta[net.BiasOffset(net.LayerCount - 1)] = T.NaN;
        var ws = net.CreateWorkspace(c.Batch);
        var y = new Matrix<T>(c.Batch, net.OutputSize);
        var j = new Matrix<T>(c.Batch * net.OutputSize, net.ParameterCount);
        var g = new T[net.ParameterCount];
        net.Jacobian(theta, x, j, y, ws);
        net.Backward(theta, y, g, ws);
        Assert.True(T.IsNaN(y[0, 0]));
        Assert.Contains(g, T.IsNaN);
    }

    [Fact]
    public void SmallerBatchesReuseTheWorkspaceAndEmptyBatchesDoNothing()
    {
        (NetworkCase c, Mlp<T> net, T[] theta, Matrix<T> x) = Setup(1);
        var ws = net.CreateWorkspace(c.Batch + 3);
        (Matrix<T> reference, Matrix<T> bound) = ReferenceMlp.Jacobian(net, theta, x, null, net.OutputSize);
        var y = new Matrix<T>(c.Batch, net.OutputSize);
        var j = new Matrix<T>(c.Batch * net.OutputSize, net.ParameterCount);
        net.Jacobian(theta, x, j, y, ws);
        Bounds.AssertClose<T>(j, reference, bound, Tolerance(net), "J with a larger workspace");

        var none = new Matrix<T>(0, net.InputSize);
        var noY = new Matrix<T>(0, net.OutputSize);
        var noJ = new Matrix<T>(0, net.ParameterCount);
        net.Jacobian(theta, none, noJ, noY, ws);
        var g = new T[net.ParameterCount];
        g.AsSpan().Fill(T.One);
        net.Backward(theta, noY, g, ws);
        Assert.All(g, v => Assert.Equal(T.Zero, v));
    }

    /// <summary>A case's network with seeded θ and inputs.</summary>
    private static (NetworkCase Case, Mlp<T> Net, T[] Theta, Matrix<T> X) Setup(int index)
    {
        NetworkCase c = NetworkCase.All[index];
        var rng = new Rng(1000 + (ulong)index);
        Mlp<T> net = c.Network<T>();
        T[] theta = c.Theta(net, rng);
        return (c, net, theta, NetworkCase.Uniform<T>(c.Batch, net.InputSize, rng));
    }

    /// <summary>J by the given mode (already checked against the naive chain rule above) and the naive bound S.</summary>
    private static (Matrix<T> J, Matrix<T> Bound) Assemble(Mlp<T> net, T[] theta, Matrix<T> x, JacobianMode mode)
    {
        var ws = net.CreateWorkspace(x.Rows);
        var y = new Matrix<T>(x.Rows, net.OutputSize);
        var j = new Matrix<T>(x.Rows * net.OutputSize, net.ParameterCount);
        net.Jacobian(theta, x, j, y, ws, mode);
        return (j, ReferenceMlp.Jacobian(net, theta, x, null, net.OutputSize).Bound);
    }

    /// <summary>y equals the naive per-sample forward bit for bit (both are fused multiply-adds in the same order).</summary>
    private static void AssertOutputsEqualNaiveForward(Mlp<T> net, T[] theta, Matrix<T> x, MatrixView<T> y)
    {
        var expected = new Matrix<T>(x.Rows, net.OutputSize);
        for (int i = 0; i < x.Rows; i++)
        {
            ReferenceMlp.Forward(net, theta, x.Row(i)).A[net.LayerCount].CopyTo(expected.Row(i));
        }

        Bounds.AssertIdentical<T>(y, expected, "y from the Jacobian pass vs the naive forward");
    }
}

public sealed class MlpJacobianTestsDouble : MlpJacobianTests<double>;

public sealed class MlpJacobianTestsSingle : MlpJacobianTests<float>;
