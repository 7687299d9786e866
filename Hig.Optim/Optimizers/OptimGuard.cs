using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Hig.Optim;

/// <summary>Argument checks shared by the optimizers; messages name the argument and the values or shapes.</summary>
internal static class OptimGuard
{
    /// <summary>Requires a finite, strictly positive hyper-parameter.</summary>
    public static T Positive<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(value) || value <= T.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive, got {value}.");
        }

        return value;
    }

    /// <summary>Requires a finite, non-negative hyper-parameter.</summary>
    public static T NonNegative<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(value) || value < T.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and non-negative, got {value}.");
        }

        return value;
    }

    /// <summary>Requires 0 ≤ value &lt; 1 (Adam's decay rates).</summary>
    public static T DecayRate<T>(T value, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (!(value >= T.Zero && value < T.One))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1), got {value}.");
        }

        return value;
    }

    public static void Length(int actual, int expected, string name, string what)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, name, what);
        }
    }

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string name, string what) =>
        throw new ArgumentException($"{name} has length {actual} but {what} has {expected}.", name);

    /// <summary>Throws <see cref="StepFailure.NonFiniteGradient"/> naming the first NaN or ±∞ in <paramref name="gradient"/>, if any.</summary>
    public static void ThrowIfNonFiniteGradient<T>(ReadOnlySpan<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        int bad = FirstNonFinite(gradient);
        if (bad >= 0)
        {
            throw new OptimizationStepException(StepFailure.NonFiniteGradient, $"The gradient holds {gradient[bad]} at index {bad}.");
        }
    }

    /// <summary>The index of the first non-finite element, or −1.</summary>
    public static int FirstNonFinite<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
