// ValueParsers: flag values from text, in the invariant culture, each failure a one-line UsageException that names
// the flag, the text and what was expected.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace Hig.Bench.Experiments.Cli;

/// <summary>Typed parsing of flag values; every failure is a <see cref="UsageException"/> naming the flag.</summary>
public static class ValueParsers
{
    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="UsageException">The text is not such an integer.</exception>
    public static long WholeNumber(string flag, string text, long min, long max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new UsageException($"{flag} expects a whole number from {min} to {max}, got '{text}'");
        }

        return value;
    }

    /// <summary>An unsigned 64-bit integer (a seed).</summary>
    /// <exception cref="UsageException">The text is not such an integer.</exception>
    public static ulong Seed(string flag, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            throw new UsageException($"{flag} expects a whole number from 0 to {ulong.MaxValue}, got '{text}'");
        }

        return value;
    }

    /// <summary>A finite number greater than zero (decimal or exponent notation, e.g. 0.01 or 1e-2).</summary>
    /// <exception cref="UsageException">The text is not such a number.</exception>
    public static double PositiveNumber(string flag, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || !(value > 0))
        {
            throw new UsageException($"{flag} expects a finite number greater than 0, got '{text}'");
        }

        return value;
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="UsageException">The text is not such a number.</exception>
    public static double NumberBetween(string flag, string text, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value < min || value > max)
        {
            throw new UsageException(
                $"{flag} expects a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        }

        return value;
    }

    /// <summary>
    /// A comma-separated list of at least one item, each parsed by <paramref name="item"/> (which throws
    /// <see cref="UsageException"/> for a bad item); duplicates are rejected.
    /// </summary>
    /// <exception cref="UsageException">The list is empty, has an empty item or a duplicate, or an item is bad.</exception>
    public static IReadOnlyList<TItem> List<TItem>(string flag, string text, Func<string, TItem> item)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(item);
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var items = new List<TItem>(parts.Length);
        foreach (string part in parts)
        {
            if (part.Length == 0)
            {
                throw new UsageException($"{flag} expects a comma-separated list without empty items, got '{text}'");
            }

            TItem value = item(part);
            if (items.Contains(value))
            {
                throw new UsageException($"{flag} lists '{part}' more than once");
            }

            items.Add(value);
        }

        return items;
    }
}
