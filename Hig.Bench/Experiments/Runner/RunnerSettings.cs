// RunnerSettings: everything one invocation of an experiment command uses that the shared runner handles — cases,
// optimizers and their overrides, budget, seeds, concurrency, output folder, precision, the grid switch — with the
// experiment's defaults filled in by RunnerArguments. Every value here is written to summary.json.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Hig.Bench.Experiments.Runner;

/// <summary>The budget of one training run: an iteration count, a wall-clock time, or both (whichever ends first).</summary>
/// <param name="Iterations">Optimizer steps per run, or null.</param>
/// <param name="Seconds">Training seconds per run (validation and logging excluded), or null.</param>
public sealed record RunBudget(long? Iterations, double? Seconds)
{
    /// <summary>"5000 iterations" or "3 s", for tables and progress.</summary>
    public override string ToString() =>
        Iterations is { } n ? $"{n.ToString(CultureInfo.InvariantCulture)} iterations" : $"{Seconds?.ToString(CultureInfo.InvariantCulture)} s";
}

/// <summary>Hyper-parameters given on the command line, per optimizer kind (null: the experiment's default).</summary>
public sealed record OptimizerOverrides
{
    /// <summary>η per kind (indexed by <see cref="OptimizerKind"/>).</summary>
    public IReadOnlyList<double?> LearningRates { get; init; } = [null, null, null];

    /// <summary>Relative τ per kind (Adam's entry is unused).</summary>
    public IReadOnlyList<double?> Taus { get; init; } = [null, null, null];

    /// <summary>Batch size per kind.</summary>
    public IReadOnlyList<int?> Batches { get; init; } = [null, null, null];

    /// <summary>The settings with every override for their kind applied (a given τ is used as given).</summary>
    public OptimizerSettings ApplyTo(OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int k = (int)settings.Kind;
        OptimizerSettings result = settings;
        if (LearningRates[k] is { } eta)
        {
            result = result with { LearningRate = eta };
        }

        if (Taus[k] is { } tau)
        {
            result = result with { CutoffRelative = tau, CutoffIsDefault = false };
        }

        if (Batches[k] is { } batch)
        {
            result = result with { BatchSize = batch };
        }

        return result;
    }
}

/// <summary>The settings of one invocation of an experiment command.</summary>
public sealed record RunnerSettings
{
    /// <summary>The η factors of the comparison protocol's grid.</summary>
    public static IReadOnlyList<double> GridLearningRateFactors { get; } = [0.25, 0.5, 1, 2, 4];

    /// <summary>Gauss-Newton's τ values in the comparison protocol's grid.</summary>
    public static IReadOnlyList<double> GridGaussNewtonTaus { get; } = [1e-6, 1e-4, 1e-2];

    /// <summary>The cases to run, in order.</summary>
    public required IReadOnlyList<IExperimentCase> Cases { get; init; }

    /// <summary>Which optimizers run, in order (default Adam, GN, HIG).</summary>
    public IReadOnlyList<OptimizerKind> Optimizers { get; init; } = [OptimizerKind.Adam, OptimizerKind.GaussNewton, OptimizerKind.Hig];

    /// <summary>Hyper-parameters given on the command line.</summary>
    public OptimizerOverrides Overrides { get; init; } = new();

    /// <summary>The budget of every run.</summary>
    public required RunBudget Budget { get; init; }

    /// <summary>The first seed; runs use seeds <see cref="Seed"/> … <see cref="Seed"/> + <see cref="SeedCount"/> − 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>How many seeds each (case, optimizer) pair runs with; tables and summaries report medians.</summary>
    public int SeedCount { get; init; } = 5;

    /// <summary>Where CSV files, figures and summary.json go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>How many runs execute at the same time (default 1: one after another).</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>The element type of every run (default double).</summary>
    public ElementPrecision Precision { get; init; } = ElementPrecision.Double;

    /// <summary>
    /// The comparison protocol: every optimizer over the η grid (<see cref="GridLearningRateFactors"/> times its
    /// setting) and Gauss-Newton also over <see cref="GridGaussNewtonTaus"/>; writes grid.md instead of figures and
    /// does not check the must-holds.
    /// </summary>
    public bool Grid { get; init; }

    /// <summary>The seeds of the runs, in order.</summary>
    public IReadOnlyList<ulong> Seeds
    {
        get
        {
            var seeds = new ulong[SeedCount];
            for (int i = 0; i < seeds.Length; i++)
            {
                seeds[i] = unchecked(Seed + (ulong)i);
            }

            return seeds;
        }
    }

    /// <summary>The optimizers of a case: the experiment's defaults in the order of <see cref="Optimizers"/>, overrides applied, grid-expanded in grid mode.</summary>
    public IReadOnlyList<OptimizerSettings> OptimizersFor(Experiment experiment, IExperimentCase @case)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        IReadOnlyList<OptimizerSettings> defaults = experiment.DefaultOptimizers(@case);
        var chosen = new List<OptimizerSettings>();
        foreach (OptimizerKind kind in Optimizers)
        {
            foreach (OptimizerSettings candidate in defaults)
            {
                if (candidate.Kind != kind)
                {
                    continue;
                }

                OptimizerSettings settings = Overrides.ApplyTo(candidate);
                if (Grid)
                {
                    chosen.AddRange(settings.GridVariants(GridLearningRateFactors, GridGaussNewtonTaus));
                }
                else
                {
                    chosen.Add(settings);
                }
            }
        }

        return chosen;
    }
}
