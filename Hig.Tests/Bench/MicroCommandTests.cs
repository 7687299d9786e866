using System;
using System.IO;
using Hig.Bench.Micro;

namespace Hig.Tests.Bench;

/// <summary>
/// The <c>micro</c> command's exit code on the paths that need no benchmark build: a filter that matches nothing fails
/// with a line saying so, and a listing, which runs nothing by design, succeeds.
/// </summary>
public sealed class MicroCommandTests
{
    [Fact]
    public void AFilterMatchingNoBenchmarkIsAFailure()
    {
        using var error = new StringWriter();
        int code = MicroCommand.Run(["--filter", "*NoSuchBenchmark*"], error);
        Assert.Equal(MicroCommand.BenchmarkFailed, code);
        Assert.NotEqual(0, code);
        Assert.Contains("no benchmark ran", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AListingRunsNothingAndSucceeds()
    {
        using var error = new StringWriter();
        Assert.Equal(MicroCommand.Success, MicroCommand.Run(["--list", "flat", "--filter", "*GemmBenchmarks*"], error));
        Assert.Equal(string.Empty, error.ToString());
    }
}
