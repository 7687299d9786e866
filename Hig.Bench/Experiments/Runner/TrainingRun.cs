// TrainingRun: one training run of any experiment — one case, one optimizer, one seed — from data generation to the
// recorded log, in the settings' element type. The run's seed drives three independent streams: the data (training
// first, then validation or test, as the experiment draws them), the initial θ (Glorot-uniform weights, zero biases)
// and the mini-batch order, so every optimizer and case with the same seed starts from the same network on the same
// data (and, for a shuffled order, sees the same batch sequence).
using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Runner;

/// <summary>Runs one (case, optimizer, seed) of an experiment.</summary>
internal static class TrainingRun
{
    /// <summary>Trains a fresh network as <paramref name="spec"/> says, within <paramref name="budget"/>, and returns its log.</summary>
    /// <param name="experiment">The problem.</param>
    /// <param name="settings">The invocation's settings (precision).</param>
    /// <param name="spec">Case, optimizer and seed.</param>
    /// <param name="budget">The iteration or time budget.</param>
    /// <param name="progress">Told the run's state on every logged step; may be null.</param>
    public static RunResult Execute(Experiment experiment, RunnerSettings settings, RunSpec spec, RunBudget budget, Action<RunStatus>? progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Precision == ElementPrecision.Double
            ? Execute<double>(experiment, spec, budget, progress)
            : Execute<float>(experiment, spec, budget, progress);
    }

    private static RunResult Execute<T>(Experiment experiment, RunSpec spec, RunBudget budget, Action<RunStatus>? progress)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(budget);
        var root = new Rng(spec.Seed);
        Rng dataRng = root.Fork(), initRng = root.Fork();
        ulong batchOrderSeed = root.NextUInt64();

        RunInstance<T> run = experiment.Create<T>(spec.Case, dataRng);
        T[] theta = new T[run.Network.ParameterCount];
        run.Network.InitializeGlorotUniform(theta, initRng);
        int batch = spec.Optimizer.BatchSize;
        var trainer = new Trainer<T>(run.Model, run.Loss, spec.Optimizer.Create<T>(theta.Length, batch * run.Model.OutputSize), batch);
        // The recorder evaluates the training loss with the same trainer, between steps (Evaluate only uses buffers a
        // step overwrites before reading), in the same chunks as the final result.
        var recorder = new RunRecorder<T>(spec, trainer, run, experiment.ExtraColumns.Count, experiment.FollowsValidation, theta, progress);
        var options = new TrainingOptions
        {
            Seed = batchOrderSeed,
            MaxIterations = budget.Iterations,
            MaxSeconds = budget.Seconds,
            LogSchedule = LogSchedule.Geometric(experiment.LogRatio).Including([.. experiment.LoggedIterations]),
            BatchOrder = experiment.BatchOrder,
        };

        TrainingResult<T> result = trainer.Run(theta, run.Training, options, run.Validation, recorder);
        recorder.Finish(result, theta);
        return new RunResult(spec, recorder.Rows, result.Iterations, result.Seconds, result.Reason, result.Failure?.Message, recorder.Trace);
    }
}
