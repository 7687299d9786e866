// ToyArguments: the toy command's flags, parsed into ToySettings. Every bad flag or value is a UsageException with a
// one-line message; nothing here runs anything.
using System;
using System.Collections.Generic;
using System.Globalization;
using Hig.Bench.Experiments.Cli;

namespace Hig.Bench.Experiments.Toy;

/// <summary>Parses the toy command's flags.</summary>
public static class ToyArguments
{
    private static readonly string[] ValueFlags =
        ["--lambda", "--optimizers", "--iterations", "--seconds", "--batch", "--seed", "--seeds", "--jobs", "--out", "--adam-lr", "--gn-lr", "--gn-tau", "--hig-lr", "--hig-tau"];
    private static readonly string[] Switches = ["--help", "-h"];

    /// <summary>The help text of the toy command.</summary>
    public static string Help { get; } = string.Join('\n',
    [
        "usage: Hig.Bench toy [flags]",
        "",
        "Reproduces the toy example of the HIG chapter of Physics-based Deep Learning: an MLP 1→7 tanh→2 learns",
        "ŷ(x) = (sin 6x, cos 9x) on [−1, 1] through y = (f₁, λ·f₂), trained by Adam, Gauss-Newton (GN) and",
        "Half-Inverse Gradients (HIG) with the same budget each, over several seeds. Writes to the output folder:",
        "lambda-<λ>/<optimizer>-seed-<seed>.csv per run, toy-lambda-<λ>.svg per λ (the first seed) and summary.json;",
        "prints a table of medians over seeds. Details: docs/toy.md.",
        "",
        "flags:",
        "  --lambda LIST       λ values, comma-separated (default 1,0.01)",
        "  --optimizers LIST   which of adam, gn, hig, comma-separated (default adam,gn,hig)",
        $"  --seconds S         training seconds per run (default {ToySettings.DefaultSeconds.ToString(CultureInfo.InvariantCulture)}); validation and logging are not counted",
        "  --iterations N      optimizer steps per run instead of a time budget: files are then reproducible",
        "  --batch N           samples per mini-batch (default 256; at most the 1024 training samples)",
        "  --seed S            first seed (default 1); runs use seeds S … S+N−1",
        "  --seeds N           seeds per λ and optimizer (default 5); tables and summary report medians",
        "  --jobs N            runs executed at the same time (default 1; at most one per processor core)",
        "  --out DIR           output folder (default out/toy)",
        "  --adam-lr X         Adam's η (default 0.01)",
        "  --gn-lr X           Gauss-Newton's η (default 1)",
        "  --gn-tau X          Gauss-Newton's relative singular-value cut-off τ (default 1e-4)",
        "  --hig-lr X          HIG's η (default 1)",
        "  --hig-tau X         HIG's relative singular-value cut-off τ (default 1e-6)",
        "                      (the defaults and how they were chosen: docs/toy.md; summary.json records the values used)",
        "  -h, --help          show this help",
        "",
        "Exit codes: 0 done (every must-hold passed, or the run does not cover them), 1 the output could not be written,",
        "2 bad flags or values, 3 a must-hold check failed (all files are written first).",
    ]);

    /// <summary>
    /// Parses <paramref name="args"/> (the arguments after "toy"). Returns null when help was asked for, otherwise the
    /// settings with the flags applied over the defaults.
    /// </summary>
    /// <exception cref="UsageException">A flag or value is bad (the message is one line naming it).</exception>
    public static ToySettings? Parse(IReadOnlyList<string> args)
    {
        ParsedArguments flags = ParsedArguments.Parse(args, ValueFlags, Switches);
        if (flags.Has("--help") || flags.Has("-h"))
        {
            return null;
        }

        var settings = new ToySettings();
        if (flags.Value("--lambda") is { } lambdas)
        {
            settings = settings with { Lambdas = ValueParsers.List("--lambda", lambdas, text => ValueParsers.PositiveNumber("--lambda", text)) };
        }

        if (flags.Value("--optimizers") is { } optimizers)
        {
            settings = settings with { Optimizers = ValueParsers.List("--optimizers", optimizers, ParseOptimizer) };
        }

        settings = settings with { Optimizers = WithHyperParameters(flags, settings.Optimizers) };
        string? iterations = flags.Value("--iterations"), seconds = flags.Value("--seconds");
        if (iterations is not null && seconds is not null)
        {
            throw new UsageException("give --iterations or --seconds, not both");
        }

        if (iterations is not null)
        {
            settings = settings with { Budget = new RunBudget(ValueParsers.WholeNumber("--iterations", iterations, 1, 100_000_000), null) };
        }

        if (seconds is not null)
        {
            double value = ValueParsers.PositiveNumber("--seconds", seconds);
            if (value > 86_400)
            {
                throw new UsageException($"--seconds expects at most 86400 (one day) per run, got '{seconds}'");
            }

            settings = settings with { Budget = new RunBudget(null, value) };
        }

        if (flags.Value("--batch") is { } batch)
        {
            settings = settings with { BatchSize = (int)ValueParsers.WholeNumber("--batch", batch, 1, settings.TrainingSize) };
        }

        if (flags.Value("--seed") is { } seed)
        {
            settings = settings with { Seed = ValueParsers.Seed("--seed", seed) };
        }

        if (flags.Value("--seeds") is { } seeds)
        {
            settings = settings with { SeedCount = (int)ValueParsers.WholeNumber("--seeds", seeds, 1, 1000) };
        }

        if (flags.Value("--jobs") is { } jobs)
        {
            settings = settings with { Jobs = (int)ValueParsers.WholeNumber("--jobs", jobs, 1, Environment.ProcessorCount) };
        }

        if (flags.Value("--out") is { } output)
        {
            if (string.IsNullOrWhiteSpace(output))
            {
                throw new UsageException("--out expects a folder name, got an empty one");
            }

            settings = settings with { OutputDirectory = output };
        }

        return settings;
    }

    /// <summary>Applies --adam-lr, --gn-lr, --gn-tau, --hig-lr and --hig-tau to the chosen optimizers.</summary>
    private static OptimizerSettings[] WithHyperParameters(ParsedArguments flags, IReadOnlyList<OptimizerSettings> chosen)
    {
        var result = new OptimizerSettings[chosen.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = chosen[i];
        }

        void Apply(string flag, OptimizerKind kind, Func<OptimizerSettings, double, OptimizerSettings> set, Func<string, string, double> parse)
        {
            if (flags.Value(flag) is not { } text)
            {
                return;
            }

            int index = Array.FindIndex(result, o => o.Kind == kind);
            if (index < 0)
            {
                throw new UsageException($"{flag} is given but {OptimizerSettings.KeyOf(kind)} is not among --optimizers");
            }

            result[index] = set(result[index], parse(flag, text));
        }

        static double Tau(string flag, string text) => ValueParsers.NumberBetween(flag, text, 0, 1);
        Apply("--adam-lr", OptimizerKind.Adam, (o, v) => o with { LearningRate = v }, ValueParsers.PositiveNumber);
        Apply("--gn-lr", OptimizerKind.GaussNewton, (o, v) => o with { LearningRate = v }, ValueParsers.PositiveNumber);
        Apply("--gn-tau", OptimizerKind.GaussNewton, (o, v) => o with { CutoffRelative = v }, Tau);
        Apply("--hig-lr", OptimizerKind.Hig, (o, v) => o with { LearningRate = v }, ValueParsers.PositiveNumber);
        Apply("--hig-tau", OptimizerKind.Hig, (o, v) => o with { CutoffRelative = v }, Tau);
        return result;
    }

    private static OptimizerSettings ParseOptimizer(string text) => text.ToLowerInvariant() switch
    {
        "adam" => OptimizerSettings.Adam,
        "gn" => OptimizerSettings.GaussNewton,
        "hig" => OptimizerSettings.Hig,
        _ => throw new UsageException($"--optimizers expects adam, gn or hig, got '{text}'"),
    };
}
