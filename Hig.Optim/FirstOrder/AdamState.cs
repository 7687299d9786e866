using System;
using System.Numerics;

namespace Hig.Optim;

/// <summary>
/// Adam's state, as in optax's ScaleByAdamState: the step count t, the first and second moment estimates m and v, and
/// the running powers β₁ᵗ and β₂ᵗ used for bias correction. Read-only to callers; <see cref="Adam{T}"/> updates it.
/// </summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class AdamState<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _first;
    private T[] _second;

    internal AdamState(int parameterCount)
    {
        _first = new T[parameterCount];
        _second = new T[parameterCount];
        Reset();
    }

    /// <summary>|θ|.</summary>
    public int ParameterCount => _first.Length;

    /// <summary>t: the number of steps taken since construction or <see cref="Adam{T}.Reset"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>m: the exponential moving average of the gradient.</summary>
    public ReadOnlySpan<T> FirstMoment => _first;

    /// <summary>v: the exponential moving average of the squared gradient.</summary>
    public ReadOnlySpan<T> SecondMoment => _second;

    /// <summary>β₁ᵗ (1 before the first step).</summary>
    public T Beta1Power { get; private set; }

    /// <summary>β₂ᵗ (1 before the first step).</summary>
    public T Beta2Power { get; private set; }

    internal T[] FirstMomentArray => _first;

    internal T[] SecondMomentArray => _second;

    internal void Reset()
    {
        Array.Clear(_first);
        Array.Clear(_second);
        StepCount = 0;
        Beta1Power = T.One;
        Beta2Power = T.One;
    }

    /// <summary>Installs new moments and powers, advances t, and returns the old moment arrays for reuse as spares.</summary>
    internal (T[] First, T[] Second) Swap(T[] first, T[] second, T beta1Power, T beta2Power)
    {
        (T[] oldFirst, T[] oldSecond) = (_first, _second);
        _first = first;
        _second = second;
        Beta1Power = beta1Power;
        Beta2Power = beta2Power;
        StepCount++;
        return (oldFirst, oldSecond);
    }
}
