// Scales: maps from data values to pixels for the figure axes, with their ticks.
// LinearScale picks "nice" ticks (steps of 1, 2 or 5 times a power of ten, about five per axis) and widens its range to
// whole steps. LogScale spans whole decades and ticks every decade (every other one beyond eight decades), labelled
// 10ᵏ, with unlabelled minor ticks at 2…9 times each decade.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Hig.Bench.Experiments.Runner.Figure;

/// <summary>An axis tick: its data value, its label (empty for a minor tick) and whether it is major.</summary>
internal readonly record struct Tick(double Value, string Label, bool Major);

/// <summary>A scale from a data interval to a pixel interval, with ticks.</summary>
internal interface IScale
{
    /// <summary>The lowest data value shown.</summary>
    double Min { get; }

    /// <summary>The highest data value shown.</summary>
    double Max { get; }

    /// <summary>The pixel coordinate of a data value (values outside the range map outside the pixel interval).</summary>
    double Map(double value);

    /// <summary>Whether a value can be drawn on this scale at all (finite; positive for a log scale).</summary>
    bool CanShow(double value);

    /// <summary>The ticks, low to high.</summary>
    IReadOnlyList<Tick> Ticks();
}

/// <summary>A linear scale with nice ticks.</summary>
internal sealed class LinearScale : IScale
{
    private readonly double _pixelLow, _pixelHigh;
    private readonly double _step;

    /// <summary>
    /// A scale covering [<paramref name="low"/>, <paramref name="high"/>]: widened to whole tick steps, or exactly that
    /// interval when <paramref name="tight"/> (for time axes, which should end where the runs end).
    /// </summary>
    public LinearScale(double low, double high, double pixelLow, double pixelHigh, bool tight = false)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            (low, high) = (0, 1);
        }

        if (high <= low)
        {
            double pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
            (low, high) = (low - pad, high + pad);
        }

        _step = NiceStep((high - low) / 5);
        Min = tight ? low : Math.Floor((low / _step) + 1e-9) * _step;
        Max = tight ? high : Math.Ceiling((high / _step) - 1e-9) * _step;
        _pixelLow = pixelLow;
        _pixelHigh = pixelHigh;
    }

    /// <inheritdoc/>
    public double Min { get; }

    /// <inheritdoc/>
    public double Max { get; }

    /// <inheritdoc/>
    public double Map(double value) => _pixelLow + ((value - Min) / (Max - Min) * (_pixelHigh - _pixelLow));

    /// <inheritdoc/>
    public bool CanShow(double value) => double.IsFinite(value);

    /// <inheritdoc/>
    public IReadOnlyList<Tick> Ticks()
    {
        var ticks = new List<Tick>();
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(_step) + 1e-9));
        long first = (long)Math.Ceiling((Min / _step) - 1e-9), last = (long)Math.Floor((Max / _step) + 1e-9);
        for (long i = first; i <= last; i++)
        {
            double value = i * _step;
            if (Math.Abs(value) < _step * 1e-9)
            {
                value = 0;
            }

            string label = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('-', '−');
            ticks.Add(new Tick(value, label, true));
        }

        return ticks;
    }

    /// <summary>The smallest of 1, 2, 5 × 10ᵏ that is at least <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }
}

/// <summary>A base-10 logarithmic scale over whole decades.</summary>
internal sealed class LogScale : IScale
{
    private readonly double _pixelLow, _pixelHigh;
    private readonly int _lowDecade, _highDecade;

    /// <summary>A scale over the decades that contain [<paramref name="low"/>, <paramref name="high"/>] (both positive).</summary>
    public LogScale(double low, double high, double pixelLow, double pixelHigh)
    {
        if (!(low > 0) || !double.IsFinite(low) || !(high > 0) || !double.IsFinite(high))
        {
            (low, high) = (1e-3, 1);
        }

        _lowDecade = (int)Math.Floor(Math.Log10(Math.Min(low, high)) + 1e-9);
        _highDecade = (int)Math.Ceiling(Math.Log10(Math.Max(low, high)) - 1e-9);
        if (_highDecade <= _lowDecade)
        {
            _highDecade = _lowDecade + 1;
        }

        _pixelLow = pixelLow;
        _pixelHigh = pixelHigh;
    }

    /// <inheritdoc/>
    public double Min => Math.Pow(10, _lowDecade);

    /// <inheritdoc/>
    public double Max => Math.Pow(10, _highDecade);

    /// <inheritdoc/>
    public double Map(double value) =>
        _pixelLow + ((Math.Log10(value) - _lowDecade) / (_highDecade - _lowDecade) * (_pixelHigh - _pixelLow));

    /// <inheritdoc/>
    public bool CanShow(double value) => value > 0 && double.IsFinite(value);

    /// <inheritdoc/>
    public IReadOnlyList<Tick> Ticks()
    {
        var ticks = new List<Tick>();
        int labelEvery = _highDecade - _lowDecade > 8 ? 2 : 1;
        for (int k = _lowDecade; k <= _highDecade; k++)
        {
            bool labelled = (k - _lowDecade) % labelEvery == 0;
            ticks.Add(new Tick(Math.Pow(10, k), labelled ? PowerOfTen(k) : string.Empty, true));
            if (k < _highDecade)
            {
                for (int m = 2; m <= 9; m++)
                {
                    ticks.Add(new Tick(m * Math.Pow(10, k), string.Empty, false));
                }
            }
        }

        return ticks;
    }

    /// <summary>"10" followed by the exponent in superscript digits, e.g. 10⁻³.</summary>
    public static string PowerOfTen(int exponent)
    {
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = new StringBuilder("10");
        if (exponent < 0)
        {
            text.Append('⁻');
        }

        foreach (char digit in Math.Abs(exponent).ToString(CultureInfo.InvariantCulture))
        {
            text.Append(superscripts[digit - '0']);
        }

        return text.ToString();
    }
}
