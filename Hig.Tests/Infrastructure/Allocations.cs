using System;
using System.Collections.Generic;
using Xunit;

namespace Hig.Tests.Infrastructure;

/// <summary>
/// Steady-state allocation checks. <see cref="GC.GetAllocatedBytesForCurrentThread"/> counts everything allocated on
/// the calling thread, including what the runtime allocates there while it swaps in recompiled code (tiered
/// compilation and on-stack replacement land after any fixed warm-up when the machine is loaded: a single measured
/// window then fails now and then with a few kilobytes). So the steady state is shown by a window of calls that
/// allocates nothing: up to <see cref="Windows"/> windows are measured and the first one that allocates nothing ends
/// the check. Code that allocates on every call allocates in every window and fails.
/// </summary>
public static class Allocations
{
    /// <summary>Windows measured at most before the check fails.</summary>
    public const int Windows = 5;

    /// <summary>Asserts that some window of <paramref name="callsPerWindow"/> calls allocates nothing (see the class remarks).</summary>
    public static void AssertSteadyStateAllocatesNothing(Action call, int callsPerWindow, string what)
    {
        var perWindow = new List<long>(Windows);
        for (int w = 0; w < Windows; w++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerWindow; i++)
            {
                call();
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }

            perWindow.Add(allocated);
        }

        Assert.Fail($"{what} allocated in every window of {callsPerWindow} calls: {string.Join(", ", perWindow)} bytes.");
    }
}
