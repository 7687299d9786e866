// Hig.Bench: the front door. `toy` and `oscillators` run the experiment runner (the main jobs: the HIG chapter's toy
// example, docs/toy.md, and its coupled oscillators, docs/oscillators.md); `micro` hands the remaining arguments to BenchmarkDotNet's switcher (MicroCommand, e.g.
// `micro --filter '*Gemm*'`); `timing` times single calls by the anchor harness's rule (docs/benchmarks.md).
using System;
using System.Collections.Generic;
using System.IO;
using Hig.Bench.Experiments.Oscillators;
using Hig.Bench.Experiments.Runner;
using Hig.Bench.Experiments.Runner.Output;
using Hig.Bench.Experiments.Toy;
using Hig.Bench.Timing;

namespace Hig.Bench;

/// <summary>Command-line entry point.</summary>
public static class Program
{
    /// <summary>The top-level help.</summary>
    public const string Help =
        "usage: Hig.Bench <command> [arguments]\n"
        + "\n"
        + "commands:\n"
        + "  toy          the HIG chapter's toy example: Adam vs Gauss-Newton vs HIG at λ = 1 and λ = 0.01, with CSV logs,\n"
        + "               SVG figures and summary.json (see 'toy --help')\n"
        + "  oscillators  the chapter's coupled oscillators: a controller trained through an RK4 solver, the book's linear\n"
        + "               chain or the paper's cubic one, Adam vs Gauss-Newton vs HIG (see 'oscillators --help')\n"
        + "  micro        BenchmarkDotNet micro benchmarks; the rest goes to BenchmarkDotNet, e.g. micro --filter '*Gemm*'\n"
        + "               (under dotnet run only: a NativeAOT build leaves them out)\n"
        + "  timing       one gemm, SVD, Jacobian or training-step call timed for ratio tables (see 'timing --help')\n"
        + "\n"
        + "  -h, --help   show this help\n"
        + "\n"
        + "exit codes:\n"
        + "  0  done\n"
        + "  1  toy, oscillators: the output could not be written; micro: a benchmark failed to build, validate or run, or none ran\n"
        + "  2  bad command line (one line on standard error)\n"
        + "  3  toy, oscillators: a must-hold check failed (every output file is written first)";

    /// <summary>
    /// What <c>micro</c> prints in a NativeAOT build, which leaves BenchmarkDotNet out (it needs the JIT); the exit code
    /// is then 2.
    /// </summary>
    public const string MicroUnavailable =
        "Hig.Bench: micro is not part of a NativeAOT build (BenchmarkDotNet needs the JIT); run it with "
        + "dotnet run -c Release --project Hig.Bench -- micro ...";

    /// <summary>Dispatches on the first argument; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "micro")
        {
#if MICRO_BENCHMARKS
            return Micro.MicroCommand.Run(args[1..], Console.Error);
#else
            Console.Error.WriteLine(MicroUnavailable);
            return 2;
#endif
        }

        return Run(args, Console.Out, Console.Error, ProgressDisplay.IsInteractiveConsole());
    }

    /// <summary>
    /// Dispatches every command but <c>micro</c>: <c>toy</c>, <c>oscillators</c>, <c>timing</c>, help, or a one-line error
    /// with exit code 2 for anything else.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="interactive">Whether standard error is a terminal (for the progress display).</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Help);
            return 0;
        }

        if (args[0] == "toy")
        {
            return ExperimentCommand.Run(new ToyExperiment(), AfterCommand(args), output, error, interactive);
        }

        if (args[0] == "oscillators")
        {
            return ExperimentCommand.Run(new OscillatorExperiment(), AfterCommand(args), output, error, interactive);
        }

        if (args[0] == "timing")
        {
            return TimingCommand.Run(AfterCommand(args), output, error);
        }

        error.WriteLine($"Hig.Bench: unknown command '{args[0]}' (commands: toy, oscillators, micro, timing; see --help)");
        return 2;
    }

    private static string[] AfterCommand(IReadOnlyList<string> args)
    {
        var rest = new string[args.Count - 1];
        for (int i = 1; i < args.Count; i++)
        {
            rest[i - 1] = args[i];
        }

        return rest;
    }
}
