// KappaWeights: the truncation rule and the weights σ^(−κ) shared by the implicit and the explicit κ-power routes,
// so the two can only differ by rounding in the transformations, never by the rule.
using System.Numerics;

namespace Hig.Numerics;

internal static class KappaWeights
{
    /// <summary>Summary of a decreasing spectrum under <paramref name="cutoff"/>: kept σ are those strictly above the threshold.</summary>
    public static KappaPowerSummary<T> Summarize<T>(System.ReadOnlySpan<T> sortedDescending, SingularValueCutoff<T> cutoff)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sigmaMax = sortedDescending.IsEmpty ? T.Zero : sortedDescending[0];
        T threshold = cutoff.ThresholdFor(sigmaMax);
        int kept = 0;
        while (kept < sortedDescending.Length && sortedDescending[kept] > threshold)
        {
            kept++;
        }

        T smallest = kept == 0 ? T.NaN : sortedDescending[kept - 1];
        return new KappaPowerSummary<T>(sortedDescending.Length, kept, sigmaMax, smallest, threshold);
    }

    /// <summary>σ^(−κ) for σ above the threshold, exactly 0 at or below it.</summary>
    public static T Weight<T>(T sigma, T kappa, T threshold)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(sigma > threshold))
        {
            return T.Zero;
        }

        if (kappa == T.Zero)
        {
            return T.One;
        }

        if (kappa == T.One)
        {
            return T.One / sigma;
        }

        return kappa == T.CreateTruncating(0.5) ? T.One / T.Sqrt(sigma) : T.Pow(sigma, -kappa);
    }
}
