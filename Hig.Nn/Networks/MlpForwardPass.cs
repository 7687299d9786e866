// MlpForwardPass: the batched forward pass and the batched Jacobian-vector product of an Mlp.
//
// Forward, per layer l (rows = samples):  Z = A_l·W_lᵀ (gemm), then a_{l+1} = σ(Z + b_l), d_{l+1} = σ'(Z + b_l)
// over the whole batch at once (vectorized tanh). Caches every a and d in the workspace. Narrow layers
// (n_{l+1} ≤ 32) use NarrowProduct on a transposed copy of W_l, bitwise the same as the gemm.
//
// JVP for a parameter direction u = (U_W0, u_b0, U_W1, …) (the linearization of the forward pass,
// Griewank & Walther ch. 3): with ȧ_0 = 0 (x is data),
//     ż_{l+1} = ȧ_l·W_lᵀ + a_l·U_Wlᵀ + u_bl,   ȧ_{l+1} = d_{l+1} ⊙ ż_{l+1},
// two gemms per layer (one for the first layer), and the output tangent is ȧ_L.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class MlpForwardPass
{
    /// <summary>Caches a_0 = x, a_1 … a_L and d_1 … d_L for the rows of x.</summary>
    public static void Run<T>(Mlp<T> net, ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, MlpWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = x.Rows;
        ws.CachedRows = -1;
        x.CopyTo(ws.Level(0, b));
        for (int l = 0; l < net.LayerCount; l++)
        {
            MatrixView<T> output = ws.Level(l + 1, b);
            MatrixView<T> derivative = ws.Derivative(l + 1, b);
            ReadOnlyMatrixView<T> weights = net.WeightsOf(theta, l);
            if (NarrowProduct.Applies(weights.Cols, weights.Rows))
            {
                // Narrow layers: A·Wᵀ as A times a transposed copy of W, bitwise the same as the gemm (NarrowProduct).
                var transposed = new MatrixView<T>(ws.TransposedWeights, weights.Cols, weights.Rows);
                Transposition.Copy(weights, transposed);

                NarrowProduct.Multiply<T>(ws.Level(l, b), transposed, output, default, 1);
            }
            else
            {
                Blas.Gemm(Transpose.No, Transpose.Yes, T.One, ws.Level(l, b), weights, T.Zero, output);
            }

            ActivationFunctions.AddBiasAndActivate(net.ActivationOf(l), output, net.BiasesOf(theta, l), derivative);
        }

        ws.CachedRows = b;
    }

    /// <summary>result ← J·u for the cached forward pass (b×n_L).</summary>
    public static void Jvp<T>(Mlp<T> net, ReadOnlySpan<T> theta, ReadOnlySpan<T> tangent, MlpWorkspace<T> ws, MatrixView<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = ws.RequireForward();
        Span<T> current = ws.Propagation0, next = ws.Propagation1;
        ReadOnlyMatrixView<T> tangentOfA = default;
        for (int l = 0; l < net.LayerCount; l++)
        {
            int nOut = net.Widths[l + 1];
            var z = new MatrixView<T>(next, b, nOut);
            ReadOnlyMatrixView<T> tangentOfW = net.WeightsOf(tangent, l);
            if (l == 0)
            {
                Blas.Gemm(Transpose.No, Transpose.Yes, T.One, ws.Level(0, b), tangentOfW, T.Zero, z);
            }
            else
            {
                Blas.Gemm(Transpose.No, Transpose.Yes, T.One, tangentOfA, net.WeightsOf(theta, l), T.Zero, z);
                Blas.Gemm(Transpose.No, Transpose.Yes, T.One, ws.Level(l, b), tangentOfW, T.One, z);
            }

            ReadOnlySpan<T> tangentOfB = net.BiasesOf(tangent, l);
            MatrixView<T> d = ws.Derivative(l + 1, b);
            for (int i = 0; i < b; i++)
            {
                Span<T> row = z.Row(i);
                ReadOnlySpan<T> dRow = d.Row(i);
                for (int p = 0; p < nOut; p++)
                {
                    row[p] = (row[p] + tangentOfB[p]) * dRow[p];
                }
            }

            tangentOfA = z;
            Span<T> swap = current;
            current = next;
            next = swap;
        }

        tangentOfA.CopyTo(result);
    }
}
