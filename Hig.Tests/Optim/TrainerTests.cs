using System;
using System.Collections.Generic;
using System.Linq;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Optim;

/// <summary>
/// The training loop on the toy problem (1→7→2 tanh network, y = (f₁, λ·f₂), target (sin 6x, cos 9x)): reproducible
/// histories, budgets, the observer contract, failed steps, and allocation-free steps.
/// </summary>
public sealed class TrainerTests
{
    private static readonly double Eps = Precision.EpsOf<double>();

    /// <summary>The batch mean of ½‖y − ŷ‖² over a whole data set, by a plain loop over the model's outputs.</summary>
    private static double NaiveLoss(IDifferentiableModel<double> model, double[] theta, Dataset<double> data)
    {
        int rows = data.Inputs.Rows;
        var y = new Matrix<double>(rows, model.OutputSize);
        model.Forward(theta, data.Inputs, y, model.CreateWorkspace(rows));
        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < model.OutputSize; k++)
            {
                double r = y[i, k] - data.Targets[i, k];
                sum += 0.5 * r * r;
            }
        }

        return sum / rows;
    }

    private static (ComposedModel<double> Model, Dataset<double> Train, Dataset<double> Validation, double[] Theta) Toy(double lambda, ulong seed)
    {
        var network = new Mlp<double>([1, 7, 2], Activation.Tanh, Activation.Identity);
        var model = new ComposedModel<double>(network, new ScaledComponents<double>(1.0, lambda));
        var rng = new Rng(seed);
        var theta = new double[network.ParameterCount];
        network.InitializeGlorotUniform(theta, rng);
        return (model, Data(rng, 256, random: true), Data(rng, 64, random: false), theta);
    }

    private static Dataset<double> Data(Rng rng, int count, bool random)
    {
        var x = new Matrix<double>(count, 1);
        var y = new Matrix<double>(count, 2);
        for (int i = 0; i < count; i++)
        {
            double xi = random ? rng.NextUniform(-1.0, 1.0) : -1 + (2.0 * (i + 0.5) / count);
            x[i, 0] = xi;
            y[i, 0] = Math.Sin(6 * xi);
            y[i, 1] = Math.Cos(9 * xi);
        }

        return new Dataset<double>(x, y);
    }

    private sealed class Recorder : ITrainingObserver<double>
    {
        public List<TrainingStep<double>> Steps { get; } = [];

        public void OnStep(in TrainingStep<double> metrics, ReadOnlySpan<double> theta) => Steps.Add(metrics);
    }

    private static IOptimizer<double> Create(string name, int parameters) => name switch
    {
        "Adam" => new Adam<double>(parameters, 0.01),
        "GN" => new GaussNewton<double>(),
        _ => new HalfInverseGradients<double>(),
    };

    [Theory]
    [InlineData("Adam")]
    [InlineData("GN")]
    [InlineData("HIG")]
    public void SameSeed_GivesBitwiseIdenticalHistories(string optimizer)
    {
        (double[] Losses, double[] Theta) RunOnce()
        {
            var (model, train, validation, theta) = Toy(0.01, seed: 7);
            var trainer = new Trainer<double>(model, L2Loss<double>.Unscaled(2), Create(optimizer, theta.Length), batchSize: 32);
            var recorder = new Recorder();
            trainer.Run(theta, train, new TrainingOptions { Seed = 3, MaxIterations = 60 }, validation, recorder);
            return (recorder.Steps.SelectMany(s => new[] { s.TrainingLoss, s.ValidationLoss, s.Report.StepNorm }).ToArray(), theta);
        }

        var first = RunOnce();
        var second = RunOnce();
        Assert.Equal(first.Losses.Select(BitConverter.DoubleToInt64Bits), second.Losses.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(first.Theta.Select(BitConverter.DoubleToInt64Bits), second.Theta.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Run_HonoursTheIterationBudget_AndLogsOnSchedule()
    {
        var (model, train, validation, theta) = Toy(1.0, seed: 8);
        var trainer = new Trainer<double>(model, L2Loss<double>.Unscaled(2), new HalfInverseGradients<double>(), batchSize: 64);
        var recorder = new Recorder();
        TrainingResult<double> result = trainer.Run(theta, train, new TrainingOptions { MaxIterations = 40, LogSchedule = LogSchedule.Every(10) }, validation, recorder);

        Assert.Equal(StopReason.IterationBudget, result.Reason);
        Assert.Equal(40, result.Iterations);
        Assert.Equal(Enumerable.Range(0, 41).Select(i => (long)i), recorder.Steps.Select(s => s.Iteration));
        Assert.Equal(new long[] { 0, 10, 20, 30, 40 }, recorder.Steps.Where(s => s.IsLogged).Select(s => s.Iteration));
        Assert.All(recorder.Steps.Where(s => s.IsLogged), s => Assert.False(double.IsNaN(s.ValidationLoss)));
        Assert.All(recorder.Steps.Where(s => !s.IsLogged), s => Assert.True(double.IsNaN(s.ValidationLoss)));
        Assert.All(recorder.Steps.Skip(1), s => Assert.Equal(30, s.Report.Spectrum!.Value.Count));
        Assert.True(recorder.Steps.Zip(recorder.Steps.Skip(1)).All(p => p.Second.Seconds >= p.First.Seconds), "training time never goes back");

        // The final losses are those of the final θ on the whole sets: the batch mean of ½‖y − ŷ‖², recomputed here from
        // the model's outputs by a plain loop (summation order differs: within 2·N·ε of the loss for N = 2·rows terms).
        Assert.Equal(NaiveLoss(model, theta, validation), result.FinalValidationLoss, 2 * 2 * validation.Inputs.Rows * Eps * result.FinalValidationLoss);
        Assert.Equal(NaiveLoss(model, theta, train), result.FinalTrainingLoss, 2 * 2 * train.Inputs.Rows * Eps * result.FinalTrainingLoss);
        Assert.True(result.FinalValidationLoss < recorder.Steps[0].ValidationLoss, "HIG lowers the toy's validation loss in 40 steps");
    }

    [Fact]
    public void SequentialBatchOrderTakesTheRowsInStorageOrderEveryEpoch()
    {
        // 256 rows in batches of 96: two batches per epoch (rows 0–95, 96–191), the last 64 rows skipped, then again.
        var (model, train, _, theta) = Toy(1.0, seed: 14);
        double[] manual = (double[])theta.Clone();
        var trainer = new Trainer<double>(model, L2Loss<double>.Unscaled(2), new HalfInverseGradients<double>(), batchSize: 96);
        trainer.Run(theta, train, new TrainingOptions { Seed = 5, MaxIterations = 5, BatchOrder = BatchOrder.Sequential });

        var reference = new Trainer<double>(model, L2Loss<double>.Unscaled(2), new HalfInverseGradients<double>(), batchSize: 96);
        foreach (int start in new[] { 0, 96, 0, 96, 0 })
        {
            reference.Step(manual, train.Inputs.AsReadOnlyView().SliceRows(start, 96), train.Targets.AsReadOnlyView().SliceRows(start, 96));
        }

        Assert.Equal(manual.Select(BitConverter.DoubleToInt64Bits), theta.Select(BitConverter.DoubleToInt64Bits));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { BatchOrder = (BatchOrder)7 });
    }

    [Fact]
    public void LogScheduleIncludingAddsItsIterationsAndKeepsTheRatio()
    {
        LogSchedule schedule = LogSchedule.Geometric(1.05).Including(2048, 512, 512);
        var logged = new List<long>();
        for (long i = schedule.Next(0); i <= 5000; i = schedule.Next(i))
        {
            logged.Add(i);
        }

        Assert.Contains(512L, logged);
        Assert.Contains(2048L, logged);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), logged.Take(20));
        for (int k = 1; k < logged.Count; k++)
        {
            // Strictly increasing, and never further apart than the geometric rule allows.
            Assert.InRange(logged[k], logged[k - 1] + 1, Math.Max(logged[k - 1] + 1, (long)Math.Ceiling(logged[k - 1] * 1.05)));
        }

        Assert.Equal([10L, 15L, 25L], new[] { LogSchedule.Every(10).Including(15) }.SelectMany(s => new[] { s.Next(0), s.Next(10), s.Next(15) }));
        Assert.Contains("512, 512, 2048", schedule.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HonoursTheTimeBudget()
    {
        var (model, train, _, theta) = Toy(1.0, seed: 9);
        var trainer = new Trainer<double>(model, L2Loss<double>.Unscaled(2), new Adam<double>(theta.Length, 0.01), batchSize: 32);
        TrainingResult<double> result = trainer.Run(theta, train, new TrainingOptions { MaxSeconds = 0.05 });
        Assert.Equal(StopReason.TimeBudget, result.Reason);
        Assert.True(result.Seconds >= 0.05);
        Assert.True(result.Iterations > 0);
    }

    [Fact]
    public void Run_StopsAtAFailedStep_WithThetaAsBeforeIt()
    {
        var (model, train, validation, theta) = Toy(1.0, seed: 10);
        train.Inputs.Data.Fill(double.NaN); // every Jacobian is NaN
        double[] before = (double[])theta.Clone();
        var trainer = new Trainer<double>(model, L2Loss<double>.Unscaled(2), new GaussNewton<double>(), batchSize: 32);
        TrainingResult<double> result = trainer.Run(theta, train, new TrainingOptions { MaxIterations = 5 }, validation);
        Assert.Equal(StopReason.StepFailed, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(StepFailure.NonFiniteJacobian, result.Failure!.Failure);
        Assert.Equal(before, theta);
    }

    [Fact]
    public void Run_RejectsMissingBudgetAndTinyData()
    {
        var (model, train, _, theta) = Toy(1.0, seed: 11);
        var trainer = new Trainer<double>(model, L2Loss<double>.Unscaled(2), new HalfInverseGradients<double>(), batchSize: 300);
        Assert.Throws<ArgumentException>(() => trainer.Run(theta, train, new TrainingOptions()));
        var e = Assert.Throws<ArgumentException>(() => trainer.Run(theta, train, new TrainingOptions { MaxIterations = 1 }));
        Assert.Contains("256", e.Message);
        Assert.Throws<ArgumentException>(() => new Trainer<double>(model, L2Loss<double>.Unscaled(3), new HalfInverseGradients<double>(), 8));
    }

    /// <summary>A least-squares optimizer that only records the J and g it is given (θ unchanged).</summary>
    private sealed class InputSpy : ILeastSquaresOptimizer<double>
    {
        public double[,] Jacobian { get; private set; } = new double[0, 0];

        public double[] Gradient { get; private set; } = [];

        public OptimizerInput Input => OptimizerInput.JacobianAndLossGradient;

        public string Name => "spy";

        public void Reset()
        {
        }

        public StepReport<double> Update(Span<double> theta, MatrixView<double> jacobian, ReadOnlySpan<double> lossGradient)
        {
            Jacobian = new double[jacobian.Rows, jacobian.Cols];
            for (int r = 0; r < jacobian.Rows; r++)
            {
                for (int c = 0; c < jacobian.Cols; c++)
                {
                    Jacobian[r, c] = jacobian[r, c];
                }
            }

            Gradient = lossGradient.ToArray();
            return default;
        }
    }

    [Theory]
    [InlineData(0.5, 1.0, 1.0)]
    [InlineData(1.0, 1.0, 1.0)]
    [InlineData(0.5, 1.5, 0.25)]
    [InlineData(1.0, 1.5, 0.25)]
    public void LeastSquaresOptimizersGetTheResidualsJacobianAndDlByDr(double factor, double s0, double s1)
    {
        // L = (c/b)·Σ‖r‖² with r = s ⊙ (y − ŷ): the optimizer gets Jᵣ (J's rows scaled by s) and g = ∂L/∂r = 2c·r/b, so
        // Jᵣᵀ·g = ∂L/∂θ; for s = 1 these are J and ∂L/∂y themselves (the HIG reference code's inputs when c = 1).
        var (model, train, _, theta) = Toy(0.01, seed: 13);
        var loss = new L2Loss<double>(factor, [s0, s1]);
        var spy = new InputSpy();
        var trainer = new Trainer<double>(model, loss, spy, batchSize: 8);
        ReadOnlyMatrixView<double> x = train.Inputs.AsReadOnlyView().SliceRows(0, 8), target = train.Targets.AsReadOnlyView().SliceRows(0, 8);
        trainer.Step(theta, x, target);

        var j = new Matrix<double>(16, theta.Length);
        var y = new Matrix<double>(8, 2);
        var ws = model.CreateWorkspace(8);
        model.Jacobian(theta, x, j, y, ws);
        var dLdy = new Matrix<double>(8, 2);
        loss.Evaluate(y, target, dLdy);
        var gradient = new double[theta.Length];
        model.Backward(theta, dLdy, gradient, ws);
        double[] scales = [s0, s1];
        bool unit = s0 == 1 && s1 == 1;
        for (int i = 0; i < 8; i++)
        {
            for (int k = 0; k < 2; k++)
            {
                int row = (2 * i) + k;
                // One rounding each way (sₖ·J, and 2c·sₖ·r/b with 2c a power of two for c = ½ and 1): at most ε/2 apart
                // from the exact scaled values, so within ε of each other; for s = 1 they are J and ∂L/∂y bit for bit.
                double expectedG = 2 * factor * scales[k] * (y[i, k] - target[i, k]) / 8;
                Assert.Equal(unit ? dLdy[i, k] : expectedG, spy.Gradient[row], unit ? 0 : 2 * Eps * Math.Abs(expectedG));
                for (int c = 0; c < theta.Length; c++)
                {
                    Assert.Equal(scales[k] * j[row, c], spy.Jacobian[row, c], unit ? 0 : Eps * Math.Abs(scales[k] * j[row, c]));
                }
            }
        }

        // Jᵣᵀ·g against the gradient pass: 16 terms per entry summed in other orders, within 2·16·ε of the sum of |terms|.
        for (int c = 0; c < theta.Length; c++)
        {
            double sum = 0, magnitude = 0;
            for (int row = 0; row < 16; row++)
            {
                sum += spy.Jacobian[row, c] * spy.Gradient[row];
                magnitude += Math.Abs(spy.Jacobian[row, c] * spy.Gradient[row]);
            }

            Assert.Equal(gradient[c], sum, 2 * 16 * Eps * magnitude);
        }
    }

    [Theory]
    [InlineData("Adam")]
    [InlineData("HIG")]
    public void Step_AllocatesNothingAfterWarmUp(string optimizer)
    {
        var (model, train, _, theta) = Toy(0.01, seed: 12);
        var trainer = new Trainer<double>(model, L2Loss<double>.Unscaled(2), Create(optimizer, theta.Length), batchSize: 64);
        void Step() => trainer.Step(theta, train.Inputs.AsReadOnlyView().SliceRows(0, 64), train.Targets.AsReadOnlyView().SliceRows(0, 64));
        for (int i = 0; i < 50; i++)
        {
            Step();
        }

        Allocations.AssertSteadyStateAllocatesNothing(Step, callsPerWindow: 10, "Trainer.Step");
    }
}
