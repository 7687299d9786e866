// Hig.Bench: the front door. `toy` runs the experiment runner (the main job); `micro` hands the
// remaining arguments to BenchmarkDotNet's switcher (e.g. `micro --filter '*Gemm*'`).
using System;
using BenchmarkDotNet.Running;

namespace Hig.Bench;

/// <summary>Command-line entry point.</summary>
public static class Program
{
    /// <summary>Dispatches on the first argument; returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "micro")
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
            return 0;
        }

        Console.Error.WriteLine("usage: Hig.Bench micro [BenchmarkDotNet arguments, e.g. --filter '*Gemm*']");
        return args.Length == 0 || args[0] is "--help" or "-h" ? 0 : 2;
    }
}
