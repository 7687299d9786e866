using System;
using System.Collections.Generic;
using System.IO;

namespace Hig.Bench.Experiments.Runner;

/// <summary>Writes an experiment's must-hold checks and gives their verdict (which decides the exit code).</summary>
internal static class MustHolds
{
    /// <summary>
    /// Writes the checks, one line each, marked [PASS] or [FAIL]; returns whether every check passed, or null when
    /// <paramref name="checks"/> is null (the invocation does not cover them; nothing is written).
    /// </summary>
    public static bool? Write(TextWriter writer, IReadOnlyList<MustHold>? checks)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (checks is null)
        {
            return null;
        }

        writer.WriteLine("must-holds (medians over seeds):");
        bool all = true;
        foreach (MustHold check in checks)
        {
            all &= check.Passed;
            writer.WriteLine($"  [{(check.Passed ? "PASS" : "FAIL")}] {check.Text}");
        }

        return all;
    }
}
