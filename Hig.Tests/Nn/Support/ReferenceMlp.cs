using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;

namespace Hig.Tests.Nn.Support;

/// <summary>
/// An independent, naive per-sample implementation of the documented Mlp semantics (θ layout, pre-activation as fused
/// multiply-adds over q in order from 0 then + b, activation values and derivatives by the documented formulas) and of
/// its stacked Jacobian by explicit loops over the chain rule ∂y/∂z_l = ∂y/∂z_{l+1}·W_{l+1}·diag(σ'(z_l)). It also
/// computes the absolute-value bound S (the same recursion on |·|): any summation order of the chain products has
/// first-order error ≤ K·u·S entry-wise, which is what the Jacobian tests' tolerances are built on.
/// </summary>
public static class ReferenceMlp
{
    /// <summary>The activations a_0 … a_L and derivatives d_1 … d_L of one sample (d_0 unused).</summary>
    public static (T[][] A, T[][] D) Forward<T>(Mlp<T> net, ReadOnlySpan<T> theta, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<int> n = net.Widths;
        var a = new T[n.Length][];
        var d = new T[n.Length][];
        a[0] = x.ToArray();
        d[0] = [];
        for (int l = 0; l < net.LayerCount; l++)
        {
            a[l + 1] = new T[n[l + 1]];
            d[l + 1] = new T[n[l + 1]];
            int w = net.WeightOffset(l), bias = net.BiasOffset(l);
            for (int p = 0; p < n[l + 1]; p++)
            {
                T z = T.Zero;
                for (int q = 0; q < n[l]; q++)
                {
                    z = Arithmetic.MultiplyAdd(theta[w + (p * n[l]) + q], a[l][q], z);
                }

                (a[l + 1][p], d[l + 1][p]) = Activate(net.Activations[l], z + theta[bias + p]);
            }
        }

        return (a, d);
    }

    /// <summary>The documented activation value and derivative.</summary>
    public static (T Value, T Derivative) Activate<T>(Activation activation, T z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (activation)
        {
            case Activation.Identity:
                return (z, T.One);
            case Activation.Tanh:
                T t = TanhKernel.Scalar(z); // Hig's tanh is the primitive (checked against Math.Tanh in TanhKernelTests)
                return (t, Arithmetic.MultiplyAdd(-t, t, T.One));
            case Activation.Relu:
                return z <= T.Zero ? (T.Zero, T.Zero) : (z, T.One);
            default:
                T s = T.One / (T.One + T.Exp(-z));
                return (s, s * (T.One - s));
        }
    }

    /// <summary>
    /// J (rows i·s+o) and its bound S for seeds S_i (s×n_L per sample, sample after sample; null for the identity).
    /// </summary>
    public static (Matrix<T> J, Matrix<T> Bound) Jacobian<T>(Mlp<T> net, ReadOnlySpan<T> theta, Matrix<T> x, T[]? seeds, int s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<int> n = net.Widths;
        int layers = net.LayerCount, nLast = n[layers];
        var j = new Matrix<T>(x.Rows * s, net.ParameterCount);
        var bound = new Matrix<T>(x.Rows * s, net.ParameterCount);
        for (int i = 0; i < x.Rows; i++)
        {
            (T[][] a, T[][] d) = Forward(net, theta, x.Row(i));
            var m = new T[s, nLast];
            var mAbs = new T[s, nLast];
            for (int o = 0; o < s; o++)
            {
                for (int p = 0; p < nLast; p++)
                {
                    T seed = seeds is null ? (o == p ? T.One : T.Zero) : seeds[(((i * s) + o) * nLast) + p];
                    m[o, p] = seed * d[layers][p];
                    mAbs[o, p] = T.Abs(seed) * T.Abs(d[layers][p]);
                }
            }

            for (int l = layers - 1; l >= 0; l--)
            {
                int w = net.WeightOffset(l), bias = net.BiasOffset(l);
                for (int o = 0; o < s; o++)
                {
                    int row = (i * s) + o;
                    for (int p = 0; p < n[l + 1]; p++)
                    {
                        for (int q = 0; q < n[l]; q++)
                        {
                            j[row, w + (p * n[l]) + q] = m[o, p] * a[l][q];
                            bound[row, w + (p * n[l]) + q] = mAbs[o, p] * T.Abs(a[l][q]);
                        }

                        j[row, bias + p] = m[o, p];
                        bound[row, bias + p] = mAbs[o, p];
                    }
                }

                if (l > 0)
                {
                    (m, mAbs) = PullThroughLayer(net, theta, l, m, mAbs, d[l]);
                }
            }
        }

        return (j, bound);
    }

    /// <summary>
    /// K: a first-order error multiple (in units of u = ε/2) for any evaluation order of the network's derivative chain:
    /// each level contributes a dot product of length at most 2·n_l (the JVP adds a·U to ȧ·W) plus two products (by σ'
    /// and by a or the seed), and the seed product adds n_L + 1.
    /// </summary>
    public static int ErrorMultiple(ReadOnlySpan<int> widths)
    {
        int k = widths[^1] + 1;
        foreach (int w in widths)
        {
            k += (2 * w) + 2;
        }

        return k;
    }

    private static (T[,] M, T[,] MAbs) PullThroughLayer<T>(Mlp<T> net, ReadOnlySpan<T> theta, int l, T[,] m, T[,] mAbs, T[] dl)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<int> n = net.Widths;
        int s = m.GetLength(0), w = net.WeightOffset(l);
        var next = new T[s, n[l]];
        var nextAbs = new T[s, n[l]];
        for (int o = 0; o < s; o++)
        {
            for (int q = 0; q < n[l]; q++)
            {
                T sum = T.Zero, sumAbs = T.Zero;
                for (int p = 0; p < n[l + 1]; p++)
                {
                    T wpq = theta[w + (p * n[l]) + q];
                    sum += m[o, p] * wpq;
                    sumAbs += mAbs[o, p] * T.Abs(wpq);
                }

                next[o, q] = sum * dl[q];
                nextAbs[o, q] = sumAbs * T.Abs(dl[q]);
            }
        }

        return (next, nextAbs);
    }
}
