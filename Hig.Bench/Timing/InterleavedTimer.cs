// InterleavedTimer: times several calls against each other the strict way, for ratios such as "Jacobian assembly in
// multiples of writing J once": in one process, after a warm-up long enough for the JIT's tiered compilation to reach
// its final code (all calls alternating), then round by round, each call timed over the same number of repetitions
// per round; the result is the best round of each. Best-of-rounds for every call removes the load spikes of a shared
// machine from both sides of a ratio alike (a mean would not, and one process keeps the cache and frequency state
// comparable, which separate BenchmarkDotNet processes do not).
using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Hig.Bench.Timing;

/// <summary>Best-of-rounds timing of several calls, interleaved round by round in one process.</summary>
public static class InterleavedTimer
{
    /// <summary>The default warm-up, in seconds: the calls alternate for this long before any round is timed.</summary>
    public const double WarmUpSeconds = 3.0;

    /// <summary>The default number of timed rounds.</summary>
    public const int DefaultRounds = 40;

    /// <summary>Each call is repeated within a round for about this long (at least once), so short calls are timed over many repetitions.</summary>
    public const double SecondsPerCallPerRound = 0.004;

    /// <summary>
    /// Warms up, then runs <paramref name="rounds"/> rounds; in each round every call runs its repetitions back to back
    /// under one stopwatch. Returns per call the best round's time per repetition in milliseconds, and the repetitions.
    /// </summary>
    public static (double BestMs, int Repetitions)[] Measure(IReadOnlyList<Action> calls, int rounds = DefaultRounds, double warmUpSeconds = WarmUpSeconds)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var spent = new double[calls.Count];
        var made = new int[calls.Count];
        var warm = Stopwatch.StartNew();
        do
        {
            for (int c = 0; c < calls.Count; c++)
            {
                long start = Stopwatch.GetTimestamp();
                calls[c]();
                spent[c] += Stopwatch.GetElapsedTime(start).TotalSeconds;
                made[c]++;
            }
        }
        while (warm.Elapsed.TotalSeconds < warmUpSeconds);

        var result = new (double BestMs, int Repetitions)[calls.Count];
        for (int c = 0; c < calls.Count; c++)
        {
            result[c] = (double.PositiveInfinity, Math.Max(1, (int)(SecondsPerCallPerRound / (spent[c] / made[c]))));
        }

        for (int round = 0; round < rounds; round++)
        {
            for (int c = 0; c < calls.Count; c++)
            {
                Action call = calls[c];
                int repetitions = result[c].Repetitions;
                long start = Stopwatch.GetTimestamp();
                for (int r = 0; r < repetitions; r++)
                {
                    call();
                }

                double perCall = Stopwatch.GetElapsedTime(start).TotalMilliseconds / repetitions;
                result[c].BestMs = Math.Min(result[c].BestMs, perCall);
            }
        }

        return result;
    }
}
