using System;
using System.Collections.Generic;
using System.Linq;
using Hig.Bench.Experiments.Cli;
using Hig.Bench.Experiments.Oscillators;
using Hig.Bench.Experiments.Runner;
using Hig.Bench.Experiments.Toy;

namespace Hig.Tests.Experiments;

/// <summary>
/// The experiment commands' shared command line: every bad flag or value ends with exit code 2 and exactly one line on
/// standard error (no stack trace, nothing on standard output), for both commands; good forms parse to the settings
/// they say over each experiment's defaults; help lists every flag.
/// </summary>
public sealed class RunnerArgumentTests
{
    private static readonly string[] SharedBadFlags =
    [
        "--bogus", "stray", "--optimizers sgd", "--optimizers ", "--iterations 0", "--iterations -5", "--iterations 2.5", "--iterations 10 --seconds 1",
        "--seconds 0", "--seconds forever", "--batch 0", "--batch 4097", "--hig-batch 0", "--adam-batch x", "--seed -1", "--seed 99999999999999999999999",
        "--seeds 0", "--jobs 0", "--jobs 1000", "--out ", "--seed 3 --seed 4", "--help=yes", "--grid=1", "--seeds --batch 4", "--adam-lr 0", "--hig-tau 2",
        "--gn-tau -1e-6", "--optimizers adam --gn-tau 1e-3", "--optimizers adam --hig-batch 8", "--precision half", "--precision",
    ];

    public static TheoryData<string[]> BadCommandLines()
    {
        var data = new TheoryData<string[]>();
        foreach (string command in new[] { "toy", "oscillators" })
        {
            foreach (string flags in SharedBadFlags)
            {
                data.Add([command, .. flags.Split(' ')]);
            }
        }

        foreach (string flags in new[] { "--lambda", "--lambda abc", "--lambda 0", "--lambda -1", "--lambda 1,,0.01", "--lambda 1,1", "--lambda NaN", "--lambda 1e999",
            "--batch 1025", "--variant linear" })
        {
            data.Add(["toy", .. flags.Split(' ')]);
        }

        foreach (string flags in new[] { "--variant", "--variant quadratic", "--variant linear,linear", "--lambda 1" })
        {
            data.Add(["oscillators", .. flags.Split(' ')]);
        }

        data.Add(["frobnicate"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void BadFlagsAndValuesExitWithCodeTwoAndOneLine(string[] args)
    {
        using ExperimentInvocation run = ExperimentInvocation.RunRaw(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.EndsWith("\n", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("toy", "--lambda")]
    [InlineData("oscillators", "--variant")]
    public void HelpListsEveryFlagAndExitsWithZero(string command, string caseFlag)
    {
        foreach (string[] args in new[] { new[] { command, "--help" }, new[] { command, "-h" } })
        {
            using ExperimentInvocation run = ExperimentInvocation.RunRaw(args);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(string.Empty, run.Error);
            foreach (string flag in new[] { caseFlag, "--optimizers", "--iterations", "--seconds", "--batch", "--adam-batch", "--gn-batch", "--hig-batch", "--seed",
                "--seeds", "--jobs", "--out", "--precision", "--adam-lr", "--gn-lr", "--gn-tau", "--hig-lr", "--hig-tau", "--grid", "--help", "Exit codes" })
            {
                Assert.Contains(flag, run.Output, StringComparison.Ordinal);
            }
        }

        using ExperimentInvocation top = ExperimentInvocation.RunRaw("--help");
        Assert.Equal(0, top.ExitCode);
        foreach (string name in new[] { "toy", "oscillators", "micro", "timing" })
        {
            Assert.Contains(name, top.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToyFlagsParseToTheSettingsTheyName()
    {
        var toy = new ToyExperiment();
        RunnerSettings defaults = RunnerArguments.Parse(toy, [])!;
        Assert.Equal([1.0, 0.01], defaults.Cases.Select(c => ((ToyCase)c).Lambda));
        Assert.Equal([OptimizerKind.Adam, OptimizerKind.GaussNewton, OptimizerKind.Hig], defaults.Optimizers);
        Assert.Equal(new RunBudget(null, ToyExperiment.Seconds), defaults.Budget);
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], defaults.Seeds);
        Assert.Equal(ElementPrecision.Double, defaults.Precision);
        Assert.False(defaults.Grid);
        IReadOnlyList<OptimizerSettings> optimizers = defaults.OptimizersFor(toy, defaults.Cases[0]);
        Assert.Equal([ToyExperiment.Adam, ToyExperiment.GaussNewton, ToyExperiment.Hig], optimizers);
        Assert.All(optimizers, o => Assert.Equal(256, o.BatchSize));

        // The same settings written in both accepted forms, with list items in a new order and any case.
        RunnerSettings spaced = RunnerArguments.Parse(toy,
            ["--lambda", "0.5,1e-3", "--optimizers", "HIG,adam", "--iterations", "40", "--batch", "64", "--seed", "7", "--seeds", "3", "--jobs", "1", "--out", "x",
             "--precision", "single"])!;
        RunnerSettings joined = RunnerArguments.Parse(toy,
            ["--lambda=0.5,1e-3", "--optimizers=HIG,adam", "--iterations=40", "--batch=64", "--seed=7", "--seeds=3", "--jobs=1", "--out=x", "--precision=SINGLE"])!;
        foreach (RunnerSettings s in new[] { spaced, joined })
        {
            Assert.Equal([0.5, 0.001], s.Cases.Select(c => ((ToyCase)c).Lambda));
            Assert.Equal([OptimizerKind.Hig, OptimizerKind.Adam], s.OptimizersFor(toy, s.Cases[0]).Select(o => o.Kind));
            Assert.Equal(new RunBudget(40, null), s.Budget);
            Assert.All(s.OptimizersFor(toy, s.Cases[1]), o => Assert.Equal(64, o.BatchSize));
            Assert.Equal([7UL, 8UL, 9UL], s.Seeds);
            Assert.Equal("x", s.OutputDirectory);
            Assert.Equal(ElementPrecision.Single, s.Precision);
        }

        Assert.Equal(new RunBudget(null, 2.5), RunnerArguments.Parse(toy, ["--seconds", "2.5"])!.Budget);

        // Hyper-parameter flags change only the optimizer they name; a τ given on the command line is used as given.
        RunnerSettings tuned = RunnerArguments.Parse(toy, ["--gn-tau", "1e-5", "--hig-lr", "2", "--adam-lr", "0.003", "--hig-batch", "32", "--batch", "128"])!;
        IReadOnlyList<OptimizerSettings> t = tuned.OptimizersFor(toy, tuned.Cases[0]);
        Assert.Equal(ToyExperiment.Adam with { LearningRate = 0.003, BatchSize = 128 }, t[0]);
        Assert.Equal(ToyExperiment.GaussNewton with { CutoffRelative = 1e-5, CutoffIsDefault = false, BatchSize = 128 }, t[1]);
        Assert.Equal(ToyExperiment.Hig with { LearningRate = 2, BatchSize = 32 }, t[2]);
        Assert.Null(RunnerArguments.Parse(toy, ["--seeds", "2", "--help"]));
    }

    [Fact]
    public void OscillatorFlagsParseOverEachVariantsDefaults()
    {
        var oscillators = new OscillatorExperiment();
        RunnerSettings defaults = RunnerArguments.Parse(oscillators, [])!;
        Assert.Equal([OscillatorExperiment.Linear], defaults.Cases);
        IReadOnlyList<OptimizerSettings> linear = defaults.OptimizersFor(oscillators, OscillatorExperiment.Linear);
        Assert.Equal((1e-3, 256, 1e-7), (linear[0].LearningRate, linear[0].BatchSize, linear[0].Epsilon));
        Assert.Equal((1.0, 1e-6, 32), (linear[1].LearningRate, linear[1].CutoffRelative, linear[1].BatchSize));
        Assert.Equal((1.0, 1e-10, 32), (linear[2].LearningRate, linear[2].CutoffRelative, linear[2].BatchSize));

        RunnerSettings both = RunnerArguments.Parse(oscillators, ["--variant", "cubic,linear", "--hig-batch", "32"])!;
        Assert.Equal([OscillatorExperiment.Cubic, OscillatorExperiment.Linear], both.Cases);
        IReadOnlyList<OptimizerSettings> cubic = both.OptimizersFor(oscillators, OscillatorExperiment.Cubic);
        Assert.Equal((3e-4, 512), (cubic[0].LearningRate, cubic[0].BatchSize));
        Assert.Equal((1e-6, 128), (cubic[1].CutoffRelative, cubic[1].BatchSize));
        Assert.Equal((1e-6, 32), (cubic[2].CutoffRelative, cubic[2].BatchSize));
    }

    [Fact]
    public void GridModeExpandsEveryOptimizerOverTheProtocolsGrid()
    {
        var toy = new ToyExperiment();
        RunnerSettings grid = RunnerArguments.Parse(toy, ["--grid"])!;
        IReadOnlyList<OptimizerSettings> variants = grid.OptimizersFor(toy, grid.Cases[0]);
        Assert.Equal(5 + 15 + 5, variants.Count);
        Assert.Equal([0.0025, 0.005, 0.01, 0.02, 0.04], variants.Where(v => v.Kind == OptimizerKind.Adam).Select(v => v.LearningRate));
        Assert.Equal(15, variants.Count(v => v.Kind == OptimizerKind.GaussNewton));
        Assert.Equal([1e-6, 1e-4, 1e-2], variants.Where(v => v.Kind == OptimizerKind.GaussNewton).Select(v => v.CutoffRelative).Distinct());
        Assert.Equal(variants.Count, variants.Select(v => v.Key).Distinct().Count());

        // The settings themselves are one grid point, with their type-aware default cut-off.
        Assert.Single(variants, v => v with { Variant = string.Empty } == ToyExperiment.Hig);
        Assert.Single(variants, v => v with { Variant = string.Empty } == ToyExperiment.GaussNewton);
    }

    [Fact]
    public void DefaultCutoffIsRaisedToTheSvdErrorOfTheElementType()
    {
        // √max(m, n)·ε: 38·2⁻²³ ≈ 4.5e-6 in float for the book's 128×1444 J; far below 1e-10 in double.
        OptimizerSettings hig = OptimizerSettings.Hig(1, 1e-10, 32);
        Assert.Equal(38 * Math.ScaleB(1, -23), hig.EffectiveCutoff(ElementPrecision.Single, 128, 1444));
        Assert.Equal(1e-4, OptimizerSettings.GaussNewton(1, 1e-4, 256).EffectiveCutoff(ElementPrecision.Single, 512, 30));
        Assert.Equal(1e-10, hig.EffectiveCutoff(ElementPrecision.Double, 128, 1444));
        Assert.Equal(1e-10, (hig with { CutoffIsDefault = false }).EffectiveCutoff(ElementPrecision.Single, 128, 1444));
    }

    [Fact]
    public void UsageErrorsNameTheFlag()
    {
        var toy = new ToyExperiment();
        UsageException e = Assert.Throws<UsageException>(() => RunnerArguments.Parse(toy, ["--batch", "5000"]));
        Assert.Contains("--batch", e.Message, StringComparison.Ordinal);
        Assert.Contains("5000", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<UsageException>(() => RunnerArguments.Parse(toy, ["--optimizers", "adam,sgd"]));
        Assert.Contains("sgd", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<UsageException>(() => RunnerArguments.Parse(new OscillatorExperiment(), ["--variant", "quintic"]));
        Assert.Contains("quintic", e.Message, StringComparison.Ordinal);
    }
}
