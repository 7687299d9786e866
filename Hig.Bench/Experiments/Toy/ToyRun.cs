// ToyRun: one training run of the toy problem — one λ, one optimizer, one seed — from data generation to the
// recorded log. The run's seed drives three independent streams: the training inputs, the initial θ (Glorot-uniform
// weights, zero biases) and the mini-batch order, so every optimizer and λ with the same seed starts from the same
// network on the same data and sees the same batches.
using System;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Toy;

/// <summary>Runs one (λ, optimizer, seed) of the toy problem.</summary>
internal static class ToyRun
{
    /// <summary>Trains a fresh network as <paramref name="spec"/> says, within <paramref name="budget"/>, and returns its log.</summary>
    /// <param name="settings">Sizes, tracked input and log schedule.</param>
    /// <param name="spec">λ, optimizer and seed.</param>
    /// <param name="budget">The iteration or time budget.</param>
    /// <param name="progress">Told the run's state on every logged step; may be null.</param>
    public static RunResult Execute(ToySettings settings, RunSpec spec, RunBudget budget, Action<RunStatus>? progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(budget);
        var root = new Rng(spec.Seed);
        Rng dataRng = root.Fork(), initRng = root.Fork();
        ulong batchOrderSeed = root.NextUInt64();

        Dataset<double> training = ToyProblem.TrainingSet(settings.TrainingSize, dataRng);
        Dataset<double> validation = ToyProblem.ValidationSet(settings.ValidationSize);
        Mlp<double> network = ToyProblem.CreateNetwork();
        double[] theta = new double[network.ParameterCount];
        network.InitializeGlorotUniform(theta, initRng);

        ComposedModel<double> model = ToyProblem.CreateModel(network, spec.Lambda);
        L2Loss<double> loss = ToyProblem.CreateLoss();
        var trainer = new Trainer<double>(model, loss, spec.Optimizer.Create(network.ParameterCount), settings.BatchSize);
        // The recorder evaluates the training loss with the same trainer, between steps (Evaluate only uses buffers a
        // step overwrites before reading), in the same chunks as the final result.
        var recorder = new RunRecorder(spec, model, trainer, training, validation, settings.TrackedInput, progress);
        var options = new TrainingOptions
        {
            Seed = batchOrderSeed,
            MaxIterations = budget.Iterations,
            MaxSeconds = budget.Seconds,
            LogSchedule = LogSchedule.Geometric(settings.LogRatio),
        };

        TrainingResult<double> result = trainer.Run(theta, training, options, validation, recorder);
        recorder.Finish(result, theta);
        return new RunResult(spec, recorder.Rows, result.Iterations, result.Seconds, result.Reason, result.Failure?.Message);
    }
}
