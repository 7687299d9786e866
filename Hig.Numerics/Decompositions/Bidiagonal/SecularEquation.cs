// SecularEquation: one root of the secular equation of the divide-and-conquer SVD merge,
//     g(σ) = 1/ρ + Σⱼ zⱼ² / ((dⱼ − σ)(dⱼ + σ)) = 0,
// for poles 0 ≤ d₀ < d₁ < … < d_{k−1}, ‖z‖ = 1, every zⱼ ≠ 0 and ρ > 0 (what the deflation leaves). The roots
// interlace: dᵢ < σᵢ < dᵢ₊₁ for i < k − 1 and d_{k−1} < σ_{k−1} < √(d_{k−1}² + ρ).
// Reference: LAPACK dlasd4 (and dlasd5, whose two-pole formulas are the initial guess here); Gu & Eisenstat, "A
// divide-and-conquer algorithm for the bidiagonal SVD", SIAM J. Matrix Anal. Appl. 16(1), 1995; Ren-Cang Li,
// "Solving secular equations stably and efficiently", LAPACK Working Note 89 (1993), the "middle way".
//
// Representation (the point of the routine): σ is never stored alone but as σ = d_o + τ with o the pole nearest the
// root, chosen by the sign of g at the midpoint of (dᵢ², dᵢ₊₁²) (for the last root o = k − 1). Then
//     dⱼ − σ = (dⱼ − d_o) − τ   and   dⱼ + σ = (dⱼ + d_o) + τ
// are computed to a few ulps relative, even for j = o (dⱼ − σ = −τ exactly), so σ² − dⱼ² never cancels. Every later
// use (Löwner's formula, the vectors) recomputes these differences from (o, τ) the same way (see Difference).
//
// Iteration: the middle way (Li §4; dlasd4's default): g's two sums ψ (poles ≤ p₁) and φ (poles ≥ p₂) are each
// replaced by c + s/(Δ − η) matching value and derivative at the current σ², p₁ and p₂ the poles bracketing the
// root (for the last root, k − 2 and k − 1), and the resulting quadratic solved for the step η in σ². When |g| has
// not fallen tenfold with the same sign, the next interior step uses the fixed-weight model instead (the weight of
// the origin pole kept at its true zₒ², dlasd4's switch). Safeguards of our own: a bracket [lo, hi] on τ is kept from
// the signs of g (g increases with σ), a step that would leave it, or that points against −g, is replaced by a
// Newton step and, failing that, by bisection, so the iteration cannot wander.
// Stopping (invariants): |g| ≤ ε·(8·(|ψ| + |φ|) + 2/ρ + 2σ·|τ|·(ψ' + φ')), the rounding error of evaluating g plus
// the change of g over one ulp of τ (dlasd4's erretm test, ε = 2^(−p)); or the bracket has shrunk to
// 4·ε·max(|lo|, |hi|) (τ is then known to an ulp or two). At most MaxIterations iterations, else
// SvdNoConvergenceException. Inputs must be finite (callers scale the merge so that max(dⱼ, |α|, |β|) ∈ [1, 2)).
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class SecularEquation
{
    /// <summary>Iteration cap per root (dlasd4's MAXIT is 400); never reached in the tests.</summary>
    public const int MaxIterations = 400;

    /// <summary>dⱼ − σ for σ = d[origin] + tau, computed without cancellation (as every caller must).</summary>
    public static T Difference<T>(ReadOnlySpan<T> d, int j, int origin, T tau)
        where T : unmanaged, IFloatingPointIeee754<T> => (d[j] - d[origin]) - tau;

    /// <summary>dⱼ + σ for σ = d[origin] + tau.</summary>
    public static T Sum<T>(ReadOnlySpan<T> d, int j, int origin, T tau)
        where T : unmanaged, IFloatingPointIeee754<T> => (d[j] + d[origin]) + tau;

    /// <summary>Root <paramref name="i"/> (0-based, increasing): σᵢ = d[origin] + tau.</summary>
    /// <param name="d">The poles, increasing.</param>
    /// <param name="z">The weights, ‖z‖ = 1, none zero.</param>
    /// <param name="rho">ρ &gt; 0.</param>
    /// <param name="i">Which root.</param>
    /// <param name="origin">The pole σ is measured from: i or i + 1.</param>
    /// <param name="tau">σ − d[origin].</param>
    /// <param name="maxIterations">The cap (default <see cref="MaxIterations"/>; tests lower it).</param>
    /// <exception cref="SvdNoConvergenceException">More than <paramref name="maxIterations"/> iterations.</exception>
    public static void Solve<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> z, T rho, int i, out int origin, out T tau, int maxIterations = MaxIterations)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = d.Length;
        T two = T.CreateTruncating(2), half = T.CreateTruncating(0.5), four = T.CreateTruncating(4);
        T eps = MachineConstants<T>.Eps;
        T rhoInv = T.One / rho;
        if (k == 1)
        {
            // σ² = d₀² + ρ·z₀² with z₀² = 1.
            origin = 0;
            tau = rho / (d[0] + T.Sqrt((d[0] * d[0]) + rho));
            return;
        }

        bool last = i == k - 1;
        int p1 = last ? k - 2 : i, p2 = p1 + 1;
        T lo, hi;

        // The two-pole model at the midpoint: c is g there without the terms of poles p1 and p2 (dlasd5's setting).
        if (!last)
        {
            T delsq = (d[p2] - d[p1]) * (d[p2] + d[p1]);
            T tauMid = delsq * half / (d[p1] + T.Sqrt((d[p1] * d[p1]) + (delsq * half)));
            T g = Evaluate(d, z, rhoInv, p1, p1, tauMid, out _, out _, out _, out _, out _);
            T c = g - Term(d, z, p1, p1, tauMid) - Term(d, z, p2, p1, tauMid);
            T zz1 = z[p1] * z[p1], zz2 = z[p2] * z[p2];
            T x;
            if (g >= T.Zero)
            {
                // Root in the lower half: origin at dᵢ, x = σ² − dᵢ² ∈ (0, delsq/2]; c·x² − a·x + b = 0.
                origin = p1;
                lo = T.Zero;
                hi = tauMid;
                T a = (c * delsq) + zz1 + zz2, b = zz1 * delsq;
                T disc = T.Sqrt(T.Abs((a * a) - (four * b * c)));
                x = a > T.Zero ? two * b / (a + disc) : (a - disc) / (two * c);
                tau = x / (d[p1] + T.Sqrt((d[p1] * d[p1]) + x));
            }
            else
            {
                // Root in the upper half: origin at dᵢ₊₁, x = σ² − dᵢ₊₁² ∈ [−delsq/2, 0); c·x² + a·x − b = 0.
                origin = p2;
                lo = -(delsq * half / (d[p2] + T.Sqrt((d[p2] * d[p2]) - (delsq * half))));
                hi = T.Zero;
                T a = (c * delsq) - zz1 - zz2, b = zz2 * delsq;
                T disc = T.Sqrt(T.Abs((a * a) + (four * b * c)));
                x = a < T.Zero ? two * b / (a - disc) : -(a + disc) / (two * c);
                tau = x / (d[p2] + T.Sqrt((d[p2] * d[p2]) + x));
            }
        }
        else
        {
            origin = p2;
            T dn = d[p2];
            T tauMax = rho / (dn + T.Sqrt((dn * dn) + rho)); // σ² = d_{k−1}² + ρ bounds the last root
            T tauMid = rho * half / (dn + T.Sqrt((dn * dn) + (rho * half)));
            T g = Evaluate(d, z, rhoInv, p1, p2, tauMid, out _, out _, out _, out _, out _);
            if (g >= T.Zero)
            {
                lo = T.Zero;
                hi = tauMid;
            }
            else
            {
                lo = tauMid;
                hi = tauMax;
            }

            T c = g - Term(d, z, p1, p2, tauMid) - Term(d, z, p2, p2, tauMid);
            T delsq = (dn - d[p1]) * (dn + d[p1]);
            T a = (c * delsq) - (z[p1] * z[p1]) - (z[p2] * z[p2]), b = z[p2] * z[p2] * delsq;
            T disc = T.Sqrt(T.Abs((a * a) + (four * b * c)));
            T x = a >= T.Zero ? two * b / (a + disc) : (disc - a) / (two * c);
            tau = x / (dn + T.Sqrt((dn * dn) + x));
        }

        if (!(tau > lo && tau < hi))
        {
            tau = half * (lo + hi);
        }

        bool fixedWeight = false;
        T previous = T.Zero;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            T g = Evaluate(d, z, rhoInv, p1, origin, tau, out T psi, out T phi, out T dpsi, out T dphi, out T sigma);
            T dw = dpsi + dphi;
            T bound = eps * ((T.CreateTruncating(8) * (T.Abs(psi) + T.Abs(phi))) + (two * rhoInv) + (two * sigma * T.Abs(tau) * dw));
            if (T.Abs(g) <= bound)
            {
                return;
            }

            if (g < T.Zero)
            {
                lo = tau;
            }
            else
            {
                hi = tau;
            }

            if (hi - lo <= four * eps * T.Max(T.Abs(lo), T.Abs(hi)))
            {
                return;
            }

            // Δ = dⱼ² − σ² at the two model poles.
            T delta1 = Difference(d, p1, origin, tau) * Sum(d, p1, origin, tau);
            T delta2 = Difference(d, p2, origin, tau) * Sum(d, p2, origin, tau);
            T cc;
            if (fixedWeight && !last)
            {
                // The origin pole keeps its true weight zₒ²; the other absorbs the rest of g' (dlasd4's alternative).
                T dOrigin = origin == p1 ? delta1 : delta2, dOther = origin == p1 ? delta2 : delta1;
                T ratio = z[origin] / dOrigin;
                cc = g - (dOther * dw) - ((dOrigin - dOther) * ratio * ratio);
            }
            else
            {
                cc = g - (delta1 * dpsi) - (delta2 * dphi); // the middle way
            }

            T aa = ((delta1 + delta2) * g) - (delta1 * delta2 * dw);
            T bb = delta1 * delta2 * g;
            T disc = T.Sqrt(T.Abs((aa * aa) - (four * bb * cc)));
            T eta;
            if (!last)
            {
                // The model's root between its poles is the one of smaller magnitude, 2b/(a + √·) = (a − √·)/(2c).
                eta = cc == T.Zero ? bb / aa : aa <= T.Zero ? (aa - disc) / (two * cc) : two * bb / (aa + disc);
            }
            else
            {
                // Beyond the last pole: the larger root, which exists when c > 0.
                eta = cc <= T.Zero ? -g / dw : aa >= T.Zero ? (aa + disc) / (two * cc) : two * bb / (aa - disc);
            }

            if (!T.IsFinite(eta) || g * eta >= T.Zero)
            {
                eta = -g / dw; // Newton's step in σ²
            }

            T step = eta / (sigma + T.Sqrt((sigma * sigma) + eta));
            T next = tau + step;
            if (!(next > lo && next < hi))
            {
                next = half * (lo + hi);
            }

            if (!last && iteration > 0 && g * previous > T.Zero && T.Abs(g) > T.Abs(previous) / T.CreateTruncating(10))
            {
                fixedWeight = !fixedWeight;
            }

            previous = g;
            tau = next;
        }

        throw new SvdNoConvergenceException(
            $"The secular equation of the divide-and-conquer SVD did not converge for root {i} of {k} within {maxIterations} iterations.");
    }

    /// <summary>zⱼ² / (dⱼ² − σ²) for σ = d[origin] + tau.</summary>
    private static T Term<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> z, int j, int origin, T tau)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        z[j] * (z[j] / (Difference(d, j, origin, tau) * Sum(d, j, origin, tau)));

    /// <summary>
    /// g at σ = d[origin] + tau, with ψ = the sum over poles ≤ <paramref name="p1"/>, φ over the rest, and their
    /// derivatives with respect to σ² (ψ' = Σ zⱼ²/(dⱼ² − σ²)²).
    /// </summary>
    private static T Evaluate<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> z, T rhoInv, int p1, int origin, T tau, out T psi, out T phi, out T dpsi, out T dphi, out T sigma)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T dOrigin = d[origin];
        psi = T.Zero;
        dpsi = T.Zero;
        for (int j = 0; j <= p1; j++)
        {
            T q = z[j] / (((d[j] - dOrigin) - tau) * ((d[j] + dOrigin) + tau));
            psi += z[j] * q;
            dpsi += q * q;
        }

        phi = T.Zero;
        dphi = T.Zero;
        for (int j = p1 + 1; j < d.Length; j++)
        {
            T q = z[j] / (((d[j] - dOrigin) - tau) * ((d[j] + dOrigin) + tau));
            phi += z[j] * q;
            dphi += q * q;
        }

        sigma = dOrigin + tau;
        return rhoInv + psi + phi;
    }
}
