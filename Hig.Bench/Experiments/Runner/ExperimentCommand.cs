// ExperimentCommand: an experiment command (`Hig.Bench toy`, `Hig.Bench oscillators`), the same for every problem:
//   1. parse the flags (a bad one: one line on standard error, exit code 2);
//   2. warm up and run every (case, seed, optimizer) (RunScheduler), with a live progress display;
//   3. write per-run CSV logs, the experiment's figures (or grid.md in grid mode) and summary.json; print a table of
//      medians and the must-hold checks;
//   4. exit with ClaimsFailed (3) if the must-hold checks apply and one fails, after every file is written.
// Standard output gets the help, the table and the must-hold checks; standard error the progress and errors.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Hig.Bench.Experiments.Cli;
using Hig.Bench.Experiments.Runner.Output;
using Hig.Numerics;

namespace Hig.Bench.Experiments.Runner;

/// <summary>Runs an experiment command.</summary>
public static class ExperimentCommand
{
    /// <summary>Exit code of a completed invocation (every must-hold passed, or the invocation does not cover them).</summary>
    public const int Success = 0;

    /// <summary>Exit code when the output could not be written.</summary>
    public const int OutputFailure = 1;

    /// <summary>Exit code of a bad command line.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Exit code of a completed invocation whose must-hold checks apply and at least one of them failed. Every output file
    /// has been written by then.
    /// </summary>
    public const int ClaimsFailed = 3;

    /// <summary>Runs <paramref name="experiment"/>'s command with <paramref name="args"/> (the arguments after its name).</summary>
    /// <param name="experiment">The problem.</param>
    /// <param name="args">The flags.</param>
    /// <param name="output">Receives the help, the final table and the list of files written.</param>
    /// <param name="error">Receives the progress display and error messages.</param>
    /// <param name="interactive">Whether <paramref name="error"/> is a terminal (progress rewritten in place) or not
    /// (plain progress lines).</param>
    /// <returns>The exit code: <see cref="Success"/>, <see cref="OutputFailure"/>, <see cref="UsageError"/> or
    /// <see cref="ClaimsFailed"/>.</returns>
    public static int Run(Experiment experiment, IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        RunnerSettings? settings;
        try
        {
            settings = RunnerArguments.Parse(experiment, args);
        }
        catch (UsageException e)
        {
            error.WriteLine($"{experiment.Name}: {e.Message} (see '{experiment.Name} --help')");
            return UsageError;
        }

        if (settings is null)
        {
            output.WriteLine(RunnerArguments.Help(experiment));
            return Success;
        }

        try
        {
            Directory.CreateDirectory(settings.OutputDirectory);
            return Execute(experiment, settings, output, error, interactive);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{experiment.Name}: cannot write to '{settings.OutputDirectory}': {e.Message}");
            return OutputFailure;
        }
    }

    /// <summary>
    /// The exit code of a completed invocation: <see cref="ClaimsFailed"/> when the checks applied and one failed,
    /// otherwise <see cref="Success"/> (also when the invocation does not cover the checks).
    /// </summary>
    public static int ExitCodeFor(bool? checksPassed) => checksPassed == false ? ClaimsFailed : Success;

    private static int Execute(Experiment experiment, RunnerSettings settings, TextWriter output, TextWriter error, bool interactive)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RunSpec> specs = RunScheduler.Plan(experiment, settings);
        var progress = new ProgressDisplay(experiment.Name, error, interactive, specs.Count);
        int optimizers = specs.Count / (settings.Cases.Count * settings.SeedCount);
        progress.Message($"{experiment.Name}: {specs.Count} runs ({settings.Cases.Count} {experiment.CaseColumn} × {optimizers} optimizers × {settings.SeedCount} seeds), "
            + $"{settings.Budget} each, {settings.Jobs} at a time, {settings.Precision.Name()}; warming up");
        RunScheduler.WarmUp(experiment, settings);
        RunResult[] results = RunScheduler.RunAll(experiment, settings, specs, progress.Report, run => progress.Finished(run.Spec, FinishedLine(experiment, run)));
        progress.Clear();
        IReadOnlyList<RunGroup> groups = RunScheduler.Group(experiment, settings, results);
        double totalSeconds = clock.Elapsed.TotalSeconds;
        IReadOnlyList<MustHold>? checks = settings.Grid ? null : experiment.Checks(settings, groups, totalSeconds);
        IReadOnlyList<string> files = WriteFiles(experiment, settings, results, groups, totalSeconds, checks);

        output.WriteLine($"{experiment.Name}: {results.Length} runs, {settings.Budget} each, {settings.Precision.Name()}, medians over {settings.SeedCount} seed(s); "
            + $"total {Invariant.Seconds(totalSeconds)} s");
        output.WriteLine($"code path: {CodePath.Description}");
        output.WriteLine();
        ResultTable.Write(output, experiment, groups);
        output.WriteLine();
        bool? checksPassed = MustHolds.Write(output, checks);
        if (checksPassed is not null)
        {
            output.WriteLine();
        }

        output.WriteLine($"wrote {results.Length} CSV logs under {settings.OutputDirectory}, and {string.Join(", ", files)}");
        int exitCode = ExitCodeFor(checksPassed);
        if (exitCode == ClaimsFailed)
        {
            error.WriteLine($"{experiment.Name}: a must-hold check failed (exit code {ClaimsFailed})");
        }

        return exitCode;
    }

    /// <summary>Writes every run's CSV, the figures (or grid.md) and summary.json; returns the paths of all but the CSVs.</summary>
    private static List<string> WriteFiles(Experiment experiment, RunnerSettings settings, RunResult[] results, IReadOnlyList<RunGroup> groups,
        double totalSeconds, IReadOnlyList<MustHold>? checks)
    {
        var written = new List<string>();
        foreach (RunResult run in results)
        {
            RunCsvWriter.Write(Path.Combine(settings.OutputDirectory, RunCsvWriter.RelativePath(run.Spec)), experiment, run);
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        if (settings.Grid)
        {
            string path = Path.Combine(settings.OutputDirectory, GridTable.FileName);
            File.WriteAllText(path, GridTable.Markdown(experiment, settings, groups), utf8);
            written.Add(path);
        }
        else
        {
            foreach ((string fileName, string svg) in experiment.Figures(settings, results, groups))
            {
                string path = Path.Combine(settings.OutputDirectory, fileName);
                File.WriteAllText(path, svg, utf8);
                written.Add(path);
            }
        }

        string summaryPath = Path.Combine(settings.OutputDirectory, SummaryWriter.FileName);
        SummaryWriter.Write(summaryPath, experiment, settings, groups, totalSeconds, checks);
        written.Add(summaryPath);
        return written;
    }

    private static string FinishedLine(Experiment experiment, RunResult run)
    {
        double threshold = experiment.Threshold(run.Spec.Case);
        string which = experiment.FollowsValidation ? "val" : "train";
        LogRow? first = run.FirstBelow(threshold, experiment.FollowsValidation);
        string reached = first is { } row
            ? $"first below {experiment.ThresholdLabel(run.Spec.Case)} at {Invariant.Seconds(row.Seconds)} s"
            : $"never below {experiment.ThresholdLabel(run.Spec.Case)}";
        string failed = run.Failure is null ? string.Empty : $" (stopped: {run.Failure})";
        return $"{ProgressDisplay.Describe(run.Spec)}: {run.Iterations} it in {Invariant.Seconds(run.Seconds)} s, "
            + $"{which} {Invariant.Short(run.Final.Loss(experiment.FollowsValidation))}, {reached}{failed}";
    }
}
