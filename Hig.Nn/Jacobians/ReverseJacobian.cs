// ReverseJacobian: the stacked per-sample Jacobian of an Mlp by reverse mode.
//
// Each row of J is the gradient of one output y_{i,o} (sample i, output row o < s), so reverse mode pulls
// b·s cotangents back at once, as the rows of one matrix Δ (row i·s+o belongs to sample i):
//     Δ_L[i·s+o, :] = S_i[o, :] ⊙ d_L[i, :]          (S_i the sample's seed: identity for the bare network,
//                                                    ∂P/∂u for a physics function after it)
//     for l = L−1 … 0:  J[r, layer l] = vec(Δ[r, :] ⊗ a_l[i, :]), then Δ[r, :]   (LayerBlockWriter)
//                       Δ ← (Δ·W_l) ⊙ d_l[i, :]        (one gemm over all b·s rows; skipped for l = 0)
// so J's rows are written straight from per-sample outer products, each element once (Griewank & Walther
// ch. 3, the reverse mode of the layered model; the HIG paper's stacked Jacobian).
// Cost beyond writing J: b·s·Σ_{l≥1} n_{l+1}·n_l multiply-adds for the gemms.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class ReverseJacobian
{
    /// <summary>
    /// J ← S·∂a_L/∂θ stacked per sample for the cached forward pass. <paramref name="seeds"/> holds S_i (s×n_L) for each
    /// sample, sample after sample, or is empty for S_i = I (then s = n_L).
    /// </summary>
    public static void Assemble<T>(Mlp<T> net, ReadOnlySpan<T> theta, ReadOnlySpan<T> seeds, MlpWorkspace<T> ws, MatrixView<T> jacobian)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = ws.RequireForward();
        int s = ws.SeedRows, rows = b * s, layers = net.LayerCount;
        Span<T> current = ws.Propagation0, next = ws.Propagation1;
        var delta = new MatrixView<T>(current, rows, net.OutputSize);
        SeedOutputLayer(seeds, ws.Derivative(layers, b), s, delta);

        for (int l = layers - 1; l >= 0; l--)
        {
            int nIn = net.Widths[l], nOut = net.Widths[l + 1];
            int offset = net.WeightOffset(l), length = nOut * (nIn + 1);
            MatrixView<T> a = ws.Level(l, b);
            for (int r = 0; r < rows; r++)
            {
                LayerBlockWriter.Write(jacobian.Row(r).Slice(offset, length), delta.Row(r), a.Row(r / s));
            }

            if (l == 0)
            {
                break;
            }

            var previous = new MatrixView<T>(next, rows, nIn);
            Blas.Gemm(Transpose.No, Transpose.No, T.One, delta, net.WeightsOf(theta, l), T.Zero, previous);
            MatrixView<T> d = ws.Derivative(l, b);
            for (int r = 0; r < rows; r++)
            {
                MlpBackwardPass.Multiply(previous.Row(r), d.Row(r / s), previous.Row(r));
            }

            delta = previous;
            Span<T> swap = current;
            current = next;
            next = swap;
        }
    }

    /// <summary>Δ_L[i·s+o, p] ← S_i[o, p]·d_L[i, p] (S_i = I when <paramref name="seeds"/> is empty).</summary>
    internal static void SeedOutputLayer<T>(ReadOnlySpan<T> seeds, MatrixView<T> dOut, int s, MatrixView<T> delta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nOut = dOut.Cols;
        for (int r = 0; r < delta.Rows; r++)
        {
            Span<T> row = delta.Row(r);
            ReadOnlySpan<T> d = dOut.Row(r / s);
            if (seeds.IsEmpty)
            {
                row.Clear();
                row[r % s] = d[r % s];
            }
            else
            {
                MlpBackwardPass.Multiply(seeds.Slice(r * nOut, nOut), d, row);
            }
        }
    }
}
