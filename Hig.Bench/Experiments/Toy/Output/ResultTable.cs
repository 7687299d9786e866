// ResultTable: the final console table — one line per (λ, optimizer) with medians over seeds — and the check of the
// issue's must-holds when the invocation covers them (λ = 1 and λ = 0.01 with Adam, GN and HIG).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Hig.Bench.Experiments.Toy.Output;

/// <summary>Writes the final table and the must-hold checks.</summary>
internal static class ResultTable
{
    private static readonly string[] Headers =
        ["λ", "optimizer", "val loss", "val min…max", "train loss", "t→1e-2 [s]", "reached", "it→1e-2", "iterations", "steps/s", "act mean", "act std", "saturated"];

    /// <summary>Writes the table of <paramref name="groups"/> (medians over seeds, the validation range over seeds).</summary>
    public static void Write(TextWriter writer, IReadOnlyList<RunGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(groups);
        var rows = new List<string[]> { Headers };
        foreach (RunGroup group in groups)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (RunResult run in group.Runs)
            {
                min = Math.Min(min, run.Final.ValidationLoss);
                max = Math.Max(max, run.Final.ValidationLoss);
            }

            double secondsTo = group.Median(group.SecondsToThreshold);
            double iterationsTo = group.Median(group.IterationsToThreshold);
            rows.Add(
            [
                Invariant.Number(group.Lambda),
                group.Optimizer.Label,
                Invariant.Short(group.Median(r => r.Final.ValidationLoss)),
                $"{Invariant.Short(min)}…{Invariant.Short(max)}",
                Invariant.Short(group.Median(r => r.Final.TrainingLoss)),
                double.IsFinite(secondsTo) ? Invariant.Seconds(secondsTo) : "never",
                $"{group.RunsReachingThreshold}/{group.Runs.Count}",
                double.IsFinite(iterationsTo) ? Whole(iterationsTo) : "never",
                Whole(group.Median(r => r.Iterations)),
                Whole(group.Median(r => r.StepsPerSecond)),
                group.Median(r => r.Final.ActivationMean).ToString("0.000", CultureInfo.InvariantCulture),
                group.Median(r => r.Final.ActivationStd).ToString("0.000", CultureInfo.InvariantCulture),
                group.Median(r => r.Final.SaturatedFraction).ToString("0.00", CultureInfo.InvariantCulture),
            ]);
        }

        int[] widths = new int[Headers.Length];
        foreach (string[] row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        for (int r = 0; r < rows.Count; r++)
        {
            var line = new StringBuilder();
            for (int c = 0; c < widths.Length; c++)
            {
                string cell = rows[r][c];
                bool left = c < 2;
                line.Append(c == 0 ? string.Empty : "  ").Append(left ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            }

            writer.WriteLine(line.ToString().TrimEnd());
            if (r == 0)
            {
                writer.WriteLine(new string('-', line.ToString().TrimEnd().Length));
            }
        }
    }

    /// <summary>
    /// Writes the issue's must-holds evaluated on the medians, if <paramref name="groups"/> holds all of them (λ = 1 and
    /// λ = 0.01, each with Adam, GN and HIG); otherwise writes nothing. Returns whether every check passed, or null when
    /// the checks do not apply.
    /// </summary>
    public static bool? WriteChecks(TextWriter writer, IReadOnlyList<RunGroup> groups, double totalSeconds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        RunGroup? Find(double lambda, OptimizerKind kind) => FindGroup(groups, lambda, kind);

        RunGroup? adam1 = Find(1, OptimizerKind.Adam), gn1 = Find(1, OptimizerKind.GaussNewton), hig1 = Find(1, OptimizerKind.Hig);
        RunGroup? adam2 = Find(0.01, OptimizerKind.Adam), gn2 = Find(0.01, OptimizerKind.GaussNewton), hig2 = Find(0.01, OptimizerKind.Hig);
        if (adam1 is null || gn1 is null || hig1 is null || adam2 is null || gn2 is null || hig2 is null)
        {
            return null;
        }

        static double Val(RunGroup g) => g.Median(r => r.Final.ValidationLoss);
        static double To(RunGroup g) => g.Median(g.SecondsToThreshold);
        static string T(double seconds) => double.IsFinite(seconds) ? $"{Invariant.Seconds(seconds)} s" : "never";

        bool all = true;
        void Check(bool passed, string text)
        {
            all &= passed;
            writer.WriteLine($"  [{(passed ? "PASS" : "FAIL")}] {text}");
        }

        writer.WriteLine("must-holds (medians over seeds):");
        Check(Val(adam1) <= 1e-2 && Val(gn1) <= 1e-2 && Val(hig1) <= 1e-2,
            $"λ=1: every optimizer ends ≤ 1e-2 (Adam {Invariant.Short(Val(adam1))}, GN {Invariant.Short(Val(gn1))}, HIG {Invariant.Short(Val(hig1))})");
        Check(Val(hig1) <= 1e-3, $"λ=1: HIG ends ≤ 1e-3 ({Invariant.Short(Val(hig1))})");
        double higTime = To(hig2);
        Check(double.IsFinite(higTime) && 10 * higTime <= To(adam2) && 10 * higTime <= To(gn2),
            $"λ=0.01: HIG reaches 1e-2 ≥ 10× sooner (HIG {T(higTime)}, Adam {T(To(adam2))}, GN {T(To(gn2))})");
        Check(Val(hig2) < Val(adam2) && Val(hig2) < Val(gn2),
            $"λ=0.01: HIG ends lowest (HIG {Invariant.Short(Val(hig2))}, Adam {Invariant.Short(Val(adam2))}, GN {Invariant.Short(Val(gn2))})");
        Check(totalSeconds <= 60, $"whole invocation within 60 s ({Invariant.Seconds(totalSeconds)} s)");
        return all;
    }

    private static RunGroup? FindGroup(IReadOnlyList<RunGroup> groups, double lambda, OptimizerKind kind)
    {
        foreach (RunGroup group in groups)
        {
            if (group.Lambda == lambda && group.Optimizer.Kind == kind)
            {
                return group;
            }
        }

        return null;
    }

    private static string Whole(double value) =>
        double.IsFinite(value) ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture) : "-";
}
