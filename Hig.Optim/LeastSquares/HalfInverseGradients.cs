using System.Numerics;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>
/// Half-Inverse Gradients (Schnell, Holl &amp; Thuerey, ICLR 2022): Δθ = −η·V·Λ^(−½)·Uᵀ·g over the singular values of
/// the stacked Jacobian above the cut-off — the <see cref="KappaPowerOptimizer{T}"/> with κ = ½. The half inversion
/// undoes the scaling that physics puts between the components of y while damping the directions of small singular
/// values far less violently than Gauss-Newton.
/// </summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class HalfInverseGradients<T> : KappaPowerOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">η; null means 1 (the paper's value).</param>
    /// <param name="cutoff">The truncation rule; null means <see cref="SingularValueCutoff{T}.DefaultFor"/> of each Jacobian: relative τ = max(1e-6, √max(m, n)·ε), the paper's 1e-6 in double.</param>
    /// <param name="svdOptions">SVD tunables; null means the defaults.</param>
    /// <exception cref="System.ArgumentOutOfRangeException">η is not finite and positive.</exception>
    public HalfInverseGradients(T? learningRate = null, SingularValueCutoff<T>? cutoff = null, SvdOptions? svdOptions = null)
        : base(T.One / (T.One + T.One), learningRate ?? T.One, cutoff, svdOptions)
    {
    }

    /// <inheritdoc/>
    public override string Name => $"HIG(η={LearningRate}, {Cutoff})";
}
