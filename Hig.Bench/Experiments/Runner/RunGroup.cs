using System;
using System.Collections.Generic;

namespace Hig.Bench.Experiments.Runner;

/// <summary>The runs of one (case, optimizer) pair over all seeds, and their medians.</summary>
/// <param name="Case">The case.</param>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="Runs">One run per seed, in seed order.</param>
/// <param name="Threshold">The loss whose first crossing is timed.</param>
/// <param name="OnValidation">Whether that loss is the validation loss (else the training loss).</param>
public sealed record RunGroup(IExperimentCase Case, OptimizerSettings Optimizer, IReadOnlyList<RunResult> Runs, double Threshold, bool OnValidation)
{
    /// <summary>The median over seeds of a per-run quantity.</summary>
    public double Median(Func<RunResult, double> quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        var values = new double[Runs.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = quantity(Runs[i]);
        }

        return SeedStatistics.Median(values);
    }

    /// <summary>The run's final value of the loss the experiment follows (validation or training).</summary>
    public double FinalLoss(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Final.Loss(OnValidation);
    }

    /// <summary>Training seconds until the followed loss first fell below the threshold; +∞ if it never did.</summary>
    public double SecondsToThreshold(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.FirstBelow(Threshold, OnValidation)?.Seconds ?? double.PositiveInfinity;
    }

    /// <summary>Iterations until the followed loss first fell below the threshold; +∞ if it never did.</summary>
    public double IterationsToThreshold(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.FirstBelow(Threshold, OnValidation)?.Iteration ?? double.PositiveInfinity;
    }

    /// <summary>How many runs reached the threshold.</summary>
    public int RunsReachingThreshold
    {
        get
        {
            int count = 0;
            foreach (RunResult run in Runs)
            {
                count += run.FirstBelow(Threshold, OnValidation) is null ? 0 : 1;
            }

            return count;
        }
    }
}

/// <summary>Lookups over an invocation's groups, for the experiments' must-hold checks.</summary>
public static class RunGroups
{
    /// <summary>The group of an optimizer's own settings (not a grid variant) in a case, or null if the invocation has none.</summary>
    public static RunGroup? Find(IReadOnlyList<RunGroup> groups, IExperimentCase @case, OptimizerKind kind)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (RunGroup group in groups)
        {
            if (group.Case.Equals(@case) && group.Optimizer.Kind == kind && group.Optimizer.Variant.Length == 0)
            {
                return group;
            }
        }

        return null;
    }
}
