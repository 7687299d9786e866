// ToyCommand: `Hig.Bench toy`, the experiment runner that reproduces the HIG chapter's toy example.
//   1. parse the flags (a bad one: one line on standard error, exit code 2);
//   2. warm up and run every (λ, seed, optimizer) (RunScheduler), with a live progress display;
//   3. write per-run CSV logs, one SVG figure per λ (the first seed) and summary.json; print a table of medians;
//   4. exit with ClaimsFailed (3) if the must-hold checks apply and one fails, after every file is written.
// Standard output gets the help, the table and the must-hold checks; standard error the progress and errors.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Hig.Bench.Experiments.Cli;
using Hig.Bench.Experiments.Toy.Figure;
using Hig.Bench.Experiments.Toy.Output;
using Hig.Numerics;

namespace Hig.Bench.Experiments.Toy;

/// <summary>The toy command.</summary>
public static class ToyCommand
{
    /// <summary>Exit code of a completed invocation.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the output could not be written.</summary>
    public const int OutputFailure = 1;

    /// <summary>Exit code of a bad command line.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Exit code of a completed invocation whose must-hold checks apply (λ = 1 and λ = 0.01, each with Adam, GN and HIG)
    /// and at least one of them failed. Every output file has been written by then.
    /// </summary>
    public const int ClaimsFailed = 3;

    /// <summary>Runs the command with <paramref name="args"/> (the arguments after "toy").</summary>
    /// <param name="args">The flags.</param>
    /// <param name="output">Receives the help, the final table and the list of files written.</param>
    /// <param name="error">Receives the progress display and error messages.</param>
    /// <param name="interactive">Whether <paramref name="error"/> is a terminal (progress rewritten in place) or not
    /// (plain progress lines).</param>
    /// <returns>The exit code: <see cref="Success"/>, <see cref="OutputFailure"/>, <see cref="UsageError"/> or
    /// <see cref="ClaimsFailed"/>.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ToySettings? settings;
        try
        {
            settings = ToyArguments.Parse(args);
        }
        catch (UsageException e)
        {
            error.WriteLine($"toy: {e.Message} (see 'toy --help')");
            return UsageError;
        }

        if (settings is null)
        {
            output.WriteLine(ToyArguments.Help);
            return Success;
        }

        try
        {
            Directory.CreateDirectory(settings.OutputDirectory);
            return Execute(settings, output, error, interactive);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"toy: cannot write to '{settings.OutputDirectory}': {e.Message}");
            return OutputFailure;
        }
    }

    private static int Execute(ToySettings settings, TextWriter output, TextWriter error, bool interactive)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<RunSpec> specs = RunScheduler.Plan(settings);
        var progress = new ProgressDisplay(error, interactive, specs.Count);
        progress.Message($"toy: {specs.Count} runs ({settings.Lambdas.Count} λ × {settings.Optimizers.Count} optimizers × {settings.SeedCount} seeds), "
            + $"{settings.Budget} each, {settings.Jobs} at a time; warming up");
        RunScheduler.WarmUp(settings);
        RunResult[] results = RunScheduler.RunAll(settings, specs, progress.Report, run => progress.Finished(run.Spec, FinishedLine(run, settings.Threshold)));
        progress.Clear();
        IReadOnlyList<RunGroup> groups = RunScheduler.Group(settings, results);
        double totalSeconds = clock.Elapsed.TotalSeconds;
        IReadOnlyList<string> files = WriteFiles(settings, results, groups, totalSeconds);

        output.WriteLine($"toy: {results.Length} runs, {settings.Budget} each, medians over {settings.SeedCount} seed(s); total {Invariant.Seconds(totalSeconds)} s");
        output.WriteLine($"code path: {CodePath.Description}");
        output.WriteLine();
        ResultTable.Write(output, groups);
        output.WriteLine();
        bool? checksPassed = ResultTable.WriteChecks(output, groups, totalSeconds);
        if (checksPassed is not null)
        {
            output.WriteLine();
        }

        output.WriteLine($"wrote {results.Length} CSV logs under {settings.OutputDirectory}, and {string.Join(", ", files)}");
        int exitCode = ExitCodeFor(checksPassed);
        if (exitCode == ClaimsFailed)
        {
            error.WriteLine($"toy: a must-hold check failed (exit code {ClaimsFailed})");
        }

        return exitCode;
    }

    /// <summary>
    /// The exit code of a completed invocation: <see cref="ClaimsFailed"/> when the checks applied and one failed,
    /// otherwise <see cref="Success"/> (also when the invocation does not cover the checks).
    /// </summary>
    internal static int ExitCodeFor(bool? checksPassed) => checksPassed == false ? ClaimsFailed : Success;

    /// <summary>Writes every run's CSV, one figure per λ (the first seed's runs) and summary.json; returns the figure and summary paths.</summary>
    private static List<string> WriteFiles(ToySettings settings, RunResult[] results, IReadOnlyList<RunGroup> groups, double totalSeconds)
    {
        var written = new List<string>();
        foreach (RunResult run in results)
        {
            RunCsvWriter.Write(Path.Combine(settings.OutputDirectory, RunCsvWriter.RelativePath(run.Spec)), run);
        }

        foreach (double lambda in settings.Lambdas)
        {
            var figureRuns = new List<RunResult>();
            foreach (RunResult run in results)
            {
                if (run.Spec.Lambda == lambda && run.Spec.Seed == settings.Seed)
                {
                    figureRuns.Add(run);
                }
            }

            string path = Path.Combine(settings.OutputDirectory, ToyFigure.FileName(lambda));
            File.WriteAllText(path, ToyFigure.Draw(lambda, figureRuns, settings), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            written.Add(path);
        }

        string summaryPath = Path.Combine(settings.OutputDirectory, SummaryWriter.FileName);
        SummaryWriter.Write(summaryPath, settings, groups, totalSeconds);
        written.Add(summaryPath);
        return written;
    }

    private static string FinishedLine(RunResult run, double threshold)
    {
        LogRow? first = run.FirstBelow(threshold);
        string reached = first is { } row
            ? $"first below {Invariant.Number(threshold)} at {Invariant.Seconds(row.Seconds)} s"
            : $"never below {Invariant.Number(threshold)}";
        string failed = run.Failure is null ? string.Empty : $" (stopped: {run.Failure})";
        return $"{ProgressDisplay.Describe(run.Spec)}: {run.Iterations} it in {Invariant.Seconds(run.Seconds)} s, "
            + $"val {Invariant.Short(run.Final.ValidationLoss)}, {reached}{failed}";
    }
}
