using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;
using Hig.Tests.Infrastructure;
using Hig.Tests.Nn.Support;

namespace Hig.Tests.Nn;

/// <summary>
/// The experiment's models, controller network then oscillator chain: the full stacked ∂s_T/∂θ of a batch against
/// central differences of the forward pass, on a seeded sample of its columns; and the book's training steps (HIG on
/// the 128×1444 Jacobian of batch 32, Adam at batch 256) allocate nothing once warmed up.
/// </summary>
public abstract class OscillatorModelTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    [Theory]
    [InlineData("book")]
    [InlineData("paper")]
    public void StackedJacobianColumnsAgreeWithCentralDifferences(string name)
    {
        // The book's controller 4→20→20→20→24 tanh on its linear chain; the paper's chain with a 4→20→20→20→96 tanh
        // controller (the paper uses ReLU, whose kinks central differences cannot resolve). Five samples, 30 columns.
        OscillatorChain<T> chain = name == "book" ? OscillatorChain<T>.BookLinearChain() : OscillatorChain<T>.PaperCubicChain();
        int[] widths = [4, 20, 20, 20, chain.InputSize];
        var network = new Mlp<T>(widths, Activation.Tanh, Activation.Identity);
        var model = new ComposedModel<T>(network, chain);
        var rng = new Rng(name == "book" ? 900UL : 901UL);
        var theta = new T[network.ParameterCount];
        network.InitializeGlorotUniform(theta, rng);
        const int b = 5;
        var x = new Matrix<T>(b, 4);
        rng.FillUniform(x.Data, T.Zero, T.One);
        var ws = model.CreateWorkspace(b);
        var j = new Matrix<T>(b * 4, model.ParameterCount);
        var y = new Matrix<T>(b, 4);
        model.Jacobian(theta, x, j, y, ws);

        // Central differences D(h) along θ_k, with the step actually taken; truncation estimated by Richardson
        // (D(2h) − D(h) ≈ 3·c·h²) and allowed twice, plus rounding: a forward value carries at most K·u·(1 + |y|) with
        // K = the network chain's error multiple plus the chain's tape node count (a bound on every path's length),
        // amplified by 1/h and allowed four times. h = 10⁻⁴ in double, 2⁻⁸ in float.
        int nodes = OscillatorChainTests<T>.TapeJacobian(chain, x.Row(0), new T[chain.InputSize]).Nodes; // the same count for every u
        int multiple = ReferenceMlp.ErrorMultiple(widths) + nodes;
        double h = typeof(T) == typeof(double) ? 1e-4 : Math.ScaleB(1, -8);
        for (int sample = 0; sample < 30; sample++)
        {
            int k = rng.NextInt(model.ParameterCount);
            (double[] d1, double step1) = Difference(model, theta, x, k, h, ws);
            (double[] d2, _) = Difference(model, theta, x, k, 2 * h, ws);
            for (int row = 0; row < b * 4; row++)
            {
                double truncation = 2 * Math.Abs(d2[row] - d1[row]) / 3;
                double rounding = 4 * multiple * (Eps / 2) * (1 + Math.Abs(double.CreateChecked(y.Data[row]))) / step1;
                double error = Math.Abs(double.CreateChecked(j[row, k]) - d1[row]);
                Assert.True(error <= truncation + rounding,
                    $"{name}: J[{row}, {k}] = {j[row, k]} vs central difference {d1[row]:R} (truncation {truncation:E2}, rounding {rounding:E2})");
            }
        }
    }

    [Theory]
    [InlineData("hig", 32)]
    [InlineData("adam", 256)]
    public void TheBooksTrainingStepsAllocateNothingAfterWarmUp(string optimizer, int batch)
    {
        var network = new Mlp<T>([4, 20, 20, 20, 24], Activation.Tanh, Activation.Identity);
        var model = new ComposedModel<T>(network, OscillatorChain<T>.BookLinearChain());
        var rng = new Rng(902);
        var theta = new T[network.ParameterCount];
        network.InitializeGlorotUniform(theta, rng);
        var x = new Matrix<T>(batch, 4);
        rng.FillUniform(x.Data, T.Zero, T.One);
        // η = 1e-6 keeps θ, and so every step's work, the same over the calls.
        IOptimizer<T> chosen = optimizer == "hig"
            ? new HalfInverseGradients<T>(T.CreateTruncating(1e-6), SingularValueCutoff<T>.FromRelative(T.CreateTruncating(1e-10)))
            : new Adam<T>(theta.Length, T.CreateTruncating(1e-6));
        var trainer = new Trainer<T>(model, L2Loss<T>.SumOfSquares(4), chosen, batch);
        void Step() => trainer.Step(theta, x, x);
        for (int i = 0; i < 5; i++)
        {
            Step();
        }

        Allocations.AssertSteadyStateAllocatesNothing(Step, callsPerWindow: 3, $"{optimizer} step at batch {batch}");
    }

    /// <summary>(y(θ + h·e_k) − y(θ − h·e_k)) / (2h') per output row, h' the half-step actually taken in T.</summary>
    private static (double[] D, double H) Difference(ComposedModel<T> model, T[] theta, Matrix<T> x, int k, double h, ModelWorkspace<T> ws)
    {
        T[] plus = (T[])theta.Clone(), minus = (T[])theta.Clone();
        plus[k] = T.CreateChecked(double.CreateChecked(theta[k]) + h);
        minus[k] = T.CreateChecked(double.CreateChecked(theta[k]) - h);
        double taken = (double.CreateChecked(plus[k]) - double.CreateChecked(minus[k])) / 2;
        var yp = new Matrix<T>(x.Rows, model.OutputSize);
        var ym = new Matrix<T>(x.Rows, model.OutputSize);
        model.Forward(plus, x, yp, ws);
        model.Forward(minus, x, ym, ws);
        var d = new double[yp.Data.Length];
        for (int r = 0; r < d.Length; r++)
        {
            d[r] = (double.CreateChecked(yp.Data[r]) - double.CreateChecked(ym.Data[r])) / (2 * taken);
        }

        return (d, taken);
    }
}

public sealed class OscillatorModelTestsDouble : OscillatorModelTests<double>;

public sealed class OscillatorModelTestsSingle : OscillatorModelTests<float>;
