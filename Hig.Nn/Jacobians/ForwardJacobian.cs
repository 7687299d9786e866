// ForwardJacobian: the stacked per-sample Jacobian of an Mlp by forward mode.
//
// Forward mode pushes parameter tangents. A tangent of the bias b_l[k] enters as ż_{l+1} = e_k; a tangent of
// the weight W_l[k, q] enters as ż_{l+1} = a_l[q]·e_k, the same direction scaled by the sample's input, and the
// tangent map after z_{l+1} is linear. So per layer it suffices to push the n_{l+1} bias tangents of every
// sample through the layers above,
//     F[i·n+k, :] = ∂a_L/∂z_{l+1}[k] for sample i:   level l+1: d_{l+1}[i, k]·e_k,
//                                                  level l+2: d_{l+2}[i, :] ⊙ W_{l+1}[:, k]·d_{l+1}[i, k],
//                                                  level m+1: (F·W_mᵀ) ⊙ d_{m+1}[i, :]   (one gemm over b·n rows),
// then M_i = S_i·F_iᵀ (s×n: ∂y_i/∂z_{l+1}) gives every column of the layer by the same outer products as reverse
// mode: J[i·s+o, layer l] = vec(M_i[o, :] ⊗ a_l[i, :]), then M_i[o, :] (LayerBlockWriter). Weight columns are
// thus exact multiples of bias columns (linearity of the JVP in the tangent), not separate passes.
// Cost beyond writing J: b·Σ_l n_{l+1}·(n_{l+2} + Σ_{m>l+1} n_{m+1}·n_m) multiply-adds, plus s·n_{l+1}·n_L per sample
// and layer for a general seed.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class ForwardJacobian
{
    /// <summary>
    /// J ← S·∂a_L/∂θ stacked per sample for the cached forward pass, with the seeds as in
    /// <see cref="ReverseJacobian.Assemble"/>.
    /// </summary>
    public static void Assemble<T>(Mlp<T> net, ReadOnlySpan<T> theta, ReadOnlySpan<T> seeds, MlpWorkspace<T> ws, MatrixView<T> jacobian)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = ws.RequireForward();
        int s = ws.SeedRows, layers = net.LayerCount, nLast = net.OutputSize;
        for (int l = 0; l < layers; l++)
        {
            int n = net.Widths[l + 1];
            var m = new MatrixView<T>(ws.Transfer, s, n);
            if (l == layers - 1)
            {
                // The output layer's tangents need no propagation: M_i = S_i·diag(d_L[i]), as reverse mode's seed.
                MatrixView<T> dOut = ws.Derivative(layers, b);
                for (int i = 0; i < b; i++)
                {
                    ReverseJacobian.SeedOutputLayer(SeedOf(seeds, i, s * nLast), dOut.SliceRows(i, 1), s, m);
                    WriteSampleRows(net, l, m, ws.Level(l, b).Row(i), jacobian.SliceRows(i * s, s));
                }

                continue;
            }

            MatrixView<T> f = PushBiasTangents(net, theta, ws, l, b);
            for (int i = 0; i < b; i++)
            {
                ReadOnlyMatrixView<T> fi = f.SliceRows(i * n, n);
                ReadOnlySpan<T> seed = SeedOf(seeds, i, s * nLast);
                for (int o = 0; o < s; o++)
                {
                    Span<T> row = m.Row(o);
                    for (int k = 0; k < n; k++)
                    {
                        row[k] = seed.IsEmpty ? fi[k, o] : Blas.Dot(seed.Slice(o * nLast, nLast), fi.Row(k));
                    }
                }

                WriteSampleRows(net, l, m, ws.Level(l, b).Row(i), jacobian.SliceRows(i * s, s));
            }
        }
    }

    /// <summary>F (b·n_{l+1} × n_L): row i·n+k is ∂a_L/∂z_{l+1}[k] of sample i (l &lt; L−1).</summary>
    private static MatrixView<T> PushBiasTangents<T>(Mlp<T> net, ReadOnlySpan<T> theta, MlpWorkspace<T> ws, int l, int b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = net.Widths[l + 1], rows = b * n;
        Span<T> current = ws.Propagation0, next = ws.Propagation1;

        // Level l+2 directly: the tangent e_k·d_{l+1}[i, k] through W_{l+1} is column k of W_{l+1} scaled.
        int nNext = net.Widths[l + 2];
        var f = new MatrixView<T>(current, rows, nNext);
        ReadOnlyMatrixView<T> w = net.WeightsOf(theta, l + 1);
        MatrixView<T> dHere = ws.Derivative(l + 1, b), dNext = ws.Derivative(l + 2, b);
        for (int i = 0; i < b; i++)
        {
            ReadOnlySpan<T> dn = dNext.Row(i);
            for (int k = 0; k < n; k++)
            {
                T c = dHere[i, k];
                Span<T> row = f.Row((i * n) + k);
                for (int q = 0; q < nNext; q++)
                {
                    row[q] = w[q, k] * c * dn[q];
                }
            }
        }

        for (int layer = l + 2; layer < net.LayerCount; layer++)
        {
            int nOut = net.Widths[layer + 1];
            var pushed = new MatrixView<T>(next, rows, nOut);
            Blas.Gemm(Transpose.No, Transpose.Yes, T.One, f, net.WeightsOf(theta, layer), T.Zero, pushed);
            MatrixView<T> d = ws.Derivative(layer + 1, b);
            for (int r = 0; r < rows; r++)
            {
                MlpBackwardPass.Multiply(pushed.Row(r), d.Row(r / n), pushed.Row(r));
            }

            f = pushed;
            Span<T> swap = current;
            current = next;
            next = swap;
        }

        return f;
    }

    private static ReadOnlySpan<T> SeedOf<T>(ReadOnlySpan<T> seeds, int sample, int length) =>
        seeds.IsEmpty ? seeds : seeds.Slice(sample * length, length);

    /// <summary>Rows o of the sample's block: layer l's columns ← vec(M[o, :] ⊗ a), M[o, :].</summary>
    private static void WriteSampleRows<T>(Mlp<T> net, int l, MatrixView<T> m, ReadOnlySpan<T> a, MatrixView<T> rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int offset = net.WeightOffset(l), length = m.Cols * (a.Length + 1);
        for (int o = 0; o < rows.Rows; o++)
        {
            LayerBlockWriter.Write(rows.Row(o).Slice(offset, length), m.Row(o), a);
        }
    }
}
