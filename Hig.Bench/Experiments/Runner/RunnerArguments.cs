// RunnerArguments: the flags every experiment command shares, parsed into RunnerSettings over the experiment's defaults,
// and the help text that lists them. Every bad flag or value is a UsageException with a one-line message; nothing here
// runs anything. Only the case flag (--lambda, --variant) and the defaults differ between experiments.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Hig.Bench.Experiments.Cli;
using Hig.Bench.Experiments.Runner.Output;

namespace Hig.Bench.Experiments.Runner;

/// <summary>Parses an experiment command's flags and writes its help.</summary>
public static class RunnerArguments
{
    private static readonly string[] SharedValueFlags =
    [
        "--optimizers", "--iterations", "--seconds", "--batch", "--adam-batch", "--gn-batch", "--hig-batch", "--seed", "--seeds", "--jobs", "--out",
        "--precision", "--adam-lr", "--gn-lr", "--gn-tau", "--hig-lr", "--hig-tau",
    ];

    private static readonly string[] Switches = ["--grid", "--help", "-h"];

    /// <summary>The help text of <paramref name="experiment"/>'s command.</summary>
    public static string Help(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var lines = new List<string> { $"usage: Hig.Bench {experiment.Name} [flags]", string.Empty };
        lines.AddRange(experiment.Description);
        lines.Add(string.Empty);
        lines.Add("flags:");
        lines.Add(Flag($"{experiment.CaseFlag} LIST", experiment.CaseFlagHelp));
        lines.Add(Flag("--optimizers LIST", "which of adam, gn, hig, comma-separated (default adam,gn,hig)"));
        lines.Add(Flag("--seconds S", $"training seconds per run (default {Invariant.Number(experiment.DefaultSeconds)}); validation and logging are not counted"));
        lines.Add(Flag("--iterations N", "optimizer steps per run instead of a time budget: files are then reproducible"));
        lines.Add(Flag("--batch N", $"samples per mini-batch for every optimizer (at most the {experiment.TrainingSize} training samples)"));
        lines.Add(Flag("--adam-batch N", $"Adam's batch (default {Defaults(experiment, o => Invariant.Number(o.BatchSize), OptimizerKind.Adam)})"));
        lines.Add(Flag("--gn-batch N", $"Gauss-Newton's batch (default {Defaults(experiment, o => Invariant.Number(o.BatchSize), OptimizerKind.GaussNewton)})"));
        lines.Add(Flag("--hig-batch N", $"HIG's batch (default {Defaults(experiment, o => Invariant.Number(o.BatchSize), OptimizerKind.Hig)})"));
        lines.Add(Flag("--seed S", "first seed (default 1); runs use seeds S … S+N−1"));
        lines.Add(Flag("--seeds N", $"seeds per case and optimizer (default {experiment.DefaultSeeds}); tables and summary report medians"));
        lines.Add(Flag("--jobs N", "runs executed at the same time (default 1; at most one per processor core)"));
        lines.Add(Flag("--out DIR", $"output folder (default {Path.Combine("out", experiment.Name)})"));
        lines.Add(Flag("--precision P", "single or double (default double): the element type of every run"));
        lines.Add(Flag("--adam-lr X", $"Adam's η (default {Defaults(experiment, o => Invariant.Number(o.LearningRate), OptimizerKind.Adam)})"));
        lines.Add(Flag("--gn-lr X", $"Gauss-Newton's η (default {Defaults(experiment, o => Invariant.Number(o.LearningRate), OptimizerKind.GaussNewton)})"));
        lines.Add(Flag("--gn-tau X", $"Gauss-Newton's relative singular-value cut-off τ (default {Defaults(experiment, o => Invariant.Number(o.CutoffRelative), OptimizerKind.GaussNewton)})"));
        lines.Add(Flag("--hig-lr X", $"HIG's η (default {Defaults(experiment, o => Invariant.Number(o.LearningRate), OptimizerKind.Hig)})"));
        lines.Add(Flag("--hig-tau X", $"HIG's relative singular-value cut-off τ (default {Defaults(experiment, o => Invariant.Number(o.CutoffRelative), OptimizerKind.Hig)})"));
        lines.Add("                      (a default τ is raised to √max(m, n)·ε for the m×n Jacobian and the element type; a τ given");
        lines.Add("                      here is used as given; summary.json records the values used)");
        lines.Add(Flag("--grid", "the comparison protocol: every optimizer at η × 0.25, 0.5, 1, 2, 4, and GN also at τ = 1e-6,"));
        lines.Add("                      1e-4, 1e-2; writes grid.md with the table (no figures, no must-hold checks)");
        lines.Add(Flag("-h, --help", "show this help"));
        lines.Add(string.Empty);
        lines.Add("Exit codes: 0 done (every must-hold passed, or the run does not cover them), 1 the output could not be written,");
        lines.Add("2 bad flags or values, 3 a must-hold check failed (all files are written first).");
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Parses <paramref name="args"/> (the arguments after the command). Returns null when help was asked for, otherwise
    /// the settings with the flags applied over the experiment's defaults.
    /// </summary>
    /// <exception cref="UsageException">A flag or value is bad (the message is one line naming it).</exception>
    public static RunnerSettings? Parse(Experiment experiment, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var valueFlags = new List<string>(SharedValueFlags) { experiment.CaseFlag };
        ParsedArguments flags = ParsedArguments.Parse(args, valueFlags, Switches);
        if (flags.Has("--help") || flags.Has("-h"))
        {
            return null;
        }

        var settings = new RunnerSettings
        {
            Cases = experiment.DefaultCases,
            Budget = new RunBudget(null, experiment.DefaultSeconds),
            SeedCount = experiment.DefaultSeeds,
            OutputDirectory = Path.Combine("out", experiment.Name),
            Grid = flags.Has("--grid"),
        };

        if (flags.Value(experiment.CaseFlag) is { } cases)
        {
            settings = settings with { Cases = ValueParsers.List(experiment.CaseFlag, cases, experiment.ParseCase) };
        }

        if (flags.Value("--optimizers") is { } optimizers)
        {
            settings = settings with { Optimizers = ValueParsers.List("--optimizers", optimizers, ParseOptimizer) };
        }

        settings = settings with { Overrides = Overrides(flags, settings.Optimizers, experiment.TrainingSize) };
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

        if (flags.Value("--precision") is { } precision)
        {
            settings = settings with
            {
                Precision = precision.ToLowerInvariant() switch
                {
                    "double" => ElementPrecision.Double,
                    "single" => ElementPrecision.Single,
                    _ => throw new UsageException($"--precision expects single or double, got '{precision}'"),
                },
            };
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

    /// <summary>--batch, the per-optimizer batches, learning rates and cut-offs, each only for a chosen optimizer.</summary>
    private static OptimizerOverrides Overrides(ParsedArguments flags, IReadOnlyList<OptimizerKind> chosen, int trainingSize)
    {
        double?[] rates = [null, null, null], taus = [null, null, null];
        int?[] batches = [null, null, null];
        if (flags.Value("--batch") is { } batch)
        {
            int value = (int)ValueParsers.WholeNumber("--batch", batch, 1, trainingSize);
            foreach (OptimizerKind kind in chosen)
            {
                batches[(int)kind] = value;
            }
        }

        void Apply(string flag, OptimizerKind kind, Action<double> set, Func<string, string, double> parse)
        {
            if (flags.Value(flag) is not { } text)
            {
                return;
            }

            if (!Contains(chosen, kind))
            {
                throw new UsageException($"{flag} is given but {OptimizerSettings.KeyOf(kind)} is not among --optimizers");
            }

            set(parse(flag, text));
        }

        double Tau(string flag, string text) => ValueParsers.NumberBetween(flag, text, 0, 1);
        double Batch(string flag, string text) => ValueParsers.WholeNumber(flag, text, 1, trainingSize);
        foreach ((OptimizerKind kind, string key) in new[] { (OptimizerKind.Adam, "adam"), (OptimizerKind.GaussNewton, "gn"), (OptimizerKind.Hig, "hig") })
        {
            int k = (int)kind;
            Apply($"--{key}-lr", kind, v => rates[k] = v, ValueParsers.PositiveNumber);
            Apply($"--{key}-batch", kind, v => batches[k] = (int)v, Batch);
            if (kind != OptimizerKind.Adam)
            {
                Apply($"--{key}-tau", kind, v => taus[k] = v, Tau);
            }
        }

        return new OptimizerOverrides { LearningRates = rates, Taus = taus, Batches = batches };
    }

    private static bool Contains(IReadOnlyList<OptimizerKind> kinds, OptimizerKind kind)
    {
        foreach (OptimizerKind k in kinds)
        {
            if (k == kind)
            {
                return true;
            }
        }

        return false;
    }

    private static OptimizerKind ParseOptimizer(string text) => text.ToLowerInvariant() switch
    {
        "adam" => OptimizerKind.Adam,
        "gn" => OptimizerKind.GaussNewton,
        "hig" => OptimizerKind.Hig,
        _ => throw new UsageException($"--optimizers expects adam, gn or hig, got '{text}'"),
    };

    /// <summary>A flag's default over the default cases: one value, or "case: value, …" where they differ.</summary>
    private static string Defaults(Experiment experiment, Func<OptimizerSettings, string> value, OptimizerKind kind)
    {
        var perCase = new List<(string Case, string Value)>();
        foreach (IExperimentCase @case in experiment.DefaultCases.Count > 1 ? experiment.DefaultCases : AllCases(experiment))
        {
            foreach (OptimizerSettings o in experiment.DefaultOptimizers(@case))
            {
                if (o.Kind == kind)
                {
                    perCase.Add((@case.Cell, value(o)));
                }
            }
        }

        bool same = perCase.TrueForAll(p => p.Value == perCase[0].Value);
        if (same)
        {
            return perCase.Count > 0 ? perCase[0].Value : "-";
        }

        return string.Join(", ", perCase.ConvertAll(p => $"{p.Case} {p.Value}"));
    }

    /// <summary>The default cases and, for experiments with one default case, every case they can parse (for the help's defaults).</summary>
    private static IReadOnlyList<IExperimentCase> AllCases(Experiment experiment) => experiment is IListsAllCases all ? all.AllCases : experiment.DefaultCases;

    private static string Flag(string name, string text) => $"  {name.PadRight(20)}{text}";
}

/// <summary>An experiment whose default cases are a subset of its cases; the help lists the defaults of all.</summary>
public interface IListsAllCases
{
    /// <summary>Every case the experiment has.</summary>
    IReadOnlyList<IExperimentCase> AllCases { get; }
}
