// ForwardJacobian: the sensitivities G = ∂y/∂z of an Mlp by forward mode, for the stacked per-sample Jacobian.
//
// Forward mode pushes parameter tangents. A tangent of the bias b_l[k] enters as ż_{l+1} = e_k; a tangent of the
// weight W_l[k, q] enters as ż_{l+1} = a_l[q]·e_k, the same direction scaled by the sample's input, and the tangent
// map after z_{l+1} is linear. So per layer it suffices to push the n_{l+1} bias tangents of every sample through
// the layers above (JacobianRowWriter then writes the weight columns as multiples of the bias columns):
//     F[i·n+k, :] = ∂a_L/∂z_{l+1}[k] of sample i:  level l+1: d_{l+1}[i, k]·e_k,
//                                                level l+2: d_{l+2}[i, :] ⊙ W_{l+1}[:, k]·d_{l+1}[i, k],
//                                                level m+1: (F·W_mᵀ) ⊙ d_{m+1}[i, :]   (one gemm over b·n rows),
//     G[i·s+o, level l+1] = S_i[o, :]·F_iᵀ                (s×n: ∂y_i/∂z_{l+1}; a transpose for S_i = I).
// Cost beyond writing J: b·Σ_l n_{l+1}·(n_{l+2} + Σ_{m>l+1} n_{m+1}·n_m) multiply-adds, plus b·s·n_{l+1}·n_L per layer
// for a general seed.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class ForwardJacobian
{
    /// <summary>Fills the workspace's sensitivities G for the cached forward pass, with the seeds as in <see cref="ReverseJacobian.Propagate"/>.</summary>
    public static void Propagate<T>(Mlp<T> net, ReadOnlySpan<T> theta, ReadOnlySpan<T> seeds, MlpWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = ws.RequireForward();
        int s = ws.SeedRows, layers = net.LayerCount, nLast = net.OutputSize;

        // The output level's tangents need no propagation: the same block as reverse mode's seed.
        ReverseJacobian.SeedOutputLevel(seeds, ws.Derivative(layers, b), s, ws.Sensitivities(layers, b));
        for (int l = 0; l < layers - 1; l++)
        {
            int n = net.Widths[l + 1];
            MatrixView<T> f = PushBiasTangents(net, theta, ws, l, b);
            MatrixView<T> level = ws.Sensitivities(l + 1, b);
            for (int i = 0; i < b; i++)
            {
                ReadOnlyMatrixView<T> fi = f.SliceRows(i * n, n);
                ReadOnlySpan<T> seed = seeds.IsEmpty ? seeds : seeds.Slice(i * s * nLast, s * nLast);
                for (int o = 0; o < s; o++)
                {
                    Span<T> row = level.Row((i * s) + o);
                    for (int k = 0; k < n; k++)
                    {
                        row[k] = seed.IsEmpty ? fi[k, o] : Blas.Dot(seed.Slice(o * nLast, nLast), fi.Row(k));
                    }
                }
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
                Elementwise.Multiply(pushed.Row(r), d.Row(r / n), pushed.Row(r));
            }

            f = pushed;
            Span<T> swap = current;
            current = next;
            next = swap;
        }

        return f;
    }
}
