// Plot and FigureCanvas: the building blocks of the experiments' figures. A FigureCanvas is an SVG document with a
// title, a subtitle and one centred legend above up to three plot panels side by side; a Plot is one panel: frame,
// grid lines, ticks and their labels, axis labels and title, and a group clipped to the plot area into which series,
// bands, lines and dots are drawn in data coordinates. Lines break wherever a value cannot be shown on its scale (NaN,
// or ≤ 0 on a log axis); points far outside are clamped so renderers never see huge coordinates.
using System;
using System.Collections.Generic;

namespace Hig.Bench.Experiments.Runner.Figure;

/// <summary>A legend entry's symbol.</summary>
internal enum LegendSymbol
{
    /// <summary>A solid line.</summary>
    Line,

    /// <summary>A dashed line.</summary>
    Dashed,

    /// <summary>A dot.</summary>
    Dot,

    /// <summary>A translucent band behind a line.</summary>
    Band,
}

/// <summary>The SVG document of a figure with up to three panels side by side.</summary>
internal sealed class FigureCanvas
{
    /// <summary>The document's width and height in pixels.</summary>
    public const double Width = 1400, Height = 510;

    /// <summary>The plot areas' top, height and width.</summary>
    public const double PlotTop = 112, PlotHeight = 320, PlotWidth = 360;

    /// <summary>The left edges of the three panels.</summary>
    public static readonly double[] PlotLefts = [85, 545, 1005];

    /// <summary>Axis and text grey, grid grey.</summary>
    public const string AxisColour = "#404040", GridColour = "#e6e6e6";

    private const string Font = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /// <summary>Starts the document with its title and subtitle.</summary>
    public FigureCanvas(string title, string subtitle)
    {
        Svg = new SvgBuilder(Width, Height, Font);
        Svg.Text(Width / 2, 30, title, 19, "middle", extra: "font-weight=\"bold\"");
        Svg.Text(Width / 2, 52, subtitle, 13, "middle", extra: $"fill=\"{AxisColour}\"");
    }

    /// <summary>The document being built.</summary>
    public SvgBuilder Svg { get; }

    /// <summary>The colour of an optimizer, the same in every panel and figure.</summary>
    public static string Colour(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Adam => "#1f77b4",
        OptimizerKind.GaussNewton => "#d62728",
        _ => "#2ca02c",
    };

    /// <summary>One legend, centred under the subtitle (group id "legend").</summary>
    public void Legend(IReadOnlyList<(string Label, LegendSymbol Symbol, string Colour)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Svg.BeginGroup("id=\"legend\"");
        double entryWidth = 0;
        foreach ((string label, _, _) in entries)
        {
            entryWidth += EntryWidth(label);
        }

        double x = (Width - entryWidth) / 2, y = 80;
        foreach ((string label, LegendSymbol symbol, string colour) in entries)
        {
            switch (symbol)
            {
                case LegendSymbol.Line:
                    Svg.Line(x, y - 4, x + 24, y - 4, $"stroke=\"{colour}\" stroke-width=\"3\"");
                    break;
                case LegendSymbol.Dashed:
                    Svg.Line(x, y - 4, x + 24, y - 4, $"stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"5,4\"");
                    break;
                case LegendSymbol.Band:
                    Svg.Rect(x, y - 10, 24, 12, $"fill=\"{colour}\" fill-opacity=\"0.15\" stroke=\"none\"");
                    Svg.Line(x, y - 4, x + 24, y - 4, $"stroke=\"{colour}\" stroke-width=\"2\"");
                    break;
                default:
                    Svg.Circle(x + 12, y - 4, 5.5, $"fill=\"{colour}\"");
                    break;
            }

            Svg.Text(x + 30, y, label, 13);
            x += EntryWidth(label);
        }

        Svg.EndGroup();
    }

    /// <summary>Opens panel <paramref name="index"/> (0, 1, 2) with its axes; draw into the returned plot, then call <see cref="Plot.End"/>.</summary>
    public Plot Panel(int index, string id, string title, Func<double, double, IScale> x, Func<double, double, IScale> y, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double left = PlotLefts[index];
        return new Plot(Svg, id, title, left, x(left, left + PlotWidth), y(PlotTop + PlotHeight, PlotTop), xLabel, yLabel);
    }

    /// <summary>Closes the document and returns its text.</summary>
    public override string ToString() => Svg.ToString();

    /// <summary>The width of a legend entry: the symbol, a gap, the label (about 7.2 px a character at 13 px) and a margin.</summary>
    private static double EntryWidth(string label) => 30 + (label.Length * 7.2) + 26;
}

/// <summary>One panel of a figure: axes drawn, a clipped group open for the data.</summary>
internal sealed class Plot
{
    private readonly SvgBuilder _svg;

    /// <summary>Frame, grid, ticks, labels and title of a panel; leaves a group clipped to the plot area open.</summary>
    public Plot(SvgBuilder svg, string id, string title, double left, IScale x, IScale y, string xLabel, string yLabel)
    {
        _svg = svg;
        X = x;
        Y = y;
        double top = FigureCanvas.PlotTop, bottom = top + FigureCanvas.PlotHeight, width = FigureCanvas.PlotWidth, right = left + width;
        svg.BeginGroup($"id=\"{id}\" class=\"panel\"");
        svg.Text(left + (width / 2), top - 10, title, 15, "middle", extra: "font-weight=\"bold\"");
        foreach (Tick tick in x.Ticks())
        {
            double px = x.Map(tick.Value);
            if (tick.Major)
            {
                svg.Line(px, top, px, bottom, $"stroke=\"{FigureCanvas.GridColour}\" stroke-width=\"1\"");
                svg.Line(px, bottom, px, bottom + 5, $"stroke=\"{FigureCanvas.AxisColour}\" stroke-width=\"1\"");
                svg.Text(px, bottom + 20, tick.Label, 12, "middle");
            }
            else
            {
                svg.Line(px, bottom, px, bottom + 3, $"stroke=\"{FigureCanvas.AxisColour}\" stroke-width=\"0.8\"");
            }
        }

        foreach (Tick tick in y.Ticks())
        {
            double py = y.Map(tick.Value);
            if (tick.Major)
            {
                svg.Line(left, py, right, py, $"stroke=\"{FigureCanvas.GridColour}\" stroke-width=\"1\"");
                svg.Line(left - 5, py, left, py, $"stroke=\"{FigureCanvas.AxisColour}\" stroke-width=\"1\"");
                svg.Text(left - 8, py + 4, tick.Label, 12, "end");
            }
            else
            {
                svg.Line(left - 3, py, left, py, $"stroke=\"{FigureCanvas.AxisColour}\" stroke-width=\"0.8\"");
            }
        }

        svg.Rect(left, top, width, FigureCanvas.PlotHeight, $"fill=\"none\" stroke=\"{FigureCanvas.AxisColour}\" stroke-width=\"1\"");
        svg.Text(left + (width / 2), bottom + 42, xLabel, 13, "middle");
        svg.Text(left - 58, top + (FigureCanvas.PlotHeight / 2), yLabel, 13, "middle", rotate: -90);
        svg.ClipRect(id + "-clip", left, top, width, FigureCanvas.PlotHeight);
        svg.BeginGroup($"clip-path=\"url(#{id}-clip)\"");
    }

    /// <summary>The horizontal scale.</summary>
    public IScale X { get; }

    /// <summary>The vertical scale.</summary>
    public IScale Y { get; }

    /// <summary>A line through the points (data coordinates), broken wherever a value cannot be shown.</summary>
    public void Series(IReadOnlyList<(double X, double Y)> points, string colour, double width, string extraStyle = "")
    {
        ArgumentNullException.ThrowIfNull(points);
        string style = $"stroke=\"{colour}\" stroke-width=\"{SvgBuilder.N(width)}\" stroke-linejoin=\"round\" stroke-linecap=\"round\" {extraStyle}".TrimEnd();
        var segment = new List<(double, double)>();
        foreach ((double vx, double vy) in points)
        {
            if (X.CanShow(vx) && Y.CanShow(vy))
            {
                segment.Add(Pixel(vx, vy));
                continue;
            }

            _svg.Polyline(segment, style);
            segment.Clear();
        }

        _svg.Polyline(segment, style);
    }

    /// <summary>A translucent band between an upper and a lower line over the same x values (points that cannot be shown are skipped).</summary>
    public void Band(IReadOnlyList<(double X, double Upper, double Lower)> points, string colour, double opacity)
    {
        ArgumentNullException.ThrowIfNull(points);
        var outline = new List<(double, double)>(2 * points.Count);
        foreach ((double x, double upper, _) in points)
        {
            if (X.CanShow(x) && Y.CanShow(upper))
            {
                outline.Add(Pixel(x, upper));
            }
        }

        for (int i = points.Count - 1; i >= 0; i--)
        {
            (double x, _, double lower) = points[i];
            if (X.CanShow(x) && Y.CanShow(lower))
            {
                outline.Add(Pixel(x, lower));
            }
        }

        _svg.Polygon(outline, $"fill=\"{colour}\" fill-opacity=\"{SvgBuilder.N(opacity)}\" stroke=\"none\"");
    }

    /// <summary>A straight line between two points in data coordinates.</summary>
    public void Line(double x1, double y1, double x2, double y2, string style)
    {
        (double px1, double py1) = Pixel(x1, y1);
        (double px2, double py2) = Pixel(x2, y2);
        _svg.Line(px1, py1, px2, py2, style);
    }

    /// <summary>A dot at a point in data coordinates (nothing if it cannot be shown).</summary>
    public void Dot(double x, double y, double radius, string style)
    {
        if (X.CanShow(x) && Y.CanShow(y))
        {
            (double px, double py) = Pixel(x, y);
            _svg.Circle(px, py, radius, style);
        }
    }

    /// <summary>Closes the clipped group and the panel.</summary>
    public void End()
    {
        _svg.EndGroup();
        _svg.EndGroup();
    }

    private (double X, double Y) Pixel(double x, double y) =>
        (Math.Clamp(X.Map(x), -FigureCanvas.Width, 2 * FigureCanvas.Width), Math.Clamp(Y.Map(y), -FigureCanvas.Height, 2 * FigureCanvas.Height));
}

/// <summary>Loss curves over training time: one run's, or the median and range over seeds on a common time grid.</summary>
internal static class LossCurves
{
    /// <summary>The points (training seconds, loss) of one run's rows.</summary>
    public static List<(double X, double Y)> OfRun(RunResult run, bool validation)
    {
        ArgumentNullException.ThrowIfNull(run);
        var points = new List<(double, double)>(run.Rows.Count);
        foreach (LogRow row in run.Rows)
        {
            points.Add((row.Seconds, row.Loss(validation)));
        }

        return points;
    }

    /// <summary>
    /// The median and the min…max over seeds on <paramref name="samples"/> evenly spaced times from 0 to the longest
    /// run's end; a seed's value at time t is its last logged loss at or before t (its final loss after its end).
    /// </summary>
    public static List<(double X, double Median, double Min, double Max)> OverSeeds(IReadOnlyList<RunResult> runs, bool validation, int samples = 200)
    {
        ArgumentNullException.ThrowIfNull(runs);
        double end = 0;
        foreach (RunResult run in runs)
        {
            end = Math.Max(end, run.Final.Seconds);
        }

        var curve = new List<(double, double, double, double)>(samples + 1);
        var values = new double[runs.Count];
        var next = new int[runs.Count];
        for (int s = 0; s <= samples; s++)
        {
            double t = end * s / samples;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int r = 0; r < runs.Count; r++)
            {
                IReadOnlyList<LogRow> rows = runs[r].Rows;
                while (next[r] + 1 < rows.Count && rows[next[r] + 1].Seconds <= t)
                {
                    next[r]++;
                }

                values[r] = rows[next[r]].Loss(validation);
                min = Math.Min(min, values[r]);
                max = Math.Max(max, values[r]);
            }

            curve.Add((t, SeedStatistics.Median(values), min, max));
        }

        return curve;
    }

    /// <summary>The lowest and highest positive finite loss of the runs (for a log axis), within [low, high] at least.</summary>
    public static (double Low, double High) Range(IEnumerable<RunResult> runs, bool validation, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(runs);
        foreach (RunResult run in runs)
        {
            foreach (LogRow row in run.Rows)
            {
                double loss = row.Loss(validation);
                if (loss > 0 && double.IsFinite(loss))
                {
                    low = Math.Min(low, loss);
                    high = Math.Max(high, loss);
                }
            }
        }

        return (low, high);
    }

    /// <summary>The longest training time among the runs (the time axis' end).</summary>
    public static double TimeMax(IEnumerable<RunResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        double max = 0;
        foreach (RunResult run in runs)
        {
            max = Math.Max(max, run.Final.Seconds);
        }

        return max;
    }

}
