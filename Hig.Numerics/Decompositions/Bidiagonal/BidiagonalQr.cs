// BidiagonalQr: singular values of an n×n upper bidiagonal matrix B (diagonal d, superdiagonal e) by implicit-shift
// QR iteration with the Demmel-Kahan zero-shift sweep, following LAPACK dbdsqr (Demmel & Kahan, "Accurate singular
// values of bidiagonal matrices", SIAM J. Sci. Stat. Comput. 11(5), 1990; Golub & Van Loan 4th ed. §8.6.2).
//
// On return d holds the singular values (unsorted, possibly negative: the caller takes |dᵢ| and flips the sign of
// the matching right vector), e is zero, and the sink has received every rotation, so that
//     B = (U-rotations) · diag(d) · (V-rotations)ᵀ.
//
// What makes it accurate (each from dbdsqr, written here afresh):
//  - Relative convergence tests: e[i] is set to zero only when it is negligible relative to the neighbouring
//    singular value estimate (the recurrence μ ← |d_{i+1}|·μ/(μ + |e_i|) of Demmel-Kahan §5), with tol = tolmul·ε,
//    tolmul = max(10, min(100, ε^(−1/8))); plus an absolute floor thresh = max(tol·σ_min estimate, 6·n²·safmin).
//    These keep every singular value to high relative accuracy (about 69·n²·tol relative error, Demmel-Kahan Thm 5).
//  - The zero-shift QR sweep (Demmel-Kahan §3) when the shift would destroy relative accuracy
//    (n·tol·σ_min/σ_max ≤ max(ε, tol/100)), otherwise the standard shifted sweep with the shift from the trailing
//    (or leading) 2×2 block's smaller singular value (dlas2), dropped when (shift/σ)² < ε.
//  - Chase direction: top→bottom when |d_top| ≥ |d_bottom| of the current unreduced block, else bottom→top, chosen
//    afresh whenever a new block is started (graded matrices converge from their small end).
//  - 2×2 blocks are finished directly by dlasv2 (TwoByTwoTriangular.Decompose); rotations by dlartg (GivensRotation).
// Invariants: iteration only shrinks the unreduced block; every rotation is orthogonal; the count of inner steps is
// capped at 6·n² (dbdsqr's MAXITR·N²), after which SvdNoConvergenceException reports the unconverged count. Input
// must be finite (callers check A before reducing it), so every loop terminates.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class BidiagonalQr
{
    /// <summary>dbdsqr's MAXITR: the iteration cap is MaxIterationFactor·n² inner rotation steps.</summary>
    public const int MaxIterationFactor = 6;

    /// <summary>Scratch length for an order-n bidiagonal: four rotation arrays of n − 1.</summary>
    public static int WorkspaceLength(int n) => 4 * Math.Max(n - 1, 0);

    /// <summary>Diagonalizes B = bidiag(d, e) in place, sending the rotations to <paramref name="sink"/>.</summary>
    /// <exception cref="SvdNoConvergenceException">More than 6·n² inner steps were needed.</exception>
    public static void Diagonalize<T, TSink>(Span<T> d, Span<T> e, ref TSink sink, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TSink : IRotationSink<T>, allows ref struct
    {
        int n = d.Length;
        if (n <= 1)
        {
            return;
        }

        int nm1 = n - 1;
        Span<T> c1 = workspace[..nm1], s1 = workspace.Slice(nm1, nm1), c2 = workspace.Slice(2 * nm1, nm1), s2 = workspace.Slice(3 * nm1, nm1);
        T eps = MachineConstants<T>.Eps;
        T tolmul = T.Max(T.CreateTruncating(10), T.Min(T.CreateTruncating(100), T.Pow(eps, T.CreateTruncating(-0.125))));
        T tol = tolmul * eps;
        T hundredth = T.CreateTruncating(0.01);

        // Absolute threshold: relative to a lower bound of the smallest singular value (Demmel-Kahan's σ_min estimate).
        T sminoa = T.Abs(d[0]);
        if (sminoa != T.Zero)
        {
            T mu = sminoa;
            for (int i = 1; i < n; i++)
            {
                mu = T.Abs(d[i]) * (mu / (mu + T.Abs(e[i - 1])));
                sminoa = T.Min(sminoa, mu);
                if (sminoa == T.Zero)
                {
                    break;
                }
            }
        }

        sminoa /= T.Sqrt(T.CreateTruncating(n));
        T thresh = T.Max(tol * sminoa, T.CreateTruncating(MaxIterationFactor) * (T.CreateTruncating(n) * (T.CreateTruncating(n) * MachineConstants<T>.SafeMin)));

        long maxIterations = (long)MaxIterationFactor * n * n;
        long iterations = 0;
        int oldll = -1, oldm = -1;
        bool topToBottom = true;
        int m = n - 1; // bottom index of the active part

        while (m > 0)
        {
            if (iterations >= maxIterations)
            {
                throw NoConvergence(e, n, maxIterations);
            }

            // Find the unreduced block [ll, m]: scan up from the bottom for a negligible superdiagonal entry.
            T smax = T.Abs(d[m]);
            int ll = -1;
            bool split = false;
            for (int lll = 1; lll <= m; lll++)
            {
                int i = m - lll;
                T abss = T.Abs(d[i]), abse = T.Abs(e[i]);
                if (abse <= thresh)
                {
                    e[i] = T.Zero;
                    ll = i;
                    split = true;
                    break;
                }

                smax = T.Max(smax, T.Max(abss, abse));
            }

            if (split && ll == m - 1)
            {
                m--; // d[m] is a converged singular value
                continue;
            }

            ll++;

            if (ll == m - 1)
            {
                // A 2×2 block: finish it directly.
                TwoByTwoTriangular.Decompose(d[m - 1], e[m - 1], d[m], out T sigmn, out T sigmx, out T sinr, out T cosr, out T sinl, out T cosl);
                d[m - 1] = sigmx;
                e[m - 1] = T.Zero;
                d[m] = sigmn;
                c1[0] = cosr;
                s1[0] = sinr;
                c2[0] = cosl;
                s2[0] = sinl;
                sink.Right(m - 1, 1, false, c1[..1], s1[..1]);
                sink.Left(m - 1, 1, false, c2[..1], s2[..1]);
                m -= 2;
                continue;
            }

            // A new block (not a continuation of the previous one): choose the chase direction.
            if (ll > oldm || m < oldll)
            {
                topToBottom = T.Abs(d[ll]) >= T.Abs(d[m]);
            }

            // Convergence tests in the direction of the chase (Demmel-Kahan criteria 1a/1b and 2a/2b).
            T smin;
            if (topToBottom)
            {
                if (T.Abs(e[m - 1]) <= tol * T.Abs(d[m]))
                {
                    e[m - 1] = T.Zero;
                    continue;
                }

                T mu = T.Abs(d[ll]);
                smin = mu;
                bool negligible = false;
                for (int i = ll; i < m; i++)
                {
                    if (T.Abs(e[i]) <= tol * mu)
                    {
                        e[i] = T.Zero;
                        negligible = true;
                        break;
                    }

                    mu = T.Abs(d[i + 1]) * (mu / (mu + T.Abs(e[i])));
                    smin = T.Min(smin, mu);
                }

                if (negligible)
                {
                    continue;
                }
            }
            else
            {
                if (T.Abs(e[ll]) <= tol * T.Abs(d[ll]))
                {
                    e[ll] = T.Zero;
                    continue;
                }

                T mu = T.Abs(d[m]);
                smin = mu;
                bool negligible = false;
                for (int i = m - 1; i >= ll; i--)
                {
                    if (T.Abs(e[i]) <= tol * mu)
                    {
                        e[i] = T.Zero;
                        negligible = true;
                        break;
                    }

                    mu = T.Abs(d[i]) * (mu / (mu + T.Abs(e[i])));
                    smin = T.Min(smin, mu);
                }

                if (negligible)
                {
                    continue;
                }
            }

            oldll = ll;
            oldm = m;

            // Shift: zero when a shifted sweep could spoil the relative accuracy of the smallest singular value.
            T shift;
            if (T.CreateTruncating(n) * tol * (smin / smax) <= T.Max(eps, hundredth * tol))
            {
                shift = T.Zero;
            }
            else
            {
                T sll;
                if (topToBottom)
                {
                    sll = T.Abs(d[ll]);
                    TwoByTwoTriangular.SingularValues(d[m - 1], e[m - 1], d[m], out shift, out _);
                }
                else
                {
                    sll = T.Abs(d[m]);
                    TwoByTwoTriangular.SingularValues(d[ll], e[ll], d[ll + 1], out shift, out _);
                }

                if (sll > T.Zero && (shift / sll) * (shift / sll) < eps)
                {
                    shift = T.Zero;
                }
            }

            iterations += m - ll;
            int count = m - ll;
            if (shift == T.Zero)
            {
                if (topToBottom)
                {
                    ZeroShiftDown(d, e, ll, m, c1, s1, c2, s2);
                    sink.Right(ll, count, false, c1[..count], s1[..count]);
                    sink.Left(ll, count, false, c2[..count], s2[..count]);
                    if (T.Abs(e[m - 1]) <= thresh)
                    {
                        e[m - 1] = T.Zero;
                    }
                }
                else
                {
                    ZeroShiftUp(d, e, ll, m, c1, s1, c2, s2);
                    sink.Right(ll, count, true, c2[..count], s2[..count]);
                    sink.Left(ll, count, true, c1[..count], s1[..count]);
                    if (T.Abs(e[ll]) <= thresh)
                    {
                        e[ll] = T.Zero;
                    }
                }
            }
            else if (topToBottom)
            {
                ShiftedDown(d, e, ll, m, shift, c1, s1, c2, s2);
                sink.Right(ll, count, false, c1[..count], s1[..count]);
                sink.Left(ll, count, false, c2[..count], s2[..count]);
                if (T.Abs(e[m - 1]) <= thresh)
                {
                    e[m - 1] = T.Zero;
                }
            }
            else
            {
                ShiftedUp(d, e, ll, m, shift, c1, s1, c2, s2);
                if (T.Abs(e[ll]) <= thresh)
                {
                    e[ll] = T.Zero;
                }

                sink.Right(ll, count, true, c2[..count], s2[..count]);
                sink.Left(ll, count, true, c1[..count], s1[..count]);
            }
        }
    }

    /// <summary>
    /// Demmel-Kahan zero-shift QR sweep, chasing top to bottom over [ll, m]. Right rotations go to (cr, sr), left ones
    /// to (cl, sl), indexed from ll. Every entry is computed with relative accuracy (no subtractions).
    /// </summary>
    private static void ZeroShiftDown<T>(Span<T> d, Span<T> e, int ll, int m, Span<T> cr, Span<T> sr, Span<T> cl, Span<T> sl)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T cs = T.One, oldcs = T.One, oldsn = T.Zero;
        for (int i = ll; i < m; i++)
        {
            GivensRotation.Generate(d[i] * cs, e[i], out cs, out T sn, out T r);
            if (i > ll)
            {
                e[i - 1] = oldsn * r;
            }

            GivensRotation.Generate(oldcs * r, d[i + 1] * sn, out oldcs, out oldsn, out d[i]);
            cr[i - ll] = cs;
            sr[i - ll] = sn;
            cl[i - ll] = oldcs;
            sl[i - ll] = oldsn;
        }

        T h = d[m] * cs;
        d[m] = h * oldcs;
        e[m - 1] = h * oldsn;
    }

    /// <summary>
    /// Zero-shift QR sweep chasing bottom to top over [ll, m]. Rotations for U go to (cu, su), for V to (cv, sv), both
    /// indexed from ll and meant to be applied backward (with the sign of the sine flipped, as dbdsqr stores them).
    /// </summary>
    private static void ZeroShiftUp<T>(Span<T> d, Span<T> e, int ll, int m, Span<T> cu, Span<T> su, Span<T> cv, Span<T> sv)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T cs = T.One, oldcs = T.One, oldsn = T.Zero;
        for (int i = m; i > ll; i--)
        {
            GivensRotation.Generate(d[i] * cs, e[i - 1], out cs, out T sn, out T r);
            if (i < m)
            {
                e[i] = oldsn * r;
            }

            GivensRotation.Generate(oldcs * r, d[i - 1] * sn, out oldcs, out oldsn, out d[i]);
            cu[i - ll - 1] = cs;
            su[i - ll - 1] = -sn;
            cv[i - ll - 1] = oldcs;
            sv[i - ll - 1] = -oldsn;
        }

        T h = d[ll] * cs;
        d[ll] = h * oldcs;
        e[ll] = h * oldsn;
    }

    /// <summary>Implicit-shift QR sweep (Golub-Kahan step, G&amp;VL Alg. 8.6.1) chasing top to bottom over [ll, m].</summary>
    private static void ShiftedDown<T>(Span<T> d, Span<T> e, int ll, int m, T shift, Span<T> cr, Span<T> sr, Span<T> cl, Span<T> sl)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The first rotation is the one the shifted QR step on BᵀB would start with, written without forming BᵀB.
        T f = (T.Abs(d[ll]) - shift) * (T.CopySign(T.One, d[ll]) + (shift / d[ll]));
        T g = e[ll];
        for (int i = ll; i < m; i++)
        {
            GivensRotation.Generate(f, g, out T cosr, out T sinr, out T r);
            if (i > ll)
            {
                e[i - 1] = r;
            }

            f = (cosr * d[i]) + (sinr * e[i]);
            e[i] = (cosr * e[i]) - (sinr * d[i]);
            g = sinr * d[i + 1];
            d[i + 1] = cosr * d[i + 1];
            GivensRotation.Generate(f, g, out T cosl, out T sinl, out r);
            d[i] = r;
            f = (cosl * e[i]) + (sinl * d[i + 1]);
            d[i + 1] = (cosl * d[i + 1]) - (sinl * e[i]);
            if (i < m - 1)
            {
                g = sinl * e[i + 1];
                e[i + 1] = cosl * e[i + 1];
            }

            cr[i - ll] = cosr;
            sr[i - ll] = sinr;
            cl[i - ll] = cosl;
            sl[i - ll] = sinl;
        }

        e[m - 1] = f;
    }

    /// <summary>Implicit-shift QR sweep chasing bottom to top over [ll, m]; rotations stored as in <see cref="ZeroShiftUp"/>.</summary>
    private static void ShiftedUp<T>(Span<T> d, Span<T> e, int ll, int m, T shift, Span<T> cu, Span<T> su, Span<T> cv, Span<T> sv)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T f = (T.Abs(d[m]) - shift) * (T.CopySign(T.One, d[m]) + (shift / d[m]));
        T g = e[m - 1];
        for (int i = m; i > ll; i--)
        {
            GivensRotation.Generate(f, g, out T cosr, out T sinr, out T r);
            if (i < m)
            {
                e[i] = r;
            }

            f = (cosr * d[i]) + (sinr * e[i - 1]);
            e[i - 1] = (cosr * e[i - 1]) - (sinr * d[i]);
            g = sinr * d[i - 1];
            d[i - 1] = cosr * d[i - 1];
            GivensRotation.Generate(f, g, out T cosl, out T sinl, out r);
            d[i] = r;
            f = (cosl * e[i - 1]) + (sinl * d[i - 1]);
            d[i - 1] = (cosl * d[i - 1]) - (sinl * e[i - 1]);
            if (i > ll + 1)
            {
                g = sinl * e[i - 2];
                e[i - 2] = cosl * e[i - 2];
            }

            cu[i - ll - 1] = cosr;
            su[i - ll - 1] = -sinr;
            cv[i - ll - 1] = cosl;
            sv[i - ll - 1] = -sinl;
        }

        e[ll] = f;
    }

    private static SvdNoConvergenceException NoConvergence<T>(Span<T> e, int n, long cap)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int unconverged = 0;
        foreach (T x in e)
        {
            if (x != T.Zero)
            {
                unconverged++;
            }
        }

        return new SvdNoConvergenceException(unconverged, n, cap);
    }
}
