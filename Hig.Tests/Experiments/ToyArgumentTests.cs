using System;
using System.Linq;
using Hig.Bench.Experiments.Cli;
using Hig.Bench.Experiments.Toy;

namespace Hig.Tests.Experiments;

/// <summary>
/// The toy command's command line: every bad flag or value ends with exit code 2 and exactly one line on standard
/// error (no stack trace, nothing on standard output); good forms parse to the settings they say; help lists every flag.
/// </summary>
public sealed class ToyArgumentTests
{
    public static TheoryData<string[]> BadCommandLines => new()
    {
        new[] { "toy", "--bogus" },
        new[] { "toy", "stray" },
        new[] { "toy", "--lambda" },
        new[] { "toy", "--lambda", "abc" },
        new[] { "toy", "--lambda", "0" },
        new[] { "toy", "--lambda", "-1" },
        new[] { "toy", "--lambda", "1,,0.01" },
        new[] { "toy", "--lambda", "1,1" },
        new[] { "toy", "--lambda", "NaN" },
        new[] { "toy", "--lambda", "1e999" },
        new[] { "toy", "--optimizers", "sgd" },
        new[] { "toy", "--optimizers", "" },
        new[] { "toy", "--iterations", "0" },
        new[] { "toy", "--iterations", "-5" },
        new[] { "toy", "--iterations", "2.5" },
        new[] { "toy", "--iterations", "10", "--seconds", "1" },
        new[] { "toy", "--seconds", "0" },
        new[] { "toy", "--seconds", "forever" },
        new[] { "toy", "--batch", "0" },
        new[] { "toy", "--batch", "1025" },
        new[] { "toy", "--seed", "-1" },
        new[] { "toy", "--seed", "99999999999999999999999" },
        new[] { "toy", "--seeds", "0" },
        new[] { "toy", "--jobs", "0" },
        new[] { "toy", "--jobs", "1000" },
        new[] { "toy", "--out", "" },
        new[] { "toy", "--seed", "3", "--seed", "4" },
        new[] { "toy", "--help=yes" },
        new[] { "toy", "--seeds", "--batch", "4" },
        new[] { "toy", "--adam-lr", "0" },
        new[] { "toy", "--hig-tau", "2" },
        new[] { "toy", "--gn-tau", "-1e-6" },
        new[] { "toy", "--optimizers", "adam", "--gn-tau", "1e-3" },
        new[] { "frobnicate" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void BadFlagsAndValuesExitWithCodeTwoAndOneLine(string[] args)
    {
        using ToyInvocation run = ToyInvocation.RunRaw(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.EndsWith("\n", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsEveryFlagAndExitsWithZero()
    {
        foreach (string[] args in new[] { new[] { "toy", "--help" }, new[] { "toy", "-h" } })
        {
            using ToyInvocation run = ToyInvocation.RunRaw(args);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal(string.Empty, run.Error);
            foreach (string flag in new[] { "--lambda", "--optimizers", "--iterations", "--seconds", "--batch", "--seed", "--seeds", "--jobs", "--out", "--help" })
            {
                Assert.Contains(flag, run.Output, StringComparison.Ordinal);
            }
        }

        using ToyInvocation top = ToyInvocation.RunRaw("--help");
        Assert.Equal(0, top.ExitCode);
        Assert.Contains("toy", top.Output, StringComparison.Ordinal);
        Assert.Contains("micro", top.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FlagsParseToTheSettingsTheyName()
    {
        ToySettings defaults = ToyArguments.Parse([])!;
        Assert.Equal([1.0, 0.01], defaults.Lambdas);
        Assert.Equal([OptimizerKind.Adam, OptimizerKind.GaussNewton, OptimizerKind.Hig], defaults.Optimizers.Select(o => o.Kind));
        Assert.Equal(new RunBudget(null, ToySettings.DefaultSeconds), defaults.Budget);
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL], defaults.Seeds);

        // The same settings written in both accepted forms, with list items in a new order and any case.
        ToySettings spaced = ToyArguments.Parse(
            ["--lambda", "0.5,1e-3", "--optimizers", "HIG,adam", "--iterations", "40", "--batch", "64", "--seed", "7", "--seeds", "3", "--jobs", "1", "--out", "x"])!;
        ToySettings joined = ToyArguments.Parse(
            ["--lambda=0.5,1e-3", "--optimizers=HIG,adam", "--iterations=40", "--batch=64", "--seed=7", "--seeds=3", "--jobs=1", "--out=x"])!;
        foreach (ToySettings s in new[] { spaced, joined })
        {
            Assert.Equal([0.5, 0.001], s.Lambdas);
            Assert.Equal([OptimizerKind.Hig, OptimizerKind.Adam], s.Optimizers.Select(o => o.Kind));
            Assert.Equal(new RunBudget(40, null), s.Budget);
            Assert.Equal(64, s.BatchSize);
            Assert.Equal([7UL, 8UL, 9UL], s.Seeds);
            Assert.Equal("x", s.OutputDirectory);
        }

        Assert.Equal(new RunBudget(null, 2.5), ToyArguments.Parse(["--seconds", "2.5"])!.Budget);

        // Hyper-parameter flags change only the optimizer they name.
        ToySettings tuned = ToyArguments.Parse(["--gn-tau", "1e-5", "--hig-lr", "2", "--adam-lr", "0.003"])!;
        Assert.Equal(defaults.Optimizers[0] with { LearningRate = 0.003 }, tuned.Optimizers[0]);
        Assert.Equal(defaults.Optimizers[1] with { CutoffRelative = 1e-5 }, tuned.Optimizers[1]);
        Assert.Equal(defaults.Optimizers[2] with { LearningRate = 2 }, tuned.Optimizers[2]);
        Assert.Equal(1e-6, tuned.Optimizers[2].CutoffRelative);
        Assert.Null(ToyArguments.Parse(["--seeds", "2", "--help"]));
    }

    [Fact]
    public void UsageErrorsNameTheFlag()
    {
        UsageException e = Assert.Throws<UsageException>(() => ToyArguments.Parse(["--batch", "5000"]));
        Assert.Contains("--batch", e.Message, StringComparison.Ordinal);
        Assert.Contains("5000", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<UsageException>(() => ToyArguments.Parse(["--optimizers", "adam,sgd"]));
        Assert.Contains("sgd", e.Message, StringComparison.Ordinal);
    }
}
