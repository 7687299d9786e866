using System.Numerics;

namespace Hig.Numerics;

/// <summary>
/// What a <see cref="KappaPower"/> apply reports besides d: how many singular values it kept and where the cut fell.
/// </summary>
/// <param name="Count">min(m, n): the number of singular values of the m×n matrix.</param>
/// <param name="KeptRank">Singular values strictly above <paramref name="Threshold"/> (the directions that contributed).</param>
/// <param name="SigmaMax">The largest singular value σ_max (0 for a zero or empty matrix).</param>
/// <param name="SmallestKeptSigma">The smallest kept singular value; NaN when <paramref name="KeptRank"/> is 0.</param>
/// <param name="Threshold">The cut-off max(τ·σ_max, absolute) that was applied.</param>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly record struct KappaPowerSummary<T>(int Count, int KeptRank, T SigmaMax, T SmallestKeptSigma, T Threshold)
    where T : unmanaged, IFloatingPointIeee754<T>;
