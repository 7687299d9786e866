// MergeVectors: the singular vectors of a divide-and-conquer merge, from the secular roots, and their products with
// the children's vectors. Reference: Gu & Eisenstat, SIAM J. Matrix Anal. Appl. 16(1), 1995, §3.2 and §4 (Löwner's
// formula); LAPACK dlasd3 and dlasd8, written here afresh.
//
// For the broken arrow M = [z; 0 diag(d₁ … d_{k−1})] (d₀ = 0) with computed roots σᵢ, Löwner's theorem gives the
// vector ẑ for which the σᵢ are the EXACT singular values of M̂ = [ẑ; 0 diag(d)]:
//     ẑⱼ² = (σ_{k−1}² − dⱼ²) · Π_{i<j} (σᵢ² − dⱼ²)/(dᵢ² − dⱼ²) · Π_{j≤i<k−1} (σᵢ² − dⱼ²)/(dᵢ₊₁² − dⱼ²),
// sign(ẑⱼ) = sign(zⱼ). Every factor lies in (0, 1] by interlacing (so the partial products never underflow below
// ẑⱼ²), and every σᵢ² − dⱼ² is −(dⱼ − σᵢ)(dⱼ + σᵢ) formed from σᵢ's offset to its origin pole
// (SecularEquation.Difference), so ẑ has high relative accuracy; |ẑ − z| is within the secular solver's tolerance.
// M̂'s singular vectors (exact formulas, Gu & Eisenstat (3.3)):
//     vᵢ ∝ (ẑⱼ/(dⱼ² − σᵢ²))ⱼ,     uᵢ ∝ (−1, dⱼ·ẑⱼ/(dⱼ² − σᵢ²) for j ≥ 1),
// each computed to high relative accuracy componentwise, hence orthonormal to working precision however close the
// σᵢ are. These are the k×k weights W (row i = vector i over the poles, in the grouped order of the merge); the
// node's vectors are W times the gathered children's vectors (Uᵀ and Vᵀ rows), by two Blas.Gemm calls per side over
// the upper and lower halves of the columns. Deflated vectors are copied unchanged.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class MergeVectors
{
    /// <summary>Writes the node's Uᵀ and Vᵀ rows (kept roots ascending, then the deflated poles).</summary>
    public static void Form<T>(MatrixView<T> ut, MatrixView<T> vt, int r0, int nl, int nr, int sqre, int kept, int deflated, int k1, int k2, in MergeWorkspace<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = nl + 1 + nr, m = n + sqre, k = r0 + nl;
        ReadOnlySpan<T> dk = w.KeptD[..kept], zk = w.KeptZ[..kept], tau = w.Tau[..kept];
        ReadOnlySpan<int> origin = w.Origin[..kept], position = w.Position[..kept], keptPoles = w.Kept[..kept];
        Span<T> zHat = w.ZHat[..kept];
        for (int j = 0; j < kept; j++)
        {
            T dj = dk[j];
            int last = kept - 1;
            T product = -(SecularEquation.Difference(dk, j, origin[last], tau[last]) * SecularEquation.Sum(dk, j, origin[last], tau[last]));
            for (int i = 0; i < j; i++)
            {
                T numerator = SecularEquation.Difference(dk, j, origin[i], tau[i]) * SecularEquation.Sum(dk, j, origin[i], tau[i]);
                product *= numerator / ((dj - dk[i]) * (dj + dk[i]));
            }

            for (int i = j; i < last; i++)
            {
                T numerator = SecularEquation.Difference(dk, j, origin[i], tau[i]) * SecularEquation.Sum(dk, j, origin[i], tau[i]);
                product *= numerator / ((dj - dk[i + 1]) * (dj + dk[i + 1]));
            }

            zHat[j] = T.CopySign(T.Sqrt(product), zk[j]);
        }

        var weights = new MatrixView<T>(w.Weights, kept, kept);
        int top = k1 + 1 + k2, bottom = kept - k1;

        // Right vectors.
        FillWeights(weights, dk, zHat, tau, origin, position, left: false);
        var g = new MatrixView<T>(w.Gathered, n, m);
        Gather(vt, r0, m, kept, deflated, keptPoles, position, w, g);
        Blas.Gemm(Transpose.No, Transpose.No, T.One, weights.Slice(0, 0, kept, top), g.Slice(0, 0, top, nl + 1), T.Zero, vt.Slice(r0, r0, kept, nl + 1));
        Blas.Gemm(Transpose.No, Transpose.No, T.One, weights.Slice(0, k1, kept, bottom), g.Slice(k1, nl + 1, bottom, m - nl - 1), T.Zero, vt.Slice(r0, k + 1, kept, m - nl - 1));
        for (int t = 0; t < deflated; t++)
        {
            g.Row(kept + t).CopyTo(vt.Row(r0 + kept + t).Slice(r0, m));
        }

        // Left vectors: the pivot row's vector is e_k, so column k of the product is W's column of pole 0.
        FillWeights(weights, dk, zHat, tau, origin, position, left: true);
        g = new MatrixView<T>(w.Gathered, n, n);
        Gather(ut, r0, n, kept, deflated, keptPoles, position, w, g);
        Blas.Gemm(Transpose.No, Transpose.No, T.One, weights.Slice(0, 0, kept, top), g.Slice(0, 0, top, nl), T.Zero, ut.Slice(r0, r0, kept, nl));
        Blas.Gemm(Transpose.No, Transpose.No, T.One, weights.Slice(0, k1, kept, bottom), g.Slice(k1, nl + 1, bottom, nr), T.Zero, ut.Slice(r0, k + 1, kept, nr));
        for (int i = 0; i < kept; i++)
        {
            ut[r0 + i, k] = weights[i, k1];
        }

        for (int t = 0; t < deflated; t++)
        {
            g.Row(kept + t).CopyTo(ut.Row(r0 + kept + t).Slice(r0, n));
        }
    }

    /// <summary>Row i of <paramref name="weights"/>: M̂'s right (or left) singular vector i over the poles, normalized.</summary>
    private static void FillWeights<T>(MatrixView<T> weights, ReadOnlySpan<T> dk, ReadOnlySpan<T> zHat, ReadOnlySpan<T> tau, ReadOnlySpan<int> origin, ReadOnlySpan<int> position, bool left)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kept = dk.Length;
        for (int i = 0; i < kept; i++)
        {
            Span<T> wr = weights.Row(i);
            int o = origin[i];
            T t = tau[i], sum = T.Zero;
            for (int j = 0; j < kept; j++)
            {
                T q = zHat[j] / (SecularEquation.Difference(dk, j, o, t) * SecularEquation.Sum(dk, j, o, t));
                if (left)
                {
                    q = j == 0 ? -T.One : dk[j] * q;
                }

                wr[position[j]] = q;
                sum += q * q;
            }

            T inverse = T.One / T.Sqrt(sum);
            for (int j = 0; j < kept; j++)
            {
                wr[j] *= inverse;
            }
        }
    }

    /// <summary>Copies the node's rows of the children's vectors into g: kept poles at their grouped positions, then the deflated ones.</summary>
    private static void Gather<T>(MatrixView<T> vectors, int r0, int width, int kept, int deflated, ReadOnlySpan<int> keptPoles, ReadOnlySpan<int> position, in MergeWorkspace<T> w, MatrixView<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int q = 0; q < kept; q++)
        {
            vectors.Row(w.Row[keptPoles[q]]).Slice(r0, width).CopyTo(g.Row(position[q]));
        }

        for (int t = 0; t < deflated; t++)
        {
            vectors.Row(w.Row[w.Deflated[t]]).Slice(r0, width).CopyTo(g.Row(kept + t));
        }
    }
}
