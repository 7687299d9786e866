// ReverseJacobian: the sensitivities G = ∂y/∂z of an Mlp by reverse mode, for the stacked per-sample Jacobian.
//
// Each row of J is the gradient of one output y_{i,o} (sample i, output row o < s), so reverse mode pulls b·s
// cotangents back at once, as the rows of one matrix (row i·s+o belongs to sample i). With z_l the pre-activation
// of level l (1 … L):
//     G[i·s+o, level L] = S_i[o, :] ⊙ d_L[i, :]            (S_i the sample's seed: identity for the bare network,
//                                                          ∂P/∂u for a physics function after it)
//     G[r, level l]     = (G[r, level l+1]·W_l) ⊙ d_l[i, :]   for l = L−1 … 1 (one gemm over all b·s rows per level)
// (Griewank & Walther ch. 3: the reverse mode of the layered model). JacobianRowWriter then turns G into J's rows.
// Narrow layers (n_l ≤ 32) use NarrowProduct, bitwise the same as the gemm and the element-wise product.
// Cost beyond writing J: b·s·Σ_{l≥1} n_{l+1}·n_l multiply-adds.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class ReverseJacobian
{
    /// <summary>
    /// Fills the workspace's sensitivities G_1 … G_L (b·s × n_l each) for the cached forward pass. <paramref name="seeds"/> holds
    /// S_i (s×n_L) for each sample, sample after sample, or is empty for S_i = I (then s = n_L).
    /// </summary>
    public static void Propagate<T>(Mlp<T> net, ReadOnlySpan<T> theta, ReadOnlySpan<T> seeds, MlpWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = ws.RequireForward();
        int s = ws.SeedRows, layers = net.LayerCount;
        SeedOutputLevel(seeds, ws.Derivative(layers, b), s, ws.Sensitivities(layers, b));
        for (int level = layers - 1; level >= 1; level--)
        {
            MatrixView<T> below = ws.Sensitivities(level, b);
            MatrixView<T> d = ws.Derivative(level, b);
            ReadOnlyMatrixView<T> weights = net.WeightsOf(theta, level);
            if (NarrowProduct.Applies(weights.Rows, weights.Cols))
            {
                // Narrow layers: the same products and roundings as below, without gemm's packing (NarrowProduct).
                NarrowProduct.Multiply<T>(ws.Sensitivities(level + 1, b), weights, below, d, s);
                continue;
            }

            Blas.Gemm(Transpose.No, Transpose.No, T.One, ws.Sensitivities(level + 1, b), weights, T.Zero, below);
            for (int r = 0; r < below.Rows; r++)
            {
                Elementwise.Multiply(below.Row(r), d.Row(r / s), below.Row(r));
            }
        }
    }

    /// <summary>G[i·s+o, p] ← S_i[o, p]·d_L[i, p] (S_i = I when <paramref name="seeds"/> is empty), for the rows of <paramref name="g"/>.</summary>
    internal static void SeedOutputLevel<T>(ReadOnlySpan<T> seeds, MatrixView<T> dOut, int s, MatrixView<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nOut = dOut.Cols;
        for (int r = 0; r < g.Rows; r++)
        {
            Span<T> row = g.Row(r);
            ReadOnlySpan<T> d = dOut.Row(r / s);
            if (seeds.IsEmpty)
            {
                row.Clear();
                row[r % s] = d[r % s];
            }
            else
            {
                Elementwise.Multiply(seeds.Slice(r * nOut, nOut), d, row);
            }
        }
    }
}
