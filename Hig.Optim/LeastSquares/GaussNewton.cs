using System.Numerics;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>
/// Truncated Gauss-Newton: Δθ = −η·J⁺·g with J⁺ = V·Λ⁻¹·Uᵀ over the singular values above the cut-off — the
/// <see cref="KappaPowerOptimizer{T}"/> with κ = 1. With η = 1 and g the residual of a linear least-squares problem,
/// one step reaches the (minimum-norm) least-squares solution.
/// </summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class GaussNewton<T> : KappaPowerOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η; null means 1.</param>
    /// <param name="cutoff">The truncation rule; null means <see cref="SingularValueCutoff{T}.DefaultFor"/> of each Jacobian: relative τ = max(1e-6, √max(m, n)·ε).</param>
    /// <param name="svdOptions">SVD tunables; null means the defaults.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">η is not finite and positive.</exception>
    public GaussNewton(T? learningRate = null, SingularValueCutoff<T>? cutoff = null, SvdOptions? svdOptions = null)
        : base(T.One, learningRate ?? T.One, cutoff, svdOptions)
    {
    }

    /// <inheritdoc/>
    public override string Name => $"GN(η={LearningRate}, {Cutoff})";
}
