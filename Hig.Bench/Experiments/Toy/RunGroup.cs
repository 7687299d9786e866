using System;
using System.Collections.Generic;

namespace Hig.Bench.Experiments.Toy;

/// <summary>The runs of one (λ, optimizer) pair over all seeds, and their medians.</summary>
/// <param name="Lambda">λ.</param>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="Runs">One run per seed, in seed order.</param>
/// <param name="Threshold">The validation loss whose first crossing is timed.</param>
public sealed record RunGroup(double Lambda, OptimizerSettings Optimizer, IReadOnlyList<RunResult> Runs, double Threshold)
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

    /// <summary>Training seconds until the validation loss first fell below the threshold; +∞ if it never did.</summary>
    public double SecondsToThreshold(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.FirstBelow(Threshold)?.Seconds ?? double.PositiveInfinity;
    }

    /// <summary>Iterations until the validation loss first fell below the threshold; +∞ if it never did.</summary>
    public double IterationsToThreshold(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.FirstBelow(Threshold)?.Iteration ?? double.PositiveInfinity;
    }

    /// <summary>How many runs reached the threshold.</summary>
    public int RunsReachingThreshold
    {
        get
        {
            int count = 0;
            foreach (RunResult run in Runs)
            {
                count += run.FirstBelow(Threshold) is null ? 0 : 1;
            }

            return count;
        }
    }
}
