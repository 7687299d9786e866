using System.Globalization;

namespace Hig.Bench.Experiments.Runner.Output;

/// <summary>Number formatting for files: invariant culture, shortest round-trip form, so files parse back exactly.</summary>
internal static class Invariant
{
    /// <summary>The shortest text that parses back to exactly <paramref name="value"/> ("NaN", "Infinity" for non-finite values).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer in invariant form.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A short human-readable form for tables and progress lines, e.g. 3.2e-03.</summary>
    public static string Short(double value) =>
        double.IsFinite(value) ? value.ToString("0.0e+00", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds with two decimals, for tables and progress lines.</summary>
    public static string Seconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
