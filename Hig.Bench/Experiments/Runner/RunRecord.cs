using System;
using System.Collections.Generic;
using Hig.Optim;

namespace Hig.Bench.Experiments.Runner;

/// <summary>One logged step of a run: a row of its CSV file.</summary>
/// <param name="Iteration">Optimizer steps done (0 is the initial network).</param>
/// <param name="Seconds">Training wall-clock seconds so far (validation and logging excluded): the only timing column.</param>
/// <param name="TrainingLoss">The loss over the whole training set.</param>
/// <param name="ValidationLoss">The loss over the validation (or test) set.</param>
/// <param name="Extras">The experiment's own columns (<see cref="Experiment.ExtraColumns"/>), in order.</param>
/// <param name="StepNorm">‖Δθ‖ of the step that led here (0 at iteration 0, NaN after a failed step).</param>
public readonly record struct LogRow(long Iteration, double Seconds, double TrainingLoss, double ValidationLoss, IReadOnlyList<double> Extras, double StepNorm)
{
    /// <summary>The training or the validation loss.</summary>
    public double Loss(bool validation) => validation ? ValidationLoss : TrainingLoss;
}

/// <summary>What a run is: case, optimizer and seed (the budget and sizes come from the settings and the experiment).</summary>
/// <param name="Case">The experiment's setting, e.g. λ or the variant.</param>
/// <param name="Optimizer">The optimizer, its hyper-parameters and batch size.</param>
/// <param name="Seed">The run's seed (data, initial θ and mini-batch order all derive from it).</param>
public sealed record RunSpec(IExperimentCase Case, OptimizerSettings Optimizer, ulong Seed);

/// <summary>Named series a run leaves for the figures besides its rows (e.g. one sample's controls before and after training).</summary>
/// <param name="Series">The series by name.</param>
public sealed record RunTrace(IReadOnlyDictionary<string, double[]> Series);

/// <summary>The outcome of one run: its logged rows and final state.</summary>
/// <param name="Spec">What was run.</param>
/// <param name="Rows">The logged steps, iteration 0 first and the final state last.</param>
/// <param name="Iterations">Optimizer steps done.</param>
/// <param name="Seconds">Training seconds used (validation and logging excluded).</param>
/// <param name="StopReason">Why the run ended.</param>
/// <param name="Failure">The failed step's message when <paramref name="StopReason"/> is <see cref="StopReason.StepFailed"/>.</param>
/// <param name="Trace">The experiment's series for the figures, or null.</param>
public sealed record RunResult(RunSpec Spec, IReadOnlyList<LogRow> Rows, long Iterations, double Seconds, StopReason StopReason, string? Failure,
    RunTrace? Trace = null)
{
    /// <summary>The final state's row.</summary>
    public LogRow Final => Rows[^1];

    /// <summary>The first logged row whose chosen loss is below <paramref name="threshold"/>, or null if none is.</summary>
    public LogRow? FirstBelow(double threshold, bool validation)
    {
        foreach (LogRow row in Rows)
        {
            if (row.Loss(validation) < threshold)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The training loss logged at exactly <paramref name="iteration"/>, or NaN if the run did not log (or reach) it.</summary>
    public double TrainingLossAt(long iteration)
    {
        foreach (LogRow row in Rows)
        {
            if (row.Iteration == iteration)
            {
                return row.TrainingLoss;
            }
        }

        return double.NaN;
    }

    /// <summary>Optimizer steps per training second.</summary>
    public double StepsPerSecond => Seconds > 0 ? Iterations / Seconds : double.NaN;
}

/// <summary>The live state of a run, for progress displays.</summary>
/// <param name="Spec">The run.</param>
/// <param name="Iteration">Steps done.</param>
/// <param name="Seconds">Training seconds so far.</param>
/// <param name="Loss">The latest logged loss the experiment follows (validation or training).</param>
public readonly record struct RunStatus(RunSpec Spec, long Iteration, double Seconds, double Loss);
