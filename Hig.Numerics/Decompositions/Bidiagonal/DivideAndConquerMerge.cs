// DivideAndConquerMerge: one merge step of the divide-and-conquer bidiagonal SVD (Gu & Eisenstat, "A divide-and-
// conquer algorithm for the bidiagonal SVD", SIAM J. Matrix Anal. Appl. 16(1), 1995, §3–§4), organised as LAPACK's
// dlasd1 (the merge), dlasd2 (deflation and grouping) and dlasd3 (vectors and products), written here afresh.
//
// The node covers rows r0 … r0 + n − 1 and columns r0 … r0 + m − 1 (m = n + sqre) of B. With the pivot row
// k = r0 + nl (α = d[k] at (k, k), β = e[k] at (k, k + 1)) and the children's SVDs B₁ = U₁[D₁ 0]V₁ᵀ (nl×(nl + 1)) and
// B₂ = U₂[D₂ 0]V₂ᵀ (nr×(nr + sqre)), B = diag(U₁, 1, U₂)·M·diag(V₁, V₂)ᵀ with M zero except D₁, D₂ and the pivot row
// (α·(last row of V₁), β·(first row of V₂)). A rotation of the two null columns (of V₁ and V₂) leaves one nonzero
// z₀ = √((α·φ₁)² + (β·φ₂)²) in the pivot row, and M becomes the "broken arrow" [z; 0 diag(d)] with the pole d₀ = 0.
// Storage: Uᵀ (in ut) and Vᵀ (in vt), one vector per row; row j of the node's Vᵀ with j ≥ n is its null vector.
//
// Deflation (dlasd2's two cases; every perturbation of B is at most tol = 8·ε·max(|α|, |β|, max dⱼ), ε = 2^(−p)):
//  - |zⱼ| ≤ tol: zⱼ is dropped; σ = dⱼ with the children's vectors.
//  - two poles with dⱼ − dᵢ = t: rotating (zᵢ, zⱼ) into (0, r) on both sides moves the 2×2 diagonal block by at most
//    |t|·min(|zᵢ|, |zⱼ|)/r, so when that is ≤ tol the pole with the smaller |z| is deflated. (dlasd2 tests |t·c·s|;
//    our test bounds the diagonal change as well.) Kept poles are thus more than √2·tol apart.
//  - z₀ is raised to tol when smaller, and the smallest kept nonzero pole to tol/2 (dlasd2), so that the secular
//    equation has distinct poles and nonzero weights.
// The kept poles are ordered for the products by where their vectors live: [left child only | z₀'s pole, both |
// right child only], so the upper rows of the product use the first two groups and the lower rows the last two
// (dlasd2's column types), halving the gemm's work.
// The merge is scaled by a power of two so that max(|α|, |β|, dⱼ) ∈ [1, 2) (dlasd1 scales by this norm); the scaling
// is exact and undone on σ.
// Invariants: on return d[r0 …] holds the node's singular values (kept roots ascending, then the deflated ones), the
// node's rows of ut and vt their vectors, orthonormal to working precision.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class DivideAndConquerMerge
{
    /// <summary>Merges the solved children of the node (r0, nl + 1 + nr rows, sqre) into the node's SVD.</summary>
    /// <exception cref="SvdNoConvergenceException">The secular equation did not converge for some root.</exception>
    public static void Merge<T>(Span<T> d, ReadOnlySpan<T> e, MatrixView<T> ut, MatrixView<T> vt, int r0, int nl, int nr, int sqre, in MergeWorkspace<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = nl + 1 + nr, m = n + sqre, k = r0 + nl;
        T eps = MachineConstants<T>.Eps;

        // Scale by a power of two so that the largest of |α|, |β| and the children's σ lies in [1, 2).
        T alpha = d[k], beta = e[k];
        T norm = T.Max(T.Abs(alpha), T.Abs(beta));
        for (int j = r0; j < r0 + n; j++)
        {
            if (j != k)
            {
                norm = T.Max(norm, d[j]);
            }
        }

        int exponent = norm == T.Zero ? 0 : T.ILogB(norm);
        T scale = T.ScaleB(T.One, -exponent);
        alpha *= scale;
        beta *= scale;
        T tol = T.CreateTruncating(8) * eps * (norm * scale);

        // The two null columns (V₁'s last, V₂'s last when sqre = 1) rotated so that only z₀ is left in the pivot row.
        T z1 = alpha * vt[k, k], z2 = sqre == 1 ? beta * vt[r0 + n, k + 1] : T.Zero;
        T z0 = T.Hypot(z1, z2);
        if (sqre == 1 && z0 != T.Zero)
        {
            Blas.Rot(vt.Row(k).Slice(r0, m), vt.Row(r0 + n).Slice(r0, m), z1 / z0, z2 / z0);
        }
        else if (z1 < T.Zero)
        {
            z0 = -z1;
            NegateRow(vt.Row(k).Slice(r0, m));
        }

        Span<T> pivotU = ut.Row(k).Slice(r0, n);
        pivotU.Clear();
        ut[k, k] = T.One;

        // The poles: 0 is z₀'s (d = 0), then the left child's, then the right child's.
        Span<T> poleD = w.PoleD, poleZ = w.PoleZ;
        Span<int> row = w.Row, type = w.Type;
        poleD[0] = T.Zero;
        poleZ[0] = z0;
        row[0] = k;
        type[0] = 2;
        for (int j = 0; j < nl; j++)
        {
            int r = r0 + j;
            poleD[1 + j] = d[r] * scale;
            poleZ[1 + j] = alpha * vt[r, k];
            row[1 + j] = r;
            type[1 + j] = 1;
        }

        for (int j = 0; j < nr; j++)
        {
            int r = k + 1 + j;
            poleD[nl + 1 + j] = d[r] * scale;
            poleZ[nl + 1 + j] = beta * vt[r, k + 1];
            row[nl + 1 + j] = r;
            type[nl + 1 + j] = 3;
        }

        Span<T> keys = w.Keys[..(n - 1)];
        Span<int> order = w.Order[..(n - 1)];
        for (int p = 1; p < n; p++)
        {
            keys[p - 1] = poleD[p];
            order[p - 1] = p;
        }

        keys.Sort(order);

        Deflate(ut, vt, r0, n, m, tol, w, out int kept, out int deflated);
        Span<int> keptPoles = w.Kept[..kept];

        // Group the kept poles: [type 1 | pole 0, type 2 | type 3].
        int k1 = 0, k2 = 0;
        for (int q = 1; q < kept; q++)
        {
            int t = type[keptPoles[q]];
            k1 += t == 1 ? 1 : 0;
            k2 += t == 2 ? 1 : 0;
        }

        int next1 = 0, next2 = k1 + 1, next3 = k1 + 1 + k2;
        Span<int> position = w.Position[..kept];
        position[0] = k1;
        for (int q = 1; q < kept; q++)
        {
            int t = type[keptPoles[q]];
            position[q] = t == 1 ? next1++ : t == 2 ? next2++ : next3++;
        }

        // The secular equation of the kept poles (ascending, d₀ = 0), with z normalized: 1/ρ + Σ ẑⱼ²/(dⱼ² − σ²).
        Span<T> keptD = w.KeptD[..kept], keptZ = w.KeptZ[..kept];
        T rho = T.Zero;
        for (int q = 0; q < kept; q++)
        {
            keptD[q] = poleD[keptPoles[q]];
            keptZ[q] = poleZ[keptPoles[q]];
            rho += keptZ[q] * keptZ[q];
        }

        T zNorm = T.Sqrt(rho);
        for (int q = 0; q < kept; q++)
        {
            keptZ[q] /= zNorm;
        }

        Span<T> tau = w.Tau[..kept];
        Span<int> origin = w.Origin[..kept];
        for (int i = 0; i < kept; i++)
        {
            SecularEquation.Solve<T>(keptD, keptZ, rho, i, out origin[i], out tau[i]);
        }

        for (int q = 0; q < kept; q++)
        {
            keptZ[q] *= zNorm; // back to the unnormalized z, whose signs Löwner's ẑ takes
        }

        MergeVectors.Form(ut, vt, r0, nl, nr, sqre, kept, deflated, k1, k2, w);

        for (int i = 0; i < kept; i++)
        {
            d[r0 + i] = T.ScaleB(keptD[origin[i]] + tau[i], exponent);
        }

        for (int t = 0; t < deflated; t++)
        {
            d[r0 + kept + t] = T.ScaleB(poleD[w.Deflated[t]], exponent);
        }
    }

    /// <summary>
    /// dlasd2's deflation over the sorted poles (w.Order): fills w.Kept (pole 0 first, then ascending) and
    /// w.Deflated, rotating the vectors of pairs of close poles in ut and vt.
    /// </summary>
    private static void Deflate<T>(MatrixView<T> ut, MatrixView<T> vt, int r0, int n, int m, T tol, in MergeWorkspace<T> w, out int kept, out int deflated)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> poleD = w.PoleD, poleZ = w.PoleZ;
        Span<int> row = w.Row, type = w.Type, keptPoles = w.Kept, deflatedPoles = w.Deflated;
        kept = 0;
        deflated = 0;
        keptPoles[kept++] = 0;
        int pending = -1;
        for (int idx = 0; idx < n - 1; idx++)
        {
            int p = w.Order[idx];
            if (T.Abs(poleZ[p]) <= tol)
            {
                deflatedPoles[deflated++] = p;
                continue;
            }

            if (pending < 0)
            {
                pending = p;
                continue;
            }

            T gap = poleD[p] - poleD[pending];
            T r = T.Hypot(poleZ[pending], poleZ[p]);
            T zMin = T.Min(T.Abs(poleZ[pending]), T.Abs(poleZ[p]));
            if (gap * (zMin / r) <= tol)
            {
                // Keep a (the larger |z|), deflate b: new a = c·a + s·b carries z = r, new b = c·b − s·a has z = 0.
                int a = T.Abs(poleZ[p]) >= T.Abs(poleZ[pending]) ? p : pending;
                int b = a == p ? pending : p;
                T c = poleZ[a] / r, s = poleZ[b] / r;
                Blas.Rot(ut.Row(row[a]).Slice(r0, n), ut.Row(row[b]).Slice(r0, n), c, s);
                Blas.Rot(vt.Row(row[a]).Slice(r0, m), vt.Row(row[b]).Slice(r0, m), c, s);
                poleZ[a] = r;
                poleZ[b] = T.Zero;
                if (type[a] != type[b])
                {
                    type[a] = 2;
                }

                deflatedPoles[deflated++] = b;
                pending = a;
            }
            else
            {
                keptPoles[kept++] = pending;
                pending = p;
            }
        }

        if (pending >= 0)
        {
            keptPoles[kept++] = pending;
        }

        T halfTol = tol / T.CreateTruncating(2);
        if (poleZ[0] <= tol)
        {
            poleZ[0] = tol;
        }

        if (kept > 1 && poleD[keptPoles[1]] <= halfTol)
        {
            poleD[keptPoles[1]] = halfTol;
        }
    }

    private static void NegateRow<T>(Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = -x[i];
        }
    }
}
