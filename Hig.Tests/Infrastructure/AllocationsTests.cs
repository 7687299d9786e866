using Xunit;
using Xunit.Sdk;

namespace Hig.Tests.Infrastructure;

/// <summary>The allocation check itself: it must fail on code that allocates on every call.</summary>
public sealed class AllocationsTests
{
    private static object? s_kept;

    [Fact]
    public void CodeThatAllocatesOnEveryCallFails()
    {
        Assert.Throws<FailException>(() => Allocations.AssertSteadyStateAllocatesNothing(() => s_kept = new byte[16], 1, "new byte[16]"));
    }

    [Fact]
    public void CodeThatAllocatesNothingPasses()
    {
        int calls = 0;
        void Count() => calls++;
        Count();
        Allocations.AssertSteadyStateAllocatesNothing(Count, 3, "a counter");
        Assert.True(calls >= 4);
    }
}
