// ToyFigure: the chapter's three panels for one λ, side by side, from one representative seed (the first):
//   1. validation loss (log axis) against training wall-clock time, with the 1e-2 threshold dashed;
//   2. the hidden tanh activations' mean (line) ± standard deviation (band) over the validation inputs, against time;
//   3. the tracked sample's path in y-space from the initial network's output (grey) to the target ŷ (black dot).
// One colour per optimizer in all panels, one legend for the figure (the runner's FigureCanvas and Plot).
using System;
using System.Collections.Generic;
using Hig.Bench.Experiments.Runner;
using Hig.Bench.Experiments.Runner.Figure;
using Hig.Bench.Experiments.Runner.Output;

namespace Hig.Bench.Experiments.Toy.Figure;

/// <summary>Draws the three-panel figure of one λ as SVG text.</summary>
internal static class ToyFigure
{
    private const string StartColour = "#a0a0a0", TargetColour = "#000000";

    /// <summary>The figure file name of a λ: toy-lambda-{λ}.svg.</summary>
    public static string FileName(double lambda) => $"toy-lambda-{Invariant.Number(lambda)}.svg";

    /// <summary>The SVG of λ = <paramref name="lambda"/>: one run per optimizer (same seed, so the same initial network).</summary>
    /// <param name="lambda">λ, for the title.</param>
    /// <param name="runs">One run per optimizer, in legend order.</param>
    /// <param name="settings">The settings (budget, seed) for labels.</param>
    /// <param name="threshold">The validation loss drawn dashed.</param>
    /// <param name="trackedInput">The input whose output path panel 3 shows.</param>
    public static string Draw(double lambda, IReadOnlyList<RunResult> runs, RunnerSettings settings, double threshold, double trackedInput)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(settings);
        ulong seed = runs.Count > 0 ? runs[0].Spec.Seed : settings.Seed;
        var labels = new List<string>();
        var legend = new List<(string, LegendSymbol, string)>();
        foreach (RunResult run in runs)
        {
            labels.Add(run.Spec.Optimizer.Label);
            legend.Add((run.Spec.Optimizer.Label, LegendSymbol.Line, FigureCanvas.Colour(run.Spec.Optimizer.Kind)));
        }

        string batch = runs.Count > 0 ? Invariant.Number(runs[0].Spec.Optimizer.BatchSize) : "-";
        var canvas = new FigureCanvas($"Toy example, λ = {Invariant.Number(lambda)}: {string.Join(" vs ", labels)}",
            $"MLP 1→7 tanh→2, y = (f₁, λ·f₂), target (sin 6x, cos 9x); batch {batch}; budget {settings.Budget} per optimizer; seed {seed}");
        legend.Add(($"validation loss {Invariant.Number(threshold)}", LegendSymbol.Dashed, "#808080"));
        legend.Add(("start (initial network)", LegendSymbol.Dot, StartColour));
        legend.Add(("target ŷ", LegendSymbol.Dot, TargetColour));
        canvas.Legend(legend);

        double timeMax = LossCurves.TimeMax(runs);
        DrawLossPanel(canvas, runs, threshold, timeMax);
        DrawActivationPanel(canvas, runs, timeMax);
        DrawPathPanel(canvas, runs, trackedInput);
        return canvas.ToString();
    }

    private static void DrawLossPanel(FigureCanvas canvas, IReadOnlyList<RunResult> runs, double threshold, double timeMax)
    {
        // The range always shows the threshold line clear of the frame.
        (double low, double high) = LossCurves.Range(runs, validation: true, threshold / 2, threshold * 2);
        Plot plot = canvas.Panel(0, "panel-loss", "Validation loss", (a, b) => new LinearScale(0, timeMax, a, b, tight: true), (a, b) => new LogScale(low, high, a, b),
            "training wall-clock time [s]", "validation loss");
        plot.Line(0, threshold, timeMax, threshold, "stroke=\"#808080\" stroke-width=\"1.2\" stroke-dasharray=\"5,4\"");
        foreach (RunResult run in runs)
        {
            plot.Series(LossCurves.OfRun(run, validation: true), FigureCanvas.Colour(run.Spec.Optimizer.Kind), 2);
        }

        plot.End();
    }

    private static void DrawActivationPanel(FigureCanvas canvas, IReadOnlyList<RunResult> runs, double timeMax)
    {
        double low = -1, high = 1;
        foreach (RunResult run in runs)
        {
            foreach (LogRow row in run.Rows)
            {
                low = Math.Min(low, row.Extras[ToyColumns.Mean] - row.Extras[ToyColumns.Std]);
                high = Math.Max(high, row.Extras[ToyColumns.Mean] + row.Extras[ToyColumns.Std]);
            }
        }

        Plot plot = canvas.Panel(1, "panel-activations", "Hidden activations: mean ± std", (a, b) => new LinearScale(0, timeMax, a, b, tight: true),
            (a, b) => new LinearScale(low, high, a, b), "training wall-clock time [s]", "tanh activation");
        foreach (RunResult run in runs)
        {
            var band = new List<(double, double, double)>(run.Rows.Count);
            foreach (LogRow row in run.Rows)
            {
                double mean = row.Extras[ToyColumns.Mean], std = row.Extras[ToyColumns.Std];
                band.Add((row.Seconds, mean + std, mean - std));
            }

            plot.Band(band, FigureCanvas.Colour(run.Spec.Optimizer.Kind), 0.12);
        }

        foreach (RunResult run in runs)
        {
            // Thin edges keep each band readable where the bands overlap.
            string colour = FigureCanvas.Colour(run.Spec.Optimizer.Kind);
            plot.Series(Points(run, r => r.Seconds, r => r.Extras[ToyColumns.Mean] + r.Extras[ToyColumns.Std]), colour, 0.8, "stroke-opacity=\"0.6\"");
            plot.Series(Points(run, r => r.Seconds, r => r.Extras[ToyColumns.Mean] - r.Extras[ToyColumns.Std]), colour, 0.8, "stroke-opacity=\"0.6\"");
        }

        foreach (RunResult run in runs)
        {
            plot.Series(Points(run, r => r.Seconds, r => r.Extras[ToyColumns.Mean]), FigureCanvas.Colour(run.Spec.Optimizer.Kind), 2);
        }

        plot.End();
    }

    private static void DrawPathPanel(FigureCanvas canvas, IReadOnlyList<RunResult> runs, double trackedInput)
    {
        (double targetY1, double targetY2) = ToyProblem.Target(trackedInput);
        double startY1 = runs.Count > 0 ? runs[0].Rows[0].Extras[ToyColumns.Y1] : 0, startY2 = runs.Count > 0 ? runs[0].Rows[0].Extras[ToyColumns.Y2] : 0;
        // The range: start, target and every final output, widened to the whole paths but at most to three times
        // that core box, so one wild early step of an optimizer does not shrink everything else to a dot.
        double coreLow1 = Math.Min(startY1, targetY1), coreHigh1 = Math.Max(startY1, targetY1);
        double coreLow2 = Math.Min(startY2, targetY2), coreHigh2 = Math.Max(startY2, targetY2);
        foreach (RunResult run in runs)
        {
            coreLow1 = Math.Min(coreLow1, run.Final.Extras[ToyColumns.Y1]);
            coreHigh1 = Math.Max(coreHigh1, run.Final.Extras[ToyColumns.Y1]);
            coreLow2 = Math.Min(coreLow2, run.Final.Extras[ToyColumns.Y2]);
            coreHigh2 = Math.Max(coreHigh2, run.Final.Extras[ToyColumns.Y2]);
        }

        double span1 = Math.Max(coreHigh1 - coreLow1, 0.2), span2 = Math.Max(coreHigh2 - coreLow2, 0.2);
        double low1 = coreLow1 - (0.1 * span1), high1 = coreHigh1 + (0.1 * span1), low2 = coreLow2 - (0.1 * span2), high2 = coreHigh2 + (0.1 * span2);
        foreach (RunResult run in runs)
        {
            foreach (LogRow row in run.Rows)
            {
                double y1 = row.Extras[ToyColumns.Y1], y2 = row.Extras[ToyColumns.Y2];
                if (!double.IsFinite(y1) || !double.IsFinite(y2))
                {
                    continue;
                }

                low1 = Math.Max(Math.Min(low1, y1), coreLow1 - span1);
                high1 = Math.Min(Math.Max(high1, y1), coreHigh1 + span1);
                low2 = Math.Max(Math.Min(low2, y2), coreLow2 - span2);
                high2 = Math.Min(Math.Max(high2, y2), coreHigh2 + span2);
            }
        }

        Plot plot = canvas.Panel(2, "panel-path", $"Output for x = {Invariant.Number(trackedInput)} in y-space", (a, b) => new LinearScale(low1, high1, a, b),
            (a, b) => new LinearScale(low2, high2, a, b), "y₁", "y₂ = λ·f₂");
        foreach (RunResult run in runs)
        {
            string colour = FigureCanvas.Colour(run.Spec.Optimizer.Kind);
            plot.Series(Points(run, r => r.Extras[ToyColumns.Y1], r => r.Extras[ToyColumns.Y2]), colour, 1.6);
            foreach (LogRow row in run.Rows)
            {
                plot.Dot(row.Extras[ToyColumns.Y1], row.Extras[ToyColumns.Y2], 1.8, $"fill=\"{colour}\" fill-opacity=\"0.7\"");
            }
        }

        plot.Dot(startY1, startY2, 6, $"fill=\"{StartColour}\" stroke=\"#ffffff\" stroke-width=\"1\"");
        plot.Dot(targetY1, targetY2, 6, $"fill=\"{TargetColour}\" stroke=\"#ffffff\" stroke-width=\"1\"");
        plot.End();
    }

    private static List<(double X, double Y)> Points(RunResult run, Func<LogRow, double> x, Func<LogRow, double> y)
    {
        var points = new List<(double, double)>(run.Rows.Count);
        foreach (LogRow row in run.Rows)
        {
            points.Add((x(row), y(row)));
        }

        return points;
    }
}
