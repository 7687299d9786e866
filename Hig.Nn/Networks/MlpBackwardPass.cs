// MlpBackwardPass: the batched vector-Jacobian product (backpropagation) of an Mlp over a cached forward pass.
//
// For cotangents G (b×n_L, one row per sample): δ_L = G ⊙ d_L, then for l = L−1 … 0
//     ∂/∂W_l = δ_{l+1}ᵀ·a_l   (gemm, written straight into the gradient's W_l block),
//     ∂/∂b_l = Σᵢ δ_{l+1}[i, :] (rows added in sample order),
//     δ_l    = (δ_{l+1}·W_l) ⊙ d_l   (gemm, skipped for l = 0: x is data).
// This is Jᵀ·vec(G) without forming J (Rumelhart, Hinton & Williams 1986; Griewank & Walther ch. 3).
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class MlpBackwardPass
{
    /// <summary>gradient ← Jᵀ·vec(G) for the cached forward pass; <paramref name="cotangent"/> is rows×n_L.</summary>
    public static void Run<T>(Mlp<T> net, ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> cotangent, MlpWorkspace<T> ws, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = ws.RequireForward();
        int layers = net.LayerCount;
        Span<T> current = ws.Propagation0, next = ws.Propagation1;
        var delta = new MatrixView<T>(current, b, net.OutputSize);
        MatrixView<T> dOut = ws.Derivative(layers, b);
        for (int i = 0; i < b; i++)
        {
            Elementwise.Multiply(cotangent.Row(i), dOut.Row(i), delta.Row(i));
        }

        for (int l = layers - 1; l >= 0; l--)
        {
            int nIn = net.Widths[l], nOut = net.Widths[l + 1];
            var gradW = new MatrixView<T>(gradient.Slice(net.WeightOffset(l), nOut * nIn), nOut, nIn);
            Blas.Gemm(Transpose.Yes, Transpose.No, T.One, delta, ws.Level(l, b), T.Zero, gradW);
            Span<T> gradB = gradient.Slice(net.BiasOffset(l), nOut);
            gradB.Clear();
            for (int i = 0; i < b; i++)
            {
                Blas.Axpy(T.One, delta.Row(i), gradB);
            }

            if (l == 0)
            {
                break;
            }

            var previous = new MatrixView<T>(next, b, nIn);
            Blas.Gemm(Transpose.No, Transpose.No, T.One, delta, net.WeightsOf(theta, l), T.Zero, previous);
            MatrixView<T> d = ws.Derivative(l, b);
            for (int i = 0; i < b; i++)
            {
                Elementwise.Multiply(previous.Row(i), d.Row(i), previous.Row(i));
            }

            delta = previous;
            Span<T> swap = current;
            current = next;
            next = swap;
        }
    }
}
