// ToyFigure: the chapter's three panels for one λ, side by side, from one representative seed (the first):
//   1. validation loss (log axis) against training wall-clock time, with the 1e-2 threshold dashed;
//   2. the hidden tanh activations' mean (line) ± standard deviation (band) over the validation inputs, against time;
//   3. the tracked sample's path in y-space from the initial network's output (grey) to the target ŷ (black dot).
// One colour per optimizer in all panels, one legend for the figure. Data outside a panel's range is clipped to it.
using System;
using System.Collections.Generic;
using Hig.Bench.Experiments.Toy.Output;

namespace Hig.Bench.Experiments.Toy.Figure;

/// <summary>Draws the three-panel figure of one λ as SVG text.</summary>
internal static class ToyFigure
{
    private const double Width = 1400, Height = 510;
    private const double PlotTop = 112, PlotHeight = 320, PlotWidth = 360;
    private static readonly double[] PlotLefts = [85, 545, 1005];
    private const string Font = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private const string StartColour = "#a0a0a0", TargetColour = "#000000", AxisColour = "#404040", GridColour = "#e6e6e6";

    /// <summary>The colour of an optimizer, the same in every panel and figure.</summary>
    public static string Colour(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Adam => "#1f77b4",
        OptimizerKind.GaussNewton => "#d62728",
        _ => "#2ca02c",
    };

    /// <summary>The figure file name of a λ: toy-lambda-{λ}.svg.</summary>
    public static string FileName(double lambda) => $"toy-lambda-{Invariant.Number(lambda)}.svg";

    /// <summary>
    /// The SVG of λ = <paramref name="lambda"/>: one run per optimizer (same seed, so the same initial network).
    /// </summary>
    /// <param name="lambda">λ, for the title.</param>
    /// <param name="runs">One run per optimizer, in legend order.</param>
    /// <param name="settings">The settings (threshold, tracked input, budget) for labels.</param>
    public static string Draw(double lambda, IReadOnlyList<RunResult> runs, ToySettings settings)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(settings);
        var svg = new SvgBuilder(Width, Height, Font);
        ulong seed = runs.Count > 0 ? runs[0].Spec.Seed : settings.Seed;
        var labels = new List<string>();
        foreach (RunResult run in runs)
        {
            labels.Add(run.Spec.Optimizer.Label);
        }

        svg.Text(Width / 2, 30, $"Toy example, λ = {Invariant.Number(lambda)}: {string.Join(" vs ", labels)}", 19, "middle", extra: "font-weight=\"bold\"");
        svg.Text(Width / 2, 52,
            $"MLP 1→7 tanh→2, y = (f₁, λ·f₂), target (sin 6x, cos 9x); batch {settings.BatchSize}; budget {settings.Budget} per optimizer; seed {seed}",
            13, "middle", extra: $"fill=\"{AxisColour}\"");
        DrawLegend(svg, runs, settings);

        double timeMax = 0;
        foreach (RunResult run in runs)
        {
            timeMax = Math.Max(timeMax, run.Final.Seconds);
        }

        DrawLossPanel(svg, runs, settings, timeMax);
        DrawActivationPanel(svg, runs, timeMax);
        DrawPathPanel(svg, runs, settings);
        return svg.ToString();
    }

    private static void DrawLegend(SvgBuilder svg, IReadOnlyList<RunResult> runs, ToySettings settings)
    {
        svg.BeginGroup("id=\"legend\"");
        var entries = new List<(string Label, string Kind, string Colour)>();
        foreach (RunResult run in runs)
        {
            entries.Add((run.Spec.Optimizer.Label, "line", Colour(run.Spec.Optimizer.Kind)));
        }

        entries.Add(($"validation loss {Invariant.Number(settings.Threshold)}", "dashed", "#808080"));
        entries.Add(("start (initial network)", "dot", StartColour));
        entries.Add(("target ŷ", "dot", TargetColour));
        double entryWidth = 0;
        foreach ((string label, _, _) in entries)
        {
            entryWidth += EntryWidth(label);
        }

        double x = (Width - entryWidth) / 2, y = 80;
        foreach ((string label, string kind, string colour) in entries)
        {
            switch (kind)
            {
                case "line":
                    svg.Line(x, y - 4, x + 24, y - 4, $"stroke=\"{colour}\" stroke-width=\"3\"");
                    break;
                case "dashed":
                    svg.Line(x, y - 4, x + 24, y - 4, $"stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"5,4\"");
                    break;
                default:
                    svg.Circle(x + 12, y - 4, 5.5, $"fill=\"{colour}\"");
                    break;
            }

            svg.Text(x + 30, y, label, 13);
            x += EntryWidth(label);
        }

        svg.EndGroup();
    }

    /// <summary>The width of a legend entry: the symbol, a gap, the label (about 7.2 px a character at 13 px) and a margin.</summary>
    private static double EntryWidth(string label) => 30 + (label.Length * 7.2) + 26;

    private static void DrawLossPanel(SvgBuilder svg, IReadOnlyList<RunResult> runs, ToySettings settings, double timeMax)
    {
        // The range always shows the threshold line clear of the frame.
        double low = settings.Threshold / 2, high = settings.Threshold * 2;
        foreach (RunResult run in runs)
        {
            foreach (LogRow row in run.Rows)
            {
                if (row.ValidationLoss > 0 && double.IsFinite(row.ValidationLoss))
                {
                    low = Math.Min(low, row.ValidationLoss);
                    high = Math.Max(high, row.ValidationLoss);
                }
            }
        }

        double left = PlotLefts[0];
        var x = new LinearScale(0, timeMax, left, left + PlotWidth, tight: true);
        var y = new LogScale(low, high, PlotTop + PlotHeight, PlotTop);
        BeginPanel(svg, "panel-loss", "Validation loss", left, x, y, "training wall-clock time [s]", "validation loss");
        svg.Line(left, y.Map(settings.Threshold), left + PlotWidth, y.Map(settings.Threshold), "stroke=\"#808080\" stroke-width=\"1.2\" stroke-dasharray=\"5,4\"");
        foreach (RunResult run in runs)
        {
            DrawSeries(svg, run.Rows, r => r.Seconds, r => r.ValidationLoss, x, y, Colour(run.Spec.Optimizer.Kind), 2);
        }

        EndPanel(svg);
    }

    private static void DrawActivationPanel(SvgBuilder svg, IReadOnlyList<RunResult> runs, double timeMax)
    {
        double low = -1, high = 1;
        foreach (RunResult run in runs)
        {
            foreach (LogRow row in run.Rows)
            {
                low = Math.Min(low, row.ActivationMean - row.ActivationStd);
                high = Math.Max(high, row.ActivationMean + row.ActivationStd);
            }
        }

        double left = PlotLefts[1];
        var x = new LinearScale(0, timeMax, left, left + PlotWidth, tight: true);
        var y = new LinearScale(low, high, PlotTop + PlotHeight, PlotTop);
        BeginPanel(svg, "panel-activations", "Hidden activations: mean ± std", left, x, y, "training wall-clock time [s]", "tanh activation");
        foreach (RunResult run in runs)
        {
            string colour = Colour(run.Spec.Optimizer.Kind);
            var band = new List<(double, double)>(2 * run.Rows.Count);
            foreach (LogRow row in run.Rows)
            {
                band.Add((x.Map(row.Seconds), y.Map(row.ActivationMean + row.ActivationStd)));
            }

            for (int i = run.Rows.Count - 1; i >= 0; i--)
            {
                band.Add((x.Map(run.Rows[i].Seconds), y.Map(run.Rows[i].ActivationMean - run.Rows[i].ActivationStd)));
            }

            svg.Polygon(band, $"fill=\"{colour}\" fill-opacity=\"0.12\" stroke=\"none\"");
        }

        foreach (RunResult run in runs)
        {
            // Thin edges keep each band readable where the bands overlap.
            string colour = Colour(run.Spec.Optimizer.Kind);
            DrawSeries(svg, run.Rows, r => r.Seconds, r => r.ActivationMean + r.ActivationStd, x, y, colour, 0.8, "stroke-opacity=\"0.6\"");
            DrawSeries(svg, run.Rows, r => r.Seconds, r => r.ActivationMean - r.ActivationStd, x, y, colour, 0.8, "stroke-opacity=\"0.6\"");
        }

        foreach (RunResult run in runs)
        {
            DrawSeries(svg, run.Rows, r => r.Seconds, r => r.ActivationMean, x, y, Colour(run.Spec.Optimizer.Kind), 2);
        }

        EndPanel(svg);
    }

    private static void DrawPathPanel(SvgBuilder svg, IReadOnlyList<RunResult> runs, ToySettings settings)
    {
        (double targetY1, double targetY2) = ToyProblem.Target(settings.TrackedInput);
        LogRow start = runs.Count > 0 ? runs[0].Rows[0] : default;
        // The range: start, target and every final output, widened to the whole paths but at most to three times
        // that core box, so one wild early step of an optimizer does not shrink everything else to a dot.
        double coreLow1 = Math.Min(start.Y1, targetY1), coreHigh1 = Math.Max(start.Y1, targetY1);
        double coreLow2 = Math.Min(start.Y2, targetY2), coreHigh2 = Math.Max(start.Y2, targetY2);
        foreach (RunResult run in runs)
        {
            coreLow1 = Math.Min(coreLow1, run.Final.Y1);
            coreHigh1 = Math.Max(coreHigh1, run.Final.Y1);
            coreLow2 = Math.Min(coreLow2, run.Final.Y2);
            coreHigh2 = Math.Max(coreHigh2, run.Final.Y2);
        }

        double span1 = Math.Max(coreHigh1 - coreLow1, 0.2), span2 = Math.Max(coreHigh2 - coreLow2, 0.2);
        double low1 = coreLow1 - (0.1 * span1), high1 = coreHigh1 + (0.1 * span1), low2 = coreLow2 - (0.1 * span2), high2 = coreHigh2 + (0.1 * span2);
        foreach (RunResult run in runs)
        {
            foreach (LogRow row in run.Rows)
            {
                if (!double.IsFinite(row.Y1) || !double.IsFinite(row.Y2))
                {
                    continue;
                }

                low1 = Math.Max(Math.Min(low1, row.Y1), coreLow1 - span1);
                high1 = Math.Min(Math.Max(high1, row.Y1), coreHigh1 + span1);
                low2 = Math.Max(Math.Min(low2, row.Y2), coreLow2 - span2);
                high2 = Math.Min(Math.Max(high2, row.Y2), coreHigh2 + span2);
            }
        }

        double left = PlotLefts[2];
        var x = new LinearScale(low1, high1, left, left + PlotWidth);
        var y = new LinearScale(low2, high2, PlotTop + PlotHeight, PlotTop);
        BeginPanel(svg, "panel-path", $"Output for x = {Invariant.Number(settings.TrackedInput)} in y-space", left, x, y, "y₁", "y₂ = λ·f₂");
        foreach (RunResult run in runs)
        {
            string colour = Colour(run.Spec.Optimizer.Kind);
            DrawSeries(svg, run.Rows, r => r.Y1, r => r.Y2, x, y, colour, 1.6);
            foreach (LogRow row in run.Rows)
            {
                if (double.IsFinite(row.Y1) && double.IsFinite(row.Y2))
                {
                    svg.Circle(x.Map(row.Y1), y.Map(row.Y2), 1.8, $"fill=\"{colour}\" fill-opacity=\"0.7\"");
                }
            }
        }

        svg.Circle(x.Map(start.Y1), y.Map(start.Y2), 6, $"fill=\"{StartColour}\" stroke=\"#ffffff\" stroke-width=\"1\"");
        svg.Circle(x.Map(targetY1), y.Map(targetY2), 6, $"fill=\"{TargetColour}\" stroke=\"#ffffff\" stroke-width=\"1\"");
        EndPanel(svg);
    }

    /// <summary>Frame, grid, ticks, labels and title of a panel; leaves a group clipped to the plot area open.</summary>
    private static void BeginPanel(SvgBuilder svg, string id, string title, double left, LinearScale x, IScale y, string xLabel, string yLabel)
    {
        double bottom = PlotTop + PlotHeight, right = left + PlotWidth;
        svg.BeginGroup($"id=\"{id}\" class=\"panel\"");
        svg.Text(left + (PlotWidth / 2), PlotTop - 10, title, 15, "middle", extra: "font-weight=\"bold\"");
        foreach (Tick tick in x.Ticks())
        {
            double px = x.Map(tick.Value);
            svg.Line(px, PlotTop, px, bottom, $"stroke=\"{GridColour}\" stroke-width=\"1\"");
            svg.Line(px, bottom, px, bottom + 5, $"stroke=\"{AxisColour}\" stroke-width=\"1\"");
            svg.Text(px, bottom + 20, tick.Label, 12, "middle");
        }

        foreach (Tick tick in y.Ticks())
        {
            double py = y.Map(tick.Value);
            if (tick.Major)
            {
                svg.Line(left, py, right, py, $"stroke=\"{GridColour}\" stroke-width=\"1\"");
                svg.Line(left - 5, py, left, py, $"stroke=\"{AxisColour}\" stroke-width=\"1\"");
                svg.Text(left - 8, py + 4, tick.Label, 12, "end");
            }
            else
            {
                svg.Line(left - 3, py, left, py, $"stroke=\"{AxisColour}\" stroke-width=\"0.8\"");
            }
        }

        svg.Rect(left, PlotTop, PlotWidth, PlotHeight, $"fill=\"none\" stroke=\"{AxisColour}\" stroke-width=\"1\"");
        svg.Text(left + (PlotWidth / 2), bottom + 42, xLabel, 13, "middle");
        svg.Text(left - 58, PlotTop + (PlotHeight / 2), yLabel, 13, "middle", rotate: -90);
        svg.ClipRect(id + "-clip", left, PlotTop, PlotWidth, PlotHeight);
        svg.BeginGroup($"clip-path=\"url(#{id}-clip)\"");
    }

    private static void EndPanel(SvgBuilder svg)
    {
        svg.EndGroup();
        svg.EndGroup();
    }

    /// <summary>A line through the rows' points, broken wherever a value cannot be shown on its scale.</summary>
    private static void DrawSeries(SvgBuilder svg, IReadOnlyList<LogRow> rows, Func<LogRow, double> xOf, Func<LogRow, double> yOf,
        LinearScale x, IScale y, string colour, double width, string extraStyle = "")
    {
        string style = $"stroke=\"{colour}\" stroke-width=\"{SvgBuilder.N(width)}\" stroke-linejoin=\"round\" stroke-linecap=\"round\" {extraStyle}".TrimEnd();
        var segment = new List<(double, double)>();
        foreach (LogRow row in rows)
        {
            double vx = xOf(row), vy = yOf(row);
            if (x.CanShow(vx) && y.CanShow(vy))
            {
                // Points far outside are clipped anyway; bounding them keeps renderers away from huge coordinates.
                segment.Add((Math.Clamp(x.Map(vx), -Width, 2 * Width), Math.Clamp(y.Map(vy), -Height, 2 * Height)));
                continue;
            }

            svg.Polyline(segment, style);
            segment.Clear();
        }

        svg.Polyline(segment, style);
    }
}
