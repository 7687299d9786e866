// Adam: the adaptive-moment optimizer of Kingma & Ba, "Adam: A method for stochastic optimization" (ICLR 2015),
// Algorithm 1, with bias correction:
//     t ← t + 1
//     m ← β₁·m + (1 − β₁)·g            v ← β₂·v + (1 − β₂)·g²
//     m̂ = m / (1 − β₁ᵗ)                 v̂ = v / (1 − β₂ᵗ)
//     θ ← θ − η·m̂ / (√v̂ + ε)
// β₁ᵗ and β₂ᵗ are kept as running products (no Pow call, so results are reproducible on every platform).
// Invariants: a step either commits all of (t, m, v, β₁ᵗ, β₂ᵗ, θ) or none of them; the new moments are computed into
// spare buffers and swapped in only after the update is known to be finite.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with bias correction: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − η·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε). Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8, as in the paper.
/// </summary>
/// <remarks>
/// The state (<see cref="State"/>) is explicit and inspectable. A step whose gradient or update is not finite throws
/// <see cref="OptimizationStepException"/> and changes neither θ nor the state. Allocation-free after construction.
/// </remarks>
/// <typeparam name="T">The floating-point type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Adam<T> : IGradientOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _spareFirst;
    private T[] _spareSecond;
    private readonly T[] _delta;

    /// <summary>Creates the optimizer for <paramref name="parameterCount"/> parameters, with zero moments and t = 0.</summary>
    /// <param name="parameterCount">|θ|.</param>
    /// <param name="learningRate">η, finite and positive (the paper's α; its suggestion is 0.001).</param>
    /// <param name="beta1">β₁ ∈ [0, 1); null means <see cref="DefaultBeta1"/> = 0.9.</param>
    /// <param name="beta2">β₂ ∈ [0, 1); null means <see cref="DefaultBeta2"/> = 0.999.</param>
    /// <param name="epsilon">ε, finite and positive; null means <see cref="DefaultEpsilon"/> = 1e-8.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of its range (the message names it and its value).</exception>
    public Adam(int parameterCount, T learningRate, T? beta1 = null, T? beta2 = null, T? epsilon = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        LearningRate = OptimGuard.Positive(learningRate, nameof(learningRate));
        Beta1 = OptimGuard.DecayRate(beta1 ?? T.CreateTruncating(DefaultBeta1), nameof(beta1));
        Beta2 = OptimGuard.DecayRate(beta2 ?? T.CreateTruncating(DefaultBeta2), nameof(beta2));
        Epsilon = OptimGuard.Positive(epsilon ?? T.CreateTruncating(DefaultEpsilon), nameof(epsilon));
        State = new AdamState<T>(parameterCount);
        _spareFirst = new T[parameterCount];
        _spareSecond = new T[parameterCount];
        _delta = new T[parameterCount];
    }

    /// <summary>The default β₁, 0.9 (Kingma &amp; Ba).</summary>
    public const double DefaultBeta1 = 0.9;

    /// <summary>The default β₂, 0.999 (Kingma &amp; Ba).</summary>
    public const double DefaultBeta2 = 0.999;

    /// <summary>The default ε, 1e-8 (Kingma &amp; Ba).</summary>
    public const double DefaultEpsilon = 1e-8;

    /// <summary>η.</summary>
    public T LearningRate { get; }

    /// <summary>β₁, the decay of the first-moment estimate.</summary>
    public T Beta1 { get; }

    /// <summary>β₂, the decay of the second-moment estimate.</summary>
    public T Beta2 { get; }

    /// <summary>ε, added to √v̂ in the denominator.</summary>
    public T Epsilon { get; }

    /// <summary>The optimizer's state: step count, moments and the powers β₁ᵗ, β₂ᵗ.</summary>
    public AdamState<T> State { get; }

    /// <inheritdoc/>
    public OptimizerInput Input => OptimizerInput.Gradient;

    /// <inheritdoc/>
    public string Name => $"Adam(η={LearningRate}, β₁={Beta1}, β₂={Beta2}, ε={Epsilon})";

    /// <inheritdoc/>
    public void Reset() => State.Reset();

    /// <inheritdoc/>
    public StepReport<T> Update(Span<T> theta, ReadOnlySpan<T> gradient)
    {
        int n = State.ParameterCount;
        OptimGuard.Length(theta.Length, n, nameof(theta), "the optimizer's parameter count");
        OptimGuard.Length(gradient.Length, n, nameof(gradient), "the optimizer's parameter count");

        T beta1Power = State.Beta1Power * Beta1;
        T beta2Power = State.Beta2Power * Beta2;
        T firstCorrection = T.One - beta1Power;
        T secondCorrection = T.One - beta2Power;
        T oneMinusBeta1 = T.One - Beta1, oneMinusBeta2 = T.One - Beta2;
        ReadOnlySpan<T> m = State.FirstMomentArray, v = State.SecondMomentArray;
        Span<T> mNew = _spareFirst, vNew = _spareSecond, delta = _delta;
        T sumSquares = T.Zero;
        bool finite = true;
        for (int i = 0; i < n; i++)
        {
            T g = gradient[i];
            mNew[i] = Arithmetic.MultiplyAdd(Beta1, m[i], oneMinusBeta1 * g);
            vNew[i] = Arithmetic.MultiplyAdd(Beta2, v[i], oneMinusBeta2 * (g * g));
            T step = LearningRate * (mNew[i] / firstCorrection) / (T.Sqrt(vNew[i] / secondCorrection) + Epsilon);
            delta[i] = step;
            sumSquares = Arithmetic.MultiplyAdd(step, step, sumSquares);
            finite &= T.IsFinite(step) && T.IsFinite(vNew[i]);
        }

        if (!finite)
        {
            // A NaN or ∞ in g always reaches its step, so the loop above caught it too; tell the two failures apart.
            OptimGuard.ThrowIfNonFiniteGradient(gradient);
            throw new OptimizationStepException(StepFailure.NonFiniteUpdate, "The Adam update overflowed.");
        }

        // Commit: swap the new moments in, advance the counters, apply the update.
        (_spareFirst, _spareSecond) = State.Swap(_spareFirst, _spareSecond, beta1Power, beta2Power);
        Blas.Axpy(-T.One, delta, theta); // madd(−1, δ, θ) = θ − δ rounded once (fused or not)

        return new StepReport<T>(T.Sqrt(sumSquares), null);
    }
}
