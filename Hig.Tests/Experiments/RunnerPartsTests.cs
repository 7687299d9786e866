using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Hig.Bench.Experiments.Oscillators;
using Hig.Bench.Experiments.Runner;
using Hig.Bench.Experiments.Runner.Figure;
using Hig.Bench.Experiments.Toy;
using Hig.Numerics;
using Hig.Optim;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Experiments;

/// <summary>
/// The pieces of the shared runner with rules of their own: medians with "never", the experiments' must-hold checks and
/// the exit code they give, the seed band of the loss figures, and the figures' axes.
/// </summary>
public sealed class RunnerPartsTests
{
    /// <summary>Double-precision machine epsilon 2⁻⁵² (LAPACK dlamch('P')).</summary>
    private static readonly double Eps = Precision.EpsOf<double>();

    [Fact]
    public void MedianTreatsNeverAsLaterThanAnyTime()
    {
        double never = double.PositiveInfinity;
        Assert.Equal(2.0, SeedStatistics.Median([3.0, 1.0, 2.0]));
        Assert.Equal(2.5, SeedStatistics.Median([4.0, 1.0, 3.0, 2.0]));
        Assert.Equal(2.0, SeedStatistics.Median([never, 1.0, 2.0]));
        Assert.Equal(never, SeedStatistics.Median([never, never, 2.0]));
        Assert.Equal(never, SeedStatistics.Median([1.0, never]));
        Assert.Equal(1.0, SeedStatistics.Median([double.NaN, 1.0, 0.5]));
        Assert.True(double.IsNaN(SeedStatistics.Median([])));
    }

    [Fact]
    public void MedianHasAsManyValuesAboveAsBelow()
    {
        // Property check against the definition, on random odd-length lists with repeats and "never".
        var rng = new Rng(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = (2 * rng.NextInt(6)) + 1;
            double[] values = [.. Enumerable.Range(0, n).Select(_ => rng.NextInt(5) == 0 ? double.PositiveInfinity : rng.NextInt(4))];
            double median = SeedStatistics.Median(values);
            Assert.Contains(median, values);
            Assert.True(values.Count(v => v < median) <= n / 2 && values.Count(v => v > median) <= n / 2, string.Join(", ", values));
        }
    }

    [Fact]
    public void MustHoldsPassOnlyWhenEveryOneHoldsAndDecideTheExitCode()
    {
        // Results that meet every must-hold with margin: at λ = 1 all end ≤ 1e-2 and HIG ≤ 1e-3; at λ = 0.01 HIG
        // reaches 1e-2 after 0.1 s against 2 s (Adam) and never (GN), and ends lowest; 50 s in all.
        var passing = new List<RunGroup>
        {
            Group(1, ToyExperiment.Adam, final: 5e-3, reachedAt: 0.5),
            Group(1, ToyExperiment.GaussNewton, final: 4e-3, reachedAt: 0.4),
            Group(1, ToyExperiment.Hig, final: 5e-4, reachedAt: 0.1),
            Group(0.01, ToyExperiment.Adam, final: 5e-3, reachedAt: 2.0),
            Group(0.01, ToyExperiment.GaussNewton, final: 5e-2, reachedAt: null),
            Group(0.01, ToyExperiment.Hig, final: 1e-3, reachedAt: 0.1),
        };
        Assert.Equal((true, 5, 0), Checks(passing, totalSeconds: 50));
        Assert.Equal(ExperimentCommand.Success, ExperimentCommand.ExitCodeFor(true));

        // Each must-hold broken on its own: exactly that line fails, and the exit code says so.
        (int Index, RunGroup Replacement, double Total, int Line)[] broken =
        [
            (0, Group(1, ToyExperiment.Adam, final: 2e-2, reachedAt: 0.5), 50, 1),
            (2, Group(1, ToyExperiment.Hig, final: 2e-3, reachedAt: 0.1), 50, 2),
            (5, Group(0.01, ToyExperiment.Hig, final: 1e-3, reachedAt: 0.3), 50, 3), // 2 s / 0.3 s < 10
            (5, Group(0.01, ToyExperiment.Hig, final: 6e-3, reachedAt: 0.1), 50, 4), // Adam ends lower
            (0, passing[0], 61, 5),
        ];
        foreach ((int index, RunGroup replacement, double total, int line) in broken)
        {
            var groups = new List<RunGroup>(passing) { [index] = replacement };
            (bool? all, int passed, int failedLine) = Checks(groups, total);
            Assert.Equal((false, 4, line), (all, passed, failedLine));
        }

        Assert.Equal(ExperimentCommand.ClaimsFailed, ExperimentCommand.ExitCodeFor(false));

        // Without every (λ, optimizer) pair the checks do not apply: nothing is written and the exit code is 0.
        (bool? none, int count, _) = Checks(passing.Skip(1).ToList(), 50);
        Assert.Equal((null, 0), (none, count));
        Assert.Equal(ExperimentCommand.Success, ExperimentCommand.ExitCodeFor(null));
    }

    [Fact]
    public void OscillatorMustHoldsReadTheLossAtUpdateCountsAndDecideTheExitCode()
    {
        // HIG: 3e-6 after 512 updates and 1e-8 at the end; Adam: 5e-4 after 2048 updates and 3e-5 at the end (ratio 3000).
        RunGroup hig = OscillatorGroup(OptimizerKind.Hig, at512: 3e-6, at2048: 1e-7, final: 1e-8);
        RunGroup adam = OscillatorGroup(OptimizerKind.Adam, at512: 2e-3, at2048: 5e-4, final: 3e-5);
        var oscillators = new OscillatorExperiment();
        Assert.Equal((true, 4, 0), Checks(oscillators, [adam, hig], totalSeconds: 90));

        (RunGroup[] Groups, double Total, int Line)[] broken =
        [
            ([adam, OscillatorGroup(OptimizerKind.Hig, at512: 2e-5, at2048: 1e-7, final: 1e-8)], 90, 1),
            ([OscillatorGroup(OptimizerKind.Adam, at512: 2e-3, at2048: 5e-5, final: 3e-5), hig], 90, 2),
            ([adam, OscillatorGroup(OptimizerKind.Hig, at512: 3e-6, at2048: 1e-6, final: 1e-6)], 90, 3), // ratio 30 < 100
            ([adam, hig], 121, 4),
            ([adam, OscillatorGroup(OptimizerKind.Hig, at512: double.NaN, at2048: double.NaN, final: 1e-8)], 90, 1), // 512 never reached
        ];
        foreach ((RunGroup[] groups, double total, int line) in broken)
        {
            Assert.Equal((false, 3, line), Checks(oscillators, groups, total));
        }

        // The cubic chain alone, or no HIG, is not covered: no checks, exit code 0.
        Assert.Equal((null, 0), (Checks(oscillators, [adam], 90).All, Checks(oscillators, [adam], 90).Passed));
        Assert.Equal(ExperimentCommand.Success, ExperimentCommand.ExitCodeFor(null));
    }

    [Fact]
    public void TheSeedBandIsTheMedianAndRangeOfEachSeedsLatestLoss()
    {
        // Three seeds logged at different times; at any t a seed's value is its last logged loss at or before t.
        var rng = new Rng(31);
        var runs = new List<RunResult>();
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var rows = new List<LogRow>();
            double t = 0;
            for (int i = 0; i < 40; i++)
            {
                rows.Add(new LogRow(i, t, rng.NextUniform(1e-6, 1.0), double.NaN, [], 0));
                t += rng.NextUniform(0.01, 0.2);
            }

            runs.Add(new RunResult(new RunSpec(OscillatorExperiment.Linear, ToyExperiment.Hig, seed), rows, 40, t, StopReason.TimeBudget, null));
        }

        var curve = LossCurves.OverSeeds(runs, validation: false, samples: 50);
        Assert.Equal(51, curve.Count);
        Assert.Equal(0, curve[0].X);
        Assert.Equal(runs.Max(r => r.Final.Seconds), curve[^1].X);
        foreach ((double x, double median, double min, double max) in curve)
        {
            double[] values = [.. runs.Select(r => r.Rows.Last(row => row.Seconds <= x).TrainingLoss)];
            Array.Sort(values);
            Assert.Equal((values[1], values[0], values[2]), (median, min, max));
        }
    }

    [Fact]
    public void LogScaleTicksEveryDecadeAndMapsDecadesEvenly()
    {
        var scale = new LogScale(3e-4, 0.2, pixelLow: 400, pixelHigh: 100);
        // Decade ends are powers of ten computed by Math.Pow: within one rounding of the exact value.
        Assert.Equal(1e-4, scale.Min, 2 * Eps * 1e-4);
        Assert.Equal(1.0, scale.Max, 2 * Eps);
        Tick[] major = [.. scale.Ticks().Where(t => t.Major)];
        Assert.Equal(["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"], major.Select(t => t.Label));
        Assert.Equal(8 * 4, scale.Ticks().Count(t => !t.Major));
        for (int k = 0; k < major.Length; k++)
        {
            // log10, a subtraction, a division and an affine map: a few roundings relative to the 400-pixel range.
            Assert.Equal(400 - (75.0 * k), scale.Map(major[k].Value), 16 * Eps * 400);
        }

        Assert.False(scale.CanShow(0));
        Assert.False(scale.CanShow(double.NaN));
        Assert.Equal("10¹²", LogScale.PowerOfTen(12));
    }

    [Fact]
    public void LinearScaleCoversItsRangeWithNiceSteps()
    {
        foreach ((double low, double high) in new[] { (0.0, 2.93), (-1.3, 1.0), (0.0, 0.0031), (-250.0, 7.0), (5.0, 5.0) })
        {
            var scale = new LinearScale(low, high, 0, 300);
            Assert.True(scale.Min <= low && scale.Max >= high, $"[{scale.Min}, {scale.Max}] covers [{low}, {high}]");
            List<double> ticks = [.. scale.Ticks().Select(t => t.Value)];
            Assert.InRange(ticks.Count, 3, 12);
            double step = ticks[1] - ticks[0];
            double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2.0, 5.0 });
            // The affine map of the range's ends: a few roundings relative to the 300-pixel range.
            Assert.Equal(0, scale.Map(scale.Min), 16 * Eps * 300);
            Assert.Equal(300, scale.Map(scale.Max), 16 * Eps * 300);
        }
    }

    /// <summary>Runs the toy's checks; returns their verdict, how many lines passed, and the 1-based number of the first failing line (0 if none).</summary>
    private static (bool? All, int Passed, int FirstFailedLine) Checks(IReadOnlyList<RunGroup> groups, double totalSeconds) =>
        Checks(new ToyExperiment(), groups, totalSeconds);

    /// <summary>Runs an experiment's checks and writes them as the command does.</summary>
    private static (bool? All, int Passed, int FirstFailedLine) Checks(Experiment experiment, IReadOnlyList<RunGroup> groups, double totalSeconds)
    {
        using var writer = new StringWriter();
        RunnerSettings settings = RunnerArguments.Parse(experiment, [])!;
        bool? all = MustHolds.Write(writer, experiment.Checks(settings, groups, totalSeconds));
        string[] lines = [.. writer.ToString().Split('\n').Where(l => l.StartsWith("  [", StringComparison.Ordinal))];
        int firstFailed = Array.FindIndex(lines, l => l.StartsWith("  [FAIL]", StringComparison.Ordinal)) + 1;
        return (all, lines.Count(l => l.StartsWith("  [PASS]", StringComparison.Ordinal)), firstFailed);
    }

    /// <summary>
    /// A group of three seeds with identical runs: logged at 0 s (loss 1), at <paramref name="reachedAt"/> s (just below
    /// the 1e-2 threshold; omitted when null) and at the 1.6 s budget (<paramref name="final"/>).
    /// </summary>
    private static RunGroup Group(double lambda, OptimizerSettings optimizer, double final, double? reachedAt)
    {
        var rows = new List<LogRow> { Row(0, 0, 1.0) };
        if (reachedAt is { } t)
        {
            rows.Add(Row(100, t, 9e-3));
        }

        rows.Add(Row(1000, 1.6, reachedAt is null ? Math.Max(final, 1e-2) : final));
        var runs = new List<RunResult>();
        for (ulong seed = 1; seed <= 3; seed++)
        {
            runs.Add(new RunResult(new RunSpec(new ToyCase(lambda), optimizer, seed), rows, 1000, 1.6, StopReason.TimeBudget, null));
        }

        return new RunGroup(new ToyCase(lambda), optimizer, runs, Threshold: 1e-2, OnValidation: true);
    }

    /// <summary>Three identical linear-chain runs of 3000 updates logged at 0, 512, 2048 and 3000 (training losses as given).</summary>
    private static RunGroup OscillatorGroup(OptimizerKind kind, double at512, double at2048, double final)
    {
        OptimizerSettings optimizer = new OscillatorExperiment().DefaultOptimizers(OscillatorExperiment.Linear).Single(o => o.Kind == kind);
        var rows = new List<LogRow> { new(0, 0, 1.0, 1.0, [], 0) };
        if (!double.IsNaN(at512))
        {
            rows.Add(new LogRow(512, 1, at512, at512, [], 0));
            rows.Add(new LogRow(2048, 3, at2048, at2048, [], 0));
        }

        rows.Add(new LogRow(3000, 6, final, final, [], 0));
        var runs = new List<RunResult>();
        for (ulong seed = 1; seed <= 3; seed++)
        {
            runs.Add(new RunResult(new RunSpec(OscillatorExperiment.Linear, optimizer, seed), rows, 3000, 6, StopReason.TimeBudget, null));
        }

        return new RunGroup(OscillatorExperiment.Linear, optimizer, runs, Threshold: 1e-5, OnValidation: false);
    }

    private static LogRow Row(long iteration, double seconds, double validationLoss) =>
        new(iteration, seconds, validationLoss, validationLoss, [0, 0.5, 0, 0, 0], 0);
}
