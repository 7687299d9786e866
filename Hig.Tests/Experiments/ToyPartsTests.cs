using System;
using System.Collections.Generic;
using System.Linq;
using Hig.Bench.Experiments.Toy;
using Hig.Bench.Experiments.Toy.Figure;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Experiments;

/// <summary>The pieces of the toy runner with rules of their own: medians with "never", and the figure's axes.</summary>
public sealed class ToyPartsTests
{
    /// <summary>Double-precision machine epsilon 2⁻⁵² (LAPACK dlamch('P')).</summary>
    private static readonly double Eps = Precision.EpsOf<double>();

    [Fact]
    public void MedianTreatsNeverAsLaterThanAnyTime()
    {
        double never = double.PositiveInfinity;
        Assert.Equal(2.0, SeedStatistics.Median([3.0, 1.0, 2.0]));
        Assert.Equal(2.5, SeedStatistics.Median([4.0, 1.0, 3.0, 2.0]));
        Assert.Equal(2.0, SeedStatistics.Median([never, 1.0, 2.0]));
        Assert.Equal(never, SeedStatistics.Median([never, never, 2.0]));
        Assert.Equal(never, SeedStatistics.Median([1.0, never]));
        Assert.Equal(1.0, SeedStatistics.Median([double.NaN, 1.0, 0.5]));
        Assert.True(double.IsNaN(SeedStatistics.Median([])));
    }

    [Fact]
    public void MedianHasAsManyValuesAboveAsBelow()
    {
        // Property check against the definition, on random odd-length lists with repeats and "never".
        var rng = new Rng(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = (2 * rng.NextInt(6)) + 1;
            double[] values = [.. Enumerable.Range(0, n).Select(_ => rng.NextInt(5) == 0 ? double.PositiveInfinity : rng.NextInt(4))];
            double median = SeedStatistics.Median(values);
            Assert.Contains(median, values);
            Assert.True(values.Count(v => v < median) <= n / 2 && values.Count(v => v > median) <= n / 2, string.Join(", ", values));
        }
    }

    [Fact]
    public void LogScaleTicksEveryDecadeAndMapsDecadesEvenly()
    {
        var scale = new LogScale(3e-4, 0.2, pixelLow: 400, pixelHigh: 100);
        // Decade ends are powers of ten computed by Math.Pow: within one rounding of the exact value.
        Assert.Equal(1e-4, scale.Min, 2 * Eps * 1e-4);
        Assert.Equal(1.0, scale.Max, 2 * Eps);
        Tick[] major = [.. scale.Ticks().Where(t => t.Major)];
        Assert.Equal(["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"], major.Select(t => t.Label));
        Assert.Equal(8 * 4, scale.Ticks().Count(t => !t.Major));
        for (int k = 0; k < major.Length; k++)
        {
            // log10, a subtraction, a division and an affine map: a few roundings relative to the 400-pixel range.
            Assert.Equal(400 - (75.0 * k), scale.Map(major[k].Value), 16 * Eps * 400);
        }

        Assert.False(scale.CanShow(0));
        Assert.False(scale.CanShow(double.NaN));
        Assert.Equal("10¹²", LogScale.PowerOfTen(12));
    }

    [Fact]
    public void LinearScaleCoversItsRangeWithNiceSteps()
    {
        foreach ((double low, double high) in new[] { (0.0, 2.93), (-1.3, 1.0), (0.0, 0.0031), (-250.0, 7.0), (5.0, 5.0) })
        {
            var scale = new LinearScale(low, high, 0, 300);
            Assert.True(scale.Min <= low && scale.Max >= high, $"[{scale.Min}, {scale.Max}] covers [{low}, {high}]");
            List<double> ticks = [.. scale.Ticks().Select(t => t.Value)];
            Assert.InRange(ticks.Count, 3, 12);
            double step = ticks[1] - ticks[0];
            double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            Assert.Contains(Math.Round(mantissa, 9), new[] { 1.0, 2.0, 5.0 });
            // The affine map of the range's ends: a few roundings relative to the 300-pixel range.
            Assert.Equal(0, scale.Map(scale.Min), 16 * Eps * 300);
            Assert.Equal(300, scale.Map(scale.Max), 16 * Eps * 300);
        }
    }
}
