// ToySettings: everything one invocation of the toy command uses, flags and embedded defaults alike. Every value here
// is written to summary.json, so a summary says exactly how it was produced.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Hig.Bench.Experiments.Toy;

/// <summary>The budget of one training run: an iteration count, a wall-clock time, or both (whichever ends first).</summary>
/// <param name="Iterations">Optimizer steps per run, or null.</param>
/// <param name="Seconds">Training seconds per run (validation and logging excluded), or null.</param>
public sealed record RunBudget(long? Iterations, double? Seconds)
{
    /// <summary>"5000 iterations" or "3 s", for tables and progress.</summary>
    public override string ToString() =>
        Iterations is { } n ? $"{n.ToString(CultureInfo.InvariantCulture)} iterations" : $"{Seconds?.ToString(CultureInfo.InvariantCulture)} s";
}

/// <summary>The settings of one invocation of the toy command (defaults embedded; flags override some).</summary>
public sealed record ToySettings
{
    /// <summary>The default training time per run, in seconds (see docs/toy.md for how it was chosen).</summary>
    public const double DefaultSeconds = 1.6;

    /// <summary>The λ values to run, in order (default 1 and 0.01, the book's two cases).</summary>
    public IReadOnlyList<double> Lambdas { get; init; } = [1.0, 0.01];

    /// <summary>The optimizers to compare, with their hyper-parameters (default Adam, GN, HIG).</summary>
    public IReadOnlyList<OptimizerSettings> Optimizers { get; init; } = OptimizerSettings.All;

    /// <summary>The budget of every run (default <see cref="DefaultSeconds"/> seconds of training).</summary>
    public RunBudget Budget { get; init; } = new(null, DefaultSeconds);

    /// <summary>Samples per mini-batch (default 256, so J is 512×30).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>The first seed; runs use seeds <see cref="Seed"/> … <see cref="Seed"/> + <see cref="SeedCount"/> − 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>How many seeds each (λ, optimizer) pair runs with (default 5); tables and summaries report medians.</summary>
    public int SeedCount { get; init; } = 5;

    /// <summary>Where CSV files, figures and summary.json go (default out/toy).</summary>
    public string OutputDirectory { get; init; } = System.IO.Path.Combine("out", "toy");

    /// <summary>How many runs execute at the same time (default 1: one after another).</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>Training samples, drawn uniformly from [−1, 1] with each run's seed.</summary>
    public int TrainingSize { get; init; } = 1024;

    /// <summary>Validation samples, evenly spaced on [−1, 1] (the same for every run).</summary>
    public int ValidationSize { get; init; } = 256;

    /// <summary>The input whose output y is followed through training for the y-space panel.</summary>
    public double TrackedInput { get; init; } = 0.35;

    /// <summary>The validation loss whose first crossing is timed (1e-2, as in the must-holds).</summary>
    public double Threshold { get; init; } = 1e-2;

    /// <summary>Logged iterations grow by this factor (after 1, 2, 3, …), so crossing times are resolved to 5%.</summary>
    public double LogRatio { get; init; } = 1.05;

    /// <summary>The longest warm-up run per optimizer (results discarded) that lets the JIT compile before timing.</summary>
    public double WarmupSeconds { get; init; } = 0.4;

    /// <summary>The most iterations of a warm-up run (and never more than an iteration budget).</summary>
    public long WarmupIterations { get; init; } = 1000;

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
}
