// ReproducibleLog: the natural logarithm from IEEE-754 basic operations only.
//
// Why: Math.Log may differ in its last bit between runtimes, C libraries and processors; the
// normal variates of Rng must not. This routine uses only integer bit manipulation and
// correctly rounded +, −, ×, ÷, so its result is the same on every conforming platform.
//
// Method: write x = m·2^k with m ∈ [√½, √2). Then ln x = k·ln 2 + 2·atanh(s), s = (m − 1)/(m + 1),
// |s| ≤ 0.1716, and 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …). The series is summed to s²¹ (the next term is
// below 2⁻⁵⁸ relative); ln 2 is split into a high part exact in 32 bits and a low correction so k·ln 2
// is accurate. Accuracy: a few ulps over the positive normal and subnormal range, ample for
// sampling. Only used for x ∈ (0, 1) by Rng, but valid for any positive finite x.
using System;

namespace Hig.Numerics;

internal static class ReproducibleLog
{
    private const double Ln2High = 0.693147180369123816490; // ln 2 rounded to 32 significant bits
    private const double Ln2Low = 1.90821492927058770002e-10; // ln 2 − Ln2High

    /// <summary>ln <paramref name="x"/> for positive finite x; NaN otherwise.</summary>
    public static double Log(double x)
    {
        if (!(x > 0.0) || !double.IsFinite(x))
        {
            return double.NaN;
        }

        int k = 0;
        if (x < 2.2250738585072014e-308)
        {
            x *= 18014398509481984.0; // 2^54: lift subnormals into the normal range (exact)
            k = -54;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        k += (int)((bits >> 52) & 0x7FF) - 1023;
        double m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L); // m ∈ [1, 2)
        if (m > 1.4142135623730951)
        {
            m *= 0.5; // exact
            k += 1;
        }

        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;

        // Horner form of 1 + s²/3 + s⁴/5 + … + s²⁰/21.
        double series = 1.0 / 21.0;
        for (int n = 19; n >= 1; n -= 2)
        {
            series = (series * s2) + (1.0 / n);
        }

        double atanhTimesTwo = 2.0 * s * series;
        return (k * Ln2High) + ((k * Ln2Low) + atanhTimesTwo);
    }
}
