// ResultTable: the final console table — one line per (case, optimizer) with medians over seeds, the columns the
// experiment chooses — and the shared column builders (final losses and their range, time and steps to the threshold,
// steps, steps per second) the experiments compose their tables from.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Hig.Bench.Experiments.Runner.Output;

/// <summary>Writes the final table.</summary>
internal static class ResultTable
{
    /// <summary>Writes the table of <paramref name="groups"/>: case, optimizer, then the experiment's columns.</summary>
    public static void Write(TextWriter writer, Experiment experiment, IReadOnlyList<RunGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(groups);
        var columns = new List<TableColumn>
        {
            new(experiment.CaseColumn, g => g.Case.Cell, LeftAligned: true),
            new("optimizer", g => g.Optimizer.Label, LeftAligned: true),
        };
        columns.AddRange(experiment.TableColumns);
        var rows = new List<string[]> { columns.ConvertAll(c => c.Header).ToArray() };
        foreach (RunGroup group in groups)
        {
            rows.Add(columns.ConvertAll(c => c.Cell(group)).ToArray());
        }

        int[] widths = new int[columns.Count];
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
                line.Append(c == 0 ? string.Empty : "  ").Append(columns[c].LeftAligned ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            }

            writer.WriteLine(line.ToString().TrimEnd());
            if (r == 0)
            {
                writer.WriteLine(new string('-', line.ToString().TrimEnd().Length));
            }
        }
    }

    /// <summary>The median final value of the training or the validation loss.</summary>
    public static TableColumn FinalLoss(string header, bool validation) =>
        new(header, g => Invariant.Short(g.Median(r => r.Final.Loss(validation))));

    /// <summary>The range over seeds of the final training or validation loss, "min…max".</summary>
    public static TableColumn FinalLossRange(string header, bool validation) => new(header, g =>
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (RunResult run in g.Runs)
        {
            min = Math.Min(min, run.Final.Loss(validation));
            max = Math.Max(max, run.Final.Loss(validation));
        }

        return $"{Invariant.Short(min)}…{Invariant.Short(max)}";
    });

    /// <summary>The median training seconds to the threshold ("never" if the median run never reached it).</summary>
    public static TableColumn SecondsToThreshold(string header) => new(header, g =>
    {
        double seconds = g.Median(g.SecondsToThreshold);
        return double.IsFinite(seconds) ? Invariant.Seconds(seconds) : "never";
    });

    /// <summary>How many seeds reached the threshold, "k/n".</summary>
    public static TableColumn Reached(string header) => new(header, g => $"{g.RunsReachingThreshold}/{g.Runs.Count}");

    /// <summary>The median steps to the threshold ("never" if the median run never reached it).</summary>
    public static TableColumn IterationsToThreshold(string header) => new(header, g =>
    {
        double iterations = g.Median(g.IterationsToThreshold);
        return double.IsFinite(iterations) ? Whole(iterations) : "never";
    });

    /// <summary>The median number of steps taken.</summary>
    public static TableColumn Iterations(string header) => new(header, g => Whole(g.Median(r => r.Iterations)));

    /// <summary>The median steps per training second.</summary>
    public static TableColumn StepsPerSecond(string header) => new(header, g => Whole(g.Median(r => r.StepsPerSecond)));

    /// <summary>The median of an extra column's final value, in a fixed format.</summary>
    public static TableColumn FinalExtra(string header, int extra, string format) =>
        new(header, g => g.Median(r => r.Final.Extras[extra]).ToString(format, CultureInfo.InvariantCulture));

    /// <summary>A median rounded to a whole number, or "-" when it is not finite.</summary>
    public static string Whole(double value) =>
        double.IsFinite(value) ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture) : "-";
}
