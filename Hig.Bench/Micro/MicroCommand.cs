// MicroCommand: `Hig.Bench micro ...`, the BenchmarkDotNet micro benchmarks. The arguments go to BenchmarkSwitcher
// unchanged; afterwards the summaries it returns decide the exit code, so a script or CI job sees a benchmark that did
// not run: one that failed to generate, build or validate, one that threw or produced no measurement, and an
// invocation that ran no benchmark at all (the filter matched nothing, or BenchmarkDotNet rejected its arguments).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Hig.Bench.Micro;

/// <summary>The <c>micro</c> command.</summary>
public static class MicroCommand
{
    /// <summary>Exit code when every selected benchmark ran, or only help or a listing was asked for.</summary>
    public const int Success = 0;

    /// <summary>Exit code when a benchmark failed to build, validate or run, or no benchmark ran.</summary>
    public const int BenchmarkFailed = 1;

    // BenchmarkDotNet options that print something and run nothing by design.
    private static readonly string[] InformationOnly = ["--help", "-h", "-?", "--version", "--info", "--list"];

    /// <summary>Runs BenchmarkDotNet's switcher on <paramref name="args"/> (the arguments after "micro").</summary>
    /// <param name="args">BenchmarkDotNet's arguments, e.g. <c>--filter '*Gemm*'</c>.</param>
    /// <param name="error">Receives one line per benchmark that did not run, and the reason for a failing exit code.</param>
    /// <returns><see cref="Success"/> or <see cref="BenchmarkFailed"/>.</returns>
    public static int Run(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run(args)];
        if (summaries.Length == 0)
        {
            if (args.Any(a => InformationOnly.Contains(a, StringComparer.Ordinal)))
            {
                return Success;
            }

            error.WriteLine("micro: no benchmark ran (the filter matched none, or BenchmarkDotNet rejected the arguments)");
            return BenchmarkFailed;
        }

        List<string> failures = Failures(summaries);
        foreach (string failure in failures)
        {
            error.WriteLine($"micro: {failure}");
        }

        return failures.Count == 0 ? Success : BenchmarkFailed;
    }

    /// <summary>One line per problem in <paramref name="summaries"/>; empty when every benchmark case ran and measured.</summary>
    private static List<string> Failures(IReadOnlyList<Summary> summaries)
    {
        var failures = new List<string>();
        int cases = 0;
        foreach (Summary summary in summaries)
        {
            foreach (var validationError in summary.ValidationErrors.Where(v => v.IsCritical))
            {
                failures.Add($"validation error in {summary.Title}: {validationError.Message}");
            }

            foreach (BenchmarkCase benchmark in summary.BenchmarksCases)
            {
                cases++;
                BenchmarkReport? report = summary.Reports.FirstOrDefault(r => ReferenceEquals(r.BenchmarkCase, benchmark));
                if (report is null || !report.Success)
                {
                    string stage = report is null ? "was not run"
                        : report.BuildResult is not { IsBuildSuccess: true } ? "failed to build"
                        : "failed to run (it threw, or produced no measurement)";
                    failures.Add($"{benchmark.DisplayInfo} {stage}");
                }
            }
        }

        if (cases == 0 && failures.Count == 0)
        {
            failures.Add("no benchmark ran (the filter matched none)");
        }

        return failures;
    }
}
