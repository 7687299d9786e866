using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Hig.Bench;
using Hig.Bench.Timing;
using Hig.Numerics;

namespace Hig.Tests.Bench;

/// <summary>
/// The <c>timing</c> command: the anchor's timing rule (at least 5 calls and 0.5 s, inputs restored outside the timer),
/// one parseable line per call, and one-line errors with exit code 2 for bad arguments.
/// </summary>
public sealed class TimingCommandTests
{
    [Fact]
    public void MeasureMeetsBothMinimumsAndPreparesBeforeEveryCall()
    {
        int prepared = 0, called = 0;
        (double median, double minimum, int calls) = AnchorRuleTimer.Measure(
            () =>
            {
                Assert.Equal(prepared, called + 1); // prepare ran right before this call
                called++;
            },
            () => prepared++,
            warmUpSeconds: 0);

        Assert.True(calls >= AnchorRuleTimer.MinimumCalls, $"{calls} timed calls");
        Assert.Equal(prepared, called);
        Assert.True(called >= calls + 1, "the warm-up makes at least one untimed call");
        Assert.True(minimum <= median && minimum >= 0, $"min {minimum} ms, median {median} ms");
    }

    [Theory]
    [InlineData("gemm", "d", "9")]
    [InlineData("gemm", "s", "9", "2")]
    [InlineData("svd", "values", "7", "3")]
    [InlineData("svd", "thin", "3", "7", "s")]
    [InlineData("svd", "kappa", "12", "5", "d")]
    [InlineData("step", "hig", "s", "3")]
    [InlineData("step", "adam", "d", "5", "paper")]
    public void GoodCommandLinesPrintOneTimingLine(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TimingCommand.Run(args, output, error, warmUpSeconds: 0);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        Match match = Regex.Match(output.ToString(), @"^ours .*: median (\d+\.\d+) ms.*\(min (\d+\.\d+) ms, (\d+) calls\) \[" + Regex.Escape(CodePath.Level) + @", \d+-bit kernels, (no )?FMA, (JIT|NativeAOT)\]\r?\n$");
        Assert.True(match.Success, output.ToString());
        Assert.True(int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) >= AnchorRuleTimer.MinimumCalls);
    }

    [Theory]
    [InlineData("d", "3", "book")]
    [InlineData("s", "2", "paper")]
    public void JacobianTimingPrintsAssemblyFillAndTheirRatio(string precision, string batch, string chain)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = TimingCommand.Run(["jacobian", precision, batch, chain, "2"], output, error, warmUpSeconds: 0);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error.ToString());
        int rows = 4 * int.Parse(batch, CultureInfo.InvariantCulture), cols = chain == "book" ? 1444 : 2956;
        Match match = Regex.Match(output.ToString(),
            $@"^ours \w+ jacobian oscillators-{chain} b={batch} \({rows}x{cols}\): assembly (\d+\.\d) us, write J once (\d+\.\d) us, ratio (\d+\.\d\d); of it dP/du (\d+\.\d) us \(best of 2 interleaved rounds");
        Assert.True(match.Success, output.ToString());
    }

    [Theory]
    [InlineData("timing")]
    [InlineData("timing", "lu")]
    [InlineData("timing", "gemm")]
    [InlineData("timing", "gemm", "x", "8")]
    [InlineData("timing", "gemm", "d", "0")]
    [InlineData("timing", "gemm", "d", "-3")]
    [InlineData("timing", "gemm", "d", "8", "0")]
    [InlineData("timing", "gemm", "d", "8", "1", "extra")]
    [InlineData("timing", "svd", "lu", "3", "3")]
    [InlineData("timing", "svd", "thin", "3")]
    [InlineData("timing", "svd", "thin", "3", "3", "q")]
    [InlineData("timing", "jacobian", "x", "3")]
    [InlineData("timing", "jacobian", "d", "0")]
    [InlineData("timing", "jacobian", "d", "3", "cubic")]
    [InlineData("timing", "jacobian", "d", "3", "book", "0")]
    [InlineData("timing", "step", "sgd", "d", "3")]
    [InlineData("timing", "step", "hig", "d")]
    public void BadCommandLinesExitWithCodeTwoAndOneLine(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error, interactive: false);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output.ToString());
        Assert.Single(error.ToString().TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("Exception", error.ToString(), StringComparison.Ordinal);
    }
}
