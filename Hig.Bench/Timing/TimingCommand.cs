// TimingCommand: `Hig.Bench timing ...`, one line per measured call, timed by AnchorRuleTimer, for the ratio tables of
// docs/benchmarks.md:
//   timing gemm <d|s> <n> [threads]              C ← A·B, n×n, NoTranspose (the anchor's dgemm/sgemm NN)
//   timing svd <values|thin|kappa> <m> <n> [d|s]  Svd.Values, Svd.Thin, KappaPower.Apply (κ = ½, default cut-off)
//   timing jacobian … and timing step …           the oscillator models (ModelTimings)
// Inputs are uniform in [−1, 1) from a fixed seed, like the anchor's; every call goes through the allocation-free
// overload with a preallocated workspace. The κ-power apply overwrites A, so A is restored before each call, outside
// the timer, as the anchor does for LAPACK's drivers.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Hig.Bench.Experiments.Cli;
using Hig.Numerics;

namespace Hig.Bench.Timing;

/// <summary>The <c>timing</c> command.</summary>
public static class TimingCommand
{
    /// <summary>Usage of the command.</summary>
    public const string Usage =
        "usage: Hig.Bench timing gemm <d|s> <n> [threads]\n"
        + "       Hig.Bench timing svd <values|thin|kappa> <m> <n> [d|s]\n"
        + "       Hig.Bench timing jacobian <d|s> <batch> [book|paper] [rounds]\n"
        + "       Hig.Bench timing step <hig|gn|adam> <d|s> <batch> [book|paper]\n"
        + "gemm, svd and step: one call by the anchor harness's rule (median of >= 5 calls and >= 0.5 s, after a warm-up);\n"
        + "jacobian: the oscillator model's J against writing J once, interleaved rounds after a warm-up, best of rounds";

    /// <summary>Runs the command; returns the exit code (2 for bad arguments, with a one-line message).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, double warmUpSeconds = AnchorRuleTimer.WarmUpSeconds)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count > 0 && args[0] is "--help" or "-h")
        {
            output.WriteLine(Usage);
            return 0;
        }

        try
        {
            string line = args.Count > 0 && args[0] == "gemm" ? Gemm(args, warmUpSeconds)
                : args.Count > 0 && args[0] == "svd" ? SvdCall(args, warmUpSeconds)
                : args.Count > 0 && args[0] == "jacobian" ? ModelTimings.Jacobian(args, warmUpSeconds)
                : args.Count > 0 && args[0] == "step" ? ModelTimings.Step(args, warmUpSeconds)
                : throw new UsageException("expected 'gemm', 'svd', 'jacobian' or 'step' after 'timing'");
            output.WriteLine($"{line} [{CodePath.Level}, {CodePath.WidestVectorBits}-bit kernels, {(CodePath.FusedMultiplyAdd ? "FMA" : "no FMA")}, {(CodePath.IsAheadOfTimeCompiled ? "NativeAOT" : "JIT")}]");
            return 0;
        }
        catch (UsageException e)
        {
            error.WriteLine($"Hig.Bench timing: {e.Message} (see 'timing --help')");
            return 2;
        }
    }

    private static string Gemm(IReadOnlyList<string> args, double warmUpSeconds)
    {
        Expect(args, 3, 4);
        bool isDouble = Precision(args[1]);
        int n = Positive(args[2], "n");
        int threads = args.Count > 3 ? Positive(args[3], "threads") : 1;
        var rng = new Rng(1);
        (double median, double minimum, int calls) = isDouble ? MeasureGemm<double>(n, threads, rng, warmUpSeconds) : MeasureGemm<float>(n, threads, rng, warmUpSeconds);
        double gflops = 2.0 * n * n * n / (median * 1e6);
        return Invariant($"ours {(isDouble ? "dgemm" : "sgemm")} NN {n}x{n} threads {threads}: median {median:F4} ms, {gflops:F1} GFLOP/s (min {minimum:F4} ms, {calls} calls)");
    }

    private static (double, double, int) MeasureGemm<T>(int n, int threads, Rng rng, double warmUpSeconds)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var a = new Matrix<T>(n, n);
        var b = new Matrix<T>(n, n);
        var c = new Matrix<T>(n, n);
        rng.FillUniform(a.Data, -T.One, T.One);
        rng.FillUniform(b.Data, -T.One, T.One);
        return AnchorRuleTimer.Measure(() => Blas.Gemm(Transpose.No, Transpose.No, T.One, a, b, T.Zero, c, threads), warmUpSeconds: warmUpSeconds);
    }

    private static string SvdCall(IReadOnlyList<string> args, double warmUpSeconds)
    {
        Expect(args, 4, 5);
        string mode = args[1] is "values" or "thin" or "kappa" ? args[1] : throw new UsageException($"unknown svd mode '{args[1]}' (values, thin or kappa)");
        int m = Positive(args[2], "m");
        int n = Positive(args[3], "n");
        bool isDouble = args.Count <= 4 || Precision(args[4]);
        var rng = new Rng(7);
        (double median, double minimum, int calls) = isDouble ? MeasureSvd<double>(mode, m, n, rng, warmUpSeconds) : MeasureSvd<float>(mode, m, n, rng, warmUpSeconds);
        return Invariant($"ours {(isDouble ? "double" : "float")} svd {mode} {m}x{n}: median {median:F4} ms (min {minimum:F4} ms, {calls} calls)");
    }

    private static (double, double, int) MeasureSvd<T>(string mode, int m, int n, Rng rng, double warmUpSeconds)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        var a = new Matrix<T>(m, n);
        rng.FillUniform(a.Data, -T.One, T.One);
        var s = new T[k];
        switch (mode)
        {
            case "values":
            {
                var work = new T[Svd.ValuesWorkspaceLength<T>(m, n)];
                return AnchorRuleTimer.Measure(() => Svd.Values<T>(a, s, work), warmUpSeconds: warmUpSeconds);
            }

            case "thin":
            {
                var u = new Matrix<T>(m, k);
                var v = new Matrix<T>(n, k);
                var work = new T[Svd.ThinWorkspaceLength<T>(m, n)];
                return AnchorRuleTimer.Measure(() => Svd.Thin<T>(a, u, s, v, work), warmUpSeconds: warmUpSeconds);
            }

            default:
            {
                var overwritten = new Matrix<T>(m, n);
                var g = new T[m];
                var d = new T[n];
                rng.FillUniform<T>(g, -T.One, T.One);
                var work = new T[KappaPower.WorkspaceLength<T>(m, n)];
                T half = T.One / (T.One + T.One);
                return AnchorRuleTimer.Measure(
                    () => KappaPower.Apply(overwritten.AsView(), g, half, SingularValueCutoff<T>.Default, d, s, work),
                    () => a.Data.CopyTo(overwritten.Data),
                    warmUpSeconds);
            }
        }
    }

    private static void Expect(IReadOnlyList<string> args, int min, int max)
    {
        if (args.Count < min || args.Count > max)
        {
            throw new UsageException($"'timing {args[0]}' takes {min - 1} to {max - 1} arguments, got {args.Count - 1}");
        }
    }

    private static bool Precision(string value) => value switch
    {
        "d" or "double" => true,
        "s" or "single" or "float" => false,
        _ => throw new UsageException($"precision must be 'd' or 's', got '{value}'"),
    };

    private static int Positive(string value, string name) => (int)ValueParsers.WholeNumber(name, value, 1, 100_000);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
