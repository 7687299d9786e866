// ScaledComponents: the toy problem's physics P(u) = (s₁u₁, s₂u₂, …), e.g. P(u) = (u₁, λ·u₂) with λ = 1 (well
// conditioned) or λ = 0.01 (ill conditioned) in Schnell, Holl & Thuerey (ICLR 2022), §"toy example".
// Linear and diagonal: ∂y/∂u = diag(s).
using System;
using System.Numerics;

namespace Hig.Nn;

/// <summary>
/// The physics y = s ⊙ u: each component scaled by its own constant. With scales (1, λ) this is the toy problem's
/// P(u) = (u₁, λ·u₂).
/// </summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class ScaledComponents<T> : IPhysicsFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _scales;

    /// <summary>Creates y = s ⊙ u with the given per-component scales s (copied).</summary>
    /// <exception cref="ArgumentException">No scales are given, or a scale is not finite.</exception>
    public ScaledComponents(params ReadOnlySpan<T> scales)
    {
        if (scales.IsEmpty)
        {
            throw new ArgumentException("ScaledComponents needs at least one scale.", nameof(scales));
        }

        foreach (T s in scales)
        {
            if (!T.IsFinite(s))
            {
                throw new ArgumentException($"Every scale must be finite, got {s}.", nameof(scales));
            }
        }

        _scales = scales.ToArray();
    }

    /// <summary>The per-component scales s.</summary>
    public ReadOnlySpan<T> Scales => _scales;

    /// <inheritdoc/>
    public int InputSize => _scales.Length;

    /// <inheritdoc/>
    public int OutputSize => _scales.Length;

    /// <inheritdoc/>
    public void Evaluate<TScalar>(ReadOnlySpan<T> x, ReadOnlySpan<TScalar> u, Span<TScalar> y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        NnGuard.Length(u.Length, _scales.Length, nameof(u), "ScaledComponents' input");
        NnGuard.Length(y.Length, _scales.Length, nameof(y), "ScaledComponents' output");
        for (int k = 0; k < _scales.Length; k++)
        {
            y[k] = u[k] * _scales[k];
        }
    }
}
