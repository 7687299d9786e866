namespace Hig.Numerics;

/// <summary>
/// LAPACK's test ratios for a decomposition A ≈ U·diag(σ)·Vᵀ (TESTING/EIG dbdt01 and dort01), computed by
/// <see cref="SvdDiagnostics.Residuals{T}"/>. A backward-stable SVD gives ratios of order 1; LAPACK's own test suite
/// flags a ratio ≥ 30 as a failure.
/// </summary>
/// <param name="Reconstruction">‖A − U·diag(σ)·Vᵀ‖₁ / (‖A‖₁ · max(m, n) · ε).</param>
/// <param name="LeftOrthogonality">‖I − UᵀU‖₁ / (m · ε).</param>
/// <param name="RightOrthogonality">‖I − VᵀV‖₁ / (n · ε).</param>
public readonly record struct SvdResiduals(double Reconstruction, double LeftOrthogonality, double RightOrthogonality)
{
    /// <summary>The largest of the three ratios.</summary>
    public double Max => System.Math.Max(Reconstruction, System.Math.Max(LeftOrthogonality, RightOrthogonality));
}
