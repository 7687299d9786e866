// SeedStatistics: medians over the seeds of a (case, optimizer) pair. "Never" (a threshold not reached) enters as +∞,
// so it ranks after every time, as the must-holds require; NaN (a diverged run) also ranks last.
using System;
using System.Collections.Generic;

namespace Hig.Bench.Experiments.Runner;

/// <summary>Medians over seeds.</summary>
public static class SeedStatistics
{
    /// <summary>
    /// The median of <paramref name="values"/>: the middle value of an odd count, the mean of the two middle values of
    /// an even count. +∞ and NaN rank above every finite value; a median that involves one is +∞ (or NaN if only NaN
    /// is involved). NaN for an empty list.
    /// </summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = new double[values.Count];
        for (int i = 0; i < sorted.Length; i++)
        {
            sorted[i] = values[i];
        }

        Array.Sort(sorted, CompareNaNLast);
        int middle = sorted.Length / 2;
        if (sorted.Length % 2 == 1)
        {
            return sorted[middle];
        }

        double low = sorted[middle - 1], high = sorted[middle];
        if (double.IsNaN(low) || double.IsNaN(high))
        {
            return double.IsPositiveInfinity(low) ? low : double.NaN;
        }

        return double.IsPositiveInfinity(high) ? high : low + ((high - low) / 2);
    }

    /// <summary>Orders finite values and ±∞ as usual and NaN after everything.</summary>
    private static int CompareNaNLast(double x, double y) =>
        double.IsNaN(x) ? (double.IsNaN(y) ? 0 : 1) : double.IsNaN(y) ? -1 : x.CompareTo(y);
}
