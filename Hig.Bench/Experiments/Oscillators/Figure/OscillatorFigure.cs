// OscillatorFigure: one variant's three panels, side by side, like the notebook's plots:
//   1. training loss (log axis) against training wall-clock time: per optimizer the median over seeds (line) and the
//      range over seeds (band), each seed's loss held from one logged step to the next;
//   2. for one sample (the first test state s*), the controls u(t) of the untrained network (grey) and of each
//      optimizer's trained network (first seed), held constant over each RK4 step;
//   3. the trajectories x₁(t) (dashed) and x₂(t) (solid, the driven oscillator) they produce from s₀ = s*; the black
//      dots are s*'s positions at t = T, where the trained networks should bring the chain back.
// Built from the runner's FigureCanvas and Plot; one colour per optimizer.
using System;
using System.Collections.Generic;
using Hig.Bench.Experiments.Runner;
using Hig.Bench.Experiments.Runner.Figure;
using Hig.Bench.Experiments.Runner.Output;

namespace Hig.Bench.Experiments.Oscillators.Figure;

/// <summary>Draws the three-panel figure of one variant as SVG text.</summary>
internal static class OscillatorFigure
{
    private const string UntrainedColour = "#a0a0a0", TargetColour = "#000000";

    /// <summary>The figure file name of a variant: oscillators-{variant}.svg.</summary>
    public static string FileName(OscillatorCase @case) => $"oscillators-{@case.Key}.svg";

    /// <summary>The SVG of one variant.</summary>
    /// <param name="case">The variant.</param>
    /// <param name="groups">The variant's groups, one per optimizer, in legend order.</param>
    /// <param name="settings">The settings (budget, seeds) for labels.</param>
    /// <param name="duration">T = Nt·Δt, the simulated time.</param>
    public static string Draw(OscillatorCase @case, IReadOnlyList<RunGroup> groups, RunnerSettings settings, double duration)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(settings);
        var labels = new List<string>();
        var legend = new List<(string, LegendSymbol, string)>();
        foreach (RunGroup group in groups)
        {
            labels.Add(group.Optimizer.Label);
            legend.Add(($"{group.Optimizer.Label} (b={group.Optimizer.BatchSize})", LegendSymbol.Band, FigureCanvas.Colour(group.Optimizer.Kind)));
        }

        legend.Add(("untrained network", LegendSymbol.Line, UntrainedColour));
        legend.Add(("x₂ (driven)", LegendSymbol.Line, TargetColour));
        legend.Add(("x₁", LegendSymbol.Dashed, TargetColour));
        legend.Add(("s* at t = T", LegendSymbol.Dot, TargetColour));
        string chain = @case.Variant == OscillatorVariant.Linear ? "linear chain (book): 24 RK4 steps of 0.5, tanh controller" : "cubic chain (paper): 96 RK4 steps of 0.125, ReLU controller";
        var canvas = new FigureCanvas($"Coupled oscillators, {@case.Key}: {string.Join(" vs ", labels)}",
            $"{chain}; return to s* after T = {Invariant.Number(duration)}; {settings.Budget} per run, {settings.Precision.Name()}; "
            + $"band: {settings.SeedCount} seeds, panels 2–3: seed {settings.Seed}");
        canvas.Legend(legend);

        DrawLossPanel(canvas, groups);
        IReadOnlyList<RunResult> first = FirstSeed(groups, settings.Seed);
        DrawControlPanel(canvas, first, duration);
        DrawTrajectoryPanel(canvas, first, duration);
        return canvas.ToString();
    }

    private static void DrawLossPanel(FigureCanvas canvas, IReadOnlyList<RunGroup> groups)
    {
        var runs = new List<RunResult>();
        foreach (RunGroup group in groups)
        {
            runs.AddRange(group.Runs);
        }

        (double low, double high) = LossCurves.Range(runs, validation: false, double.PositiveInfinity, double.NegativeInfinity);
        double timeMax = LossCurves.TimeMax(runs);
        Plot plot = canvas.Panel(0, "panel-loss", "Training loss", (a, b) => new LinearScale(0, timeMax, a, b, tight: true), (a, b) => new LogScale(low, high, a, b),
            "training wall-clock time [s]", "loss Σ(s_T − s*)², batch mean");
        var medians = new List<(string Colour, List<(double, double)> Line)>();
        foreach (RunGroup group in groups)
        {
            string colour = FigureCanvas.Colour(group.Optimizer.Kind);
            var band = new List<(double, double, double)>();
            var line = new List<(double, double)>();
            foreach ((double t, double median, double min, double max) in LossCurves.OverSeeds(group.Runs, validation: false))
            {
                band.Add((t, max, min));
                line.Add((t, median));
            }

            plot.Band(band, colour, 0.15);
            medians.Add((colour, line));
        }

        foreach ((string colour, List<(double, double)> line) in medians)
        {
            plot.Series(line, colour, 2);
        }

        plot.End();
    }

    private static void DrawControlPanel(FigureCanvas canvas, IReadOnlyList<RunResult> runs, double duration)
    {
        double low = 0, high = 0;
        foreach (RunResult run in runs)
        {
            foreach (string name in new[] { OscillatorSeries.ControlsInitial, OscillatorSeries.ControlsFinal })
            {
                foreach (double u in Series(run, name))
                {
                    if (double.IsFinite(u))
                    {
                        low = Math.Min(low, u);
                        high = Math.Max(high, u);
                    }
                }
            }
        }

        Plot plot = canvas.Panel(1, "panel-controls", "Controls u(t) for one sample", (a, b) => new LinearScale(0, duration, a, b, tight: true),
            (a, b) => new LinearScale(low, high, a, b), "simulated time t", "u(t)");
        if (runs.Count > 0)
        {
            plot.Series(Steps(Series(runs[0], OscillatorSeries.ControlsInitial), duration), UntrainedColour, 1.6);
        }

        foreach (RunResult run in runs)
        {
            plot.Series(Steps(Series(run, OscillatorSeries.ControlsFinal), duration), FigureCanvas.Colour(run.Spec.Optimizer.Kind), 2);
        }

        plot.End();
    }

    private static void DrawTrajectoryPanel(FigureCanvas canvas, IReadOnlyList<RunResult> runs, double duration)
    {
        double low = 0, high = 1;
        string[] names = [OscillatorSeries.X1Initial, OscillatorSeries.X2Initial, OscillatorSeries.X1Final, OscillatorSeries.X2Final];
        foreach (RunResult run in runs)
        {
            foreach (string name in names)
            {
                foreach (double x in Series(run, name))
                {
                    if (double.IsFinite(x))
                    {
                        low = Math.Min(low, x);
                        high = Math.Max(high, x);
                    }
                }
            }
        }

        // The time axis runs a little past T, so the target dots at t = T are not cut by the frame.
        Plot plot = canvas.Panel(2, "panel-trajectory", "Trajectory of one sample", (a, b) => new LinearScale(0, duration * 1.03, a, b, tight: true),
            (a, b) => new LinearScale(low, high, a, b), "simulated time t", "position");
        if (runs.Count > 0)
        {
            plot.Series(Times(Series(runs[0], OscillatorSeries.X1Initial), duration), UntrainedColour, 1.4, "stroke-dasharray=\"5,4\"");
            plot.Series(Times(Series(runs[0], OscillatorSeries.X2Initial), duration), UntrainedColour, 1.6);
        }

        foreach (RunResult run in runs)
        {
            string colour = FigureCanvas.Colour(run.Spec.Optimizer.Kind);
            plot.Series(Times(Series(run, OscillatorSeries.X1Final), duration), colour, 1.4, "stroke-dasharray=\"5,4\"");
            plot.Series(Times(Series(run, OscillatorSeries.X2Final), duration), colour, 2);
        }

        if (runs.Count > 0)
        {
            double[] target = Series(runs[0], OscillatorSeries.Target);
            if (target.Length >= 2)
            {
                plot.Dot(duration, target[0], 5, $"fill=\"{TargetColour}\"");
                plot.Dot(duration, target[1], 5, $"fill=\"{TargetColour}\"");
            }
        }

        plot.End();
    }

    /// <summary>Each group's run of the figure seed (groups without it are skipped).</summary>
    private static List<RunResult> FirstSeed(IReadOnlyList<RunGroup> groups, ulong seed)
    {
        var runs = new List<RunResult>();
        foreach (RunGroup group in groups)
        {
            foreach (RunResult run in group.Runs)
            {
                if (run.Spec.Seed == seed && run.Trace is not null)
                {
                    runs.Add(run);
                }
            }
        }

        return runs;
    }

    private static double[] Series(RunResult run, string name) =>
        run.Trace is { } trace && trace.Series.TryGetValue(name, out double[]? values) ? values : [];

    /// <summary>Controls held over their steps: (kΔt, u_k) and ((k+1)Δt, u_k) for each step k.</summary>
    private static List<(double X, double Y)> Steps(double[] controls, double duration)
    {
        var points = new List<(double, double)>(2 * controls.Length);
        double dt = controls.Length > 0 ? duration / controls.Length : 0;
        for (int k = 0; k < controls.Length; k++)
        {
            points.Add((k * dt, controls[k]));
            points.Add(((k + 1) * dt, controls[k]));
        }

        return points;
    }

    /// <summary>States at t = kΔt for k = 0 … Nt.</summary>
    private static List<(double X, double Y)> Times(double[] values, double duration)
    {
        var points = new List<(double, double)>(values.Length);
        for (int k = 0; k < values.Length; k++)
        {
            points.Add((values.Length > 1 ? duration * k / (values.Length - 1) : 0, values[k]));
        }

        return points;
    }
}
