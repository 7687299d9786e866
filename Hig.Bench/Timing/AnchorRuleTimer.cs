// AnchorRuleTimer: times one library call the way the LAPACK/OpenBLAS anchor harness times its calls, so that the two
// can be run back to back and divided. The anchor's rule: one warm-up call, then the median wall time of at least
// 5 calls and at least 0.5 s. Ours adds a longer warm-up (3 s of calls) so that the JIT's tiered compilation has
// reached its final code before anything is timed; the anchor, compiled ahead of time, needs none.
// BenchmarkDotNet (the `micro` command) remains the tool for allocation counts and statistics; this one exists for
// the interleaved anchor / ours / anchor sittings that docs/benchmarks.md reports as ratios.
using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Hig.Bench.Timing;

/// <summary>The anchor harness's timing rule, applied to a .NET call.</summary>
public static class AnchorRuleTimer
{
    /// <summary>Minimum number of timed calls (the anchor's MIN_REPS).</summary>
    public const int MinimumCalls = 5;

    /// <summary>Minimum total timed wall time in seconds (the anchor's MIN_TIME).</summary>
    public const double MinimumSeconds = 0.5;

    /// <summary>Calls are made for this long before timing starts, so the JIT has finished tiering up.</summary>
    public const double WarmUpSeconds = 3.0;

    /// <summary>Upper bound on timed calls, so very fast calls end in bounded time.</summary>
    public const int MaximumCalls = 100_000;

    /// <summary>
    /// Warms up, then times <paramref name="call"/> until both minimums are met; <paramref name="prepare"/> runs before
    /// every call, outside the timer (the anchor restores overwritten inputs outside its timer too).
    /// </summary>
    /// <returns>The median and the minimum time of one call in milliseconds, and the number of timed calls.</returns>
    public static (double MedianMs, double MinimumMs, int Calls) Measure(Action call, Action? prepare = null, double warmUpSeconds = WarmUpSeconds)
    {
        ArgumentNullException.ThrowIfNull(call);
        var warm = Stopwatch.StartNew();
        do
        {
            prepare?.Invoke();
            call();
        }
        while (warm.Elapsed.TotalSeconds < warmUpSeconds);

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while ((times.Count < MinimumCalls || total.Elapsed.TotalSeconds < MinimumSeconds) && times.Count < MaximumCalls)
        {
            prepare?.Invoke();
            long start = Stopwatch.GetTimestamp();
            call();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[0], times.Count);
    }
}
