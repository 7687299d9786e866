// TwoByTwoTriangular: singular values (and vectors) of the 2×2 upper triangular matrix [f g; 0 h].
//
// SingularValues (LAPACK dlas2): σ_min and σ_max, both ≥ 0, to high relative accuracy barring over/underflow;
//   used for the shift of the bidiagonal QR.
// Decompose (LAPACK dlasv2): [ csl snl ] [ f g ] [ csr −snr ]   [ σ_max   0   ]
//                            [−snl csl ] [ 0 h ] [ snr  csr ] = [   0   σ_min ]
//   with |σ_max| ≥ |σ_min| (signed so the product of the signs equals sign(f·h)); the rotations are accurate to a
//   few ulps and the singular values to high relative accuracy (Demmel & Kahan 1990, §4; the error analysis in
//   LAPACK's dlasv2 notes). Both avoid overflow and underflow except where the results themselves do.
// The algebra follows the formulas of dlas2/dlasv2 (Demmel-Kahan); written here afresh.
using System.Numerics;

namespace Hig.Numerics;

internal static class TwoByTwoTriangular
{
    /// <summary>dlas2: the singular values σ_min ≤ σ_max of [f g; 0 h].</summary>
    public static void SingularValues<T>(T f, T g, T h, out T sigmaMin, out T sigmaMax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.CreateTruncating(2);
        T fa = T.Abs(f), ga = T.Abs(g), ha = T.Abs(h);
        T fhmn = T.Min(fa, ha), fhmx = T.Max(fa, ha);
        if (fhmn == T.Zero)
        {
            sigmaMin = T.Zero;
            if (fhmx == T.Zero)
            {
                sigmaMax = ga;
            }
            else
            {
                T big = T.Max(fhmx, ga), ratio = T.Min(fhmx, ga) / big;
                sigmaMax = big * T.Sqrt(T.One + (ratio * ratio));
            }

            return;
        }

        if (ga < fhmx)
        {
            T sum = T.One + (fhmn / fhmx);
            T diff = (fhmx - fhmn) / fhmx;
            T gRatio = ga / fhmx;
            T gSquared = gRatio * gRatio;
            T c = two / (T.Sqrt((sum * sum) + gSquared) + T.Sqrt((diff * diff) + gSquared));
            sigmaMin = fhmn * c;
            sigmaMax = fhmx / c;
            return;
        }

        T au = fhmx / ga;
        if (au == T.Zero)
        {
            // g dominates so much that (f·h)/g is the smallest singular value to full accuracy.
            sigmaMin = fhmn * fhmx / ga;
            sigmaMax = ga;
            return;
        }

        T s1 = (T.One + (fhmn / fhmx)) * au;
        T s2 = ((fhmx - fhmn) / fhmx) * au;
        T cc = T.One / (T.Sqrt(T.One + (s1 * s1)) + T.Sqrt(T.One + (s2 * s2)));
        T smin = fhmn * cc * au;
        sigmaMin = smin + smin;
        sigmaMax = ga / (cc + cc);
    }

    /// <summary>dlasv2: signed singular values and the left (csl, snl) and right (csr, snr) rotations of [f g; 0 h].</summary>
    public static void Decompose<T>(T f, T g, T h, out T sigmaMin, out T sigmaMax, out T snr, out T csr, out T snl, out T csl)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.CreateTruncating(2), four = T.CreateTruncating(4), half = T.CreateTruncating(0.5);
        T ft = f, fa = T.Abs(f), ht = h, ha = T.Abs(h);

        // pmax marks which entry has the largest magnitude: 1 = f, 2 = g, 3 = h.
        int pmax = 1;
        bool swap = ha > fa;
        if (swap)
        {
            pmax = 3;
            (ft, ht) = (ht, ft);
            (fa, ha) = (ha, fa);
        }

        T gt = g, ga = T.Abs(g);
        T clt, crt, slt, srt;
        if (ga == T.Zero)
        {
            // Already diagonal.
            sigmaMin = ha;
            sigmaMax = fa;
            clt = T.One;
            crt = T.One;
            slt = T.Zero;
            srt = T.Zero;
        }
        else
        {
            bool gaSmall = true;
            sigmaMin = sigmaMax = clt = crt = slt = srt = T.Zero;
            if (ga > fa)
            {
                pmax = 2;
                if (fa / ga < MachineConstants<T>.Eps)
                {
                    // g is very large compared with f and h: the formulas below would lose accuracy.
                    gaSmall = false;
                    sigmaMax = ga;
                    sigmaMin = ha > T.One ? fa / (ga / ha) : fa / ga * ha;
                    clt = T.One;
                    slt = ht / gt;
                    srt = T.One;
                    crt = ft / gt;
                }
            }

            if (gaSmall)
            {
                T dd = fa - ha;
                T l = dd == fa ? T.One : dd / fa; // copes with infinite f or h
                T mRatio = gt / ft;
                T t = two - l;
                T mm = mRatio * mRatio, tt = t * t;
                T s = T.Sqrt(tt + mm);
                T r = l == T.Zero ? T.Abs(mRatio) : T.Sqrt((l * l) + mm);
                T a = half * (s + r);
                sigmaMin = ha / a;
                sigmaMax = fa * a;
                if (mm == T.Zero)
                {
                    // mRatio is tiny: the expression below would underflow.
                    t = l == T.Zero
                        ? T.CopySign(two, ft) * T.CopySign(T.One, gt)
                        : (gt / T.CopySign(dd, ft)) + (mRatio / t);
                }
                else
                {
                    t = ((mRatio / (s + t)) + (mRatio / (r + l))) * (T.One + a);
                }

                l = T.Sqrt((t * t) + four);
                crt = two / l;
                srt = t / l;
                clt = (crt + (srt * mRatio)) / a;
                slt = ht / ft * srt / a;
            }
        }

        if (swap)
        {
            csl = srt;
            snl = crt;
            csr = slt;
            snr = clt;
        }
        else
        {
            csl = clt;
            snl = slt;
            csr = crt;
            snr = srt;
        }

        // Correct the signs of σ_max and σ_min so that σ_max·σ_min = f·h in sign.
        T tsign = pmax switch
        {
            1 => Sign(csr) * Sign(csl) * Sign(f),
            2 => Sign(snr) * Sign(csl) * Sign(g),
            _ => Sign(snr) * Sign(snl) * Sign(h),
        };
        sigmaMax = T.CopySign(sigmaMax, tsign);
        sigmaMin = T.CopySign(sigmaMin, tsign * Sign(f) * Sign(h));
    }

    /// <summary>Fortran SIGN(1, x): +1 for x ≥ +0, −1 for negative x (including −0, as IEEE copysign).</summary>
    private static T Sign<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> => T.CopySign(T.One, x);
}
