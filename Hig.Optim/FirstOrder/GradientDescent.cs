// GradientDescent: θ ← θ − η·∂L/∂θ. The simplest first-order optimizer; stateless.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>Plain gradient descent, θ ← θ − η·∂L/∂θ (each element as one multiply-add, Arithmetic.MultiplyAdd).</summary>
/// <typeparam name="T">The floating-point type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class GradientDescent<T> : IGradientOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η, finite and positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not finite and positive.</exception>
    public GradientDescent(T learningRate) => LearningRate = OptimGuard.Positive(learningRate, nameof(learningRate));

    /// <summary>η.</summary>
    public T LearningRate { get; }

    /// <inheritdoc/>
    public OptimizerInput Input => OptimizerInput.Gradient;

    /// <inheritdoc/>
    public string Name => $"GD(η={LearningRate})";

    /// <summary>Gradient descent has no state; nothing to reset.</summary>
    public void Reset()
    {
    }

    /// <inheritdoc/>
    public StepReport<T> Update(Span<T> theta, ReadOnlySpan<T> gradient)
    {
        OptimGuard.Length(gradient.Length, theta.Length, nameof(gradient), "theta");

        // ‖g‖ is NaN or ∞ when any element is (Nrm2 propagates them), so one pass finds both failures; only a failed
        // step pays for the scan that tells a bad gradient from an overflowing update.
        T norm = LearningRate * Blas.Nrm2(gradient);
        if (!T.IsFinite(norm))
        {
            OptimGuard.ThrowIfNonFiniteGradient(gradient);
            throw new OptimizationStepException(StepFailure.NonFiniteUpdate, $"The update η·‖∂L/∂θ‖ = {norm} overflows.");
        }

        Blas.Axpy(-LearningRate, gradient, theta);
        return new StepReport<T>(norm, null);
    }
}
