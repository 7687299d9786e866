// GridTable: grid.md, the table of the comparison protocol (--grid): per case, every optimizer at every grid value of
// η (and, for Gauss-Newton, τ), with the median over seeds of the followed loss at the end of the budget (and its
// range), how many seeds reached the threshold and when, and the experiment's grid metrics; each optimizer's best grid
// value (lowest median final loss) is in bold. Claims about the comparison are to be checked against those rows.
using System;
using System.Collections.Generic;
using System.Text;

namespace Hig.Bench.Experiments.Runner.Output;

/// <summary>Writes the comparison protocol's table as Markdown.</summary>
internal static class GridTable
{
    /// <summary>The file name in the output directory.</summary>
    public const string FileName = "grid.md";

    /// <summary>The Markdown text of the grid's results.</summary>
    public static string Markdown(Experiment experiment, RunnerSettings settings, IReadOnlyList<RunGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(groups);
        string loss = experiment.FollowsValidation ? "validation" : "training";
        var text = new StringBuilder();
        text.Append("# ").Append(experiment.Name).Append(": the comparison protocol\n\n");
        text.Append($"Every optimizer at η × {string.Join(", ", Numbers(RunnerSettings.GridLearningRateFactors))} of its setting, Gauss-Newton also at ")
            .Append($"τ = {string.Join(", ", Numbers(RunnerSettings.GridGaussNewtonTaus))}; {settings.Budget} per run, {settings.Precision.Name()}, ")
            .Append($"medians over {settings.SeedCount} seed(s) ({string.Join(", ", settings.Seeds)}). Bold: each optimizer's best grid value ")
            .Append($"(lowest median final {loss} loss).\n\n");
        foreach (IExperimentCase @case in settings.Cases)
        {
            string threshold = experiment.ThresholdLabel(@case);
            text.Append("## ").Append(experiment.CaseColumn).Append(" = ").Append(@case.Cell).Append("\n\n");
            var header = new List<string> { "optimizer", "η", "τ", "batch", $"final {loss} loss, median (min–max)", $"reached {threshold}", $"t→{threshold} [s]", $"steps→{threshold}", "steps" };
            foreach (RunMetric metric in experiment.GridMetrics)
            {
                header.Add(metric.Name.Replace('_', ' '));
            }

            text.Append("| ").Append(string.Join(" | ", header)).Append(" |\n|").Append(string.Concat(Repeat("---|", header.Count))).Append('\n');
            var best = new Dictionary<OptimizerKind, RunGroup>();
            foreach (RunGroup group in groups)
            {
                if (group.Case.Equals(@case)
                    && (!best.TryGetValue(group.Optimizer.Kind, out RunGroup? current) || Final(group) < Final(current) || double.IsNaN(Final(current))))
                {
                    best[group.Optimizer.Kind] = group;
                }
            }

            foreach (RunGroup group in groups)
            {
                if (!group.Case.Equals(@case))
                {
                    continue;
                }

                bool isBest = best.TryGetValue(group.Optimizer.Kind, out RunGroup? b) && ReferenceEquals(b, group);
                string Bold(string cell) => isBest ? $"**{cell}**" : cell;
                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                foreach (RunResult run in group.Runs)
                {
                    min = Math.Min(min, group.FinalLoss(run));
                    max = Math.Max(max, group.FinalLoss(run));
                }

                double seconds = group.Median(group.SecondsToThreshold), steps = group.Median(group.IterationsToThreshold);
                var cells = new List<string>
                {
                    group.Optimizer.KindLabel,
                    Invariant.Number(group.Optimizer.LearningRate),
                    group.Optimizer.Kind == OptimizerKind.Adam ? "-" : Invariant.Number(group.Optimizer.CutoffRelative),
                    Invariant.Number(group.Optimizer.BatchSize),
                    Bold($"{Invariant.Short(Final(group))} ({Invariant.Short(min)}–{Invariant.Short(max)})"),
                    $"{group.RunsReachingThreshold}/{group.Runs.Count}",
                    double.IsFinite(seconds) ? Invariant.Seconds(seconds) : "never",
                    double.IsFinite(steps) ? ResultTable.Whole(steps) : "never",
                    ResultTable.Whole(group.Median(r => r.Iterations)),
                };
                foreach (RunMetric metric in experiment.GridMetrics)
                {
                    cells.Add(Invariant.Short(group.Median(r => metric.Value(group, r))));
                }

                text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static double Final(RunGroup group) => group.Median(group.FinalLoss);

    private static IEnumerable<string> Numbers(IReadOnlyList<double> values)
    {
        foreach (double value in values)
        {
            yield return Invariant.Number(value);
        }
    }

    private static IEnumerable<string> Repeat(string text, int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return text;
        }
    }
}
