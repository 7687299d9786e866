// ActivationFunctions: the activations on a whole batch (the fast path: values and derivatives together) and on any
// differentiable scalar (the generic reference path). Both take their values and derivatives from the same rules
// (ScalarRules, TanhKernel), so the two paths agree bit for bit.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class ActivationFunctions
{
    /// <summary>
    /// For every row i and column k: a ← σ(z + bias[k]) and d ← σ'(z + bias[k]). <paramref name="za"/> holds z on entry
    /// and a on exit; both views are contiguous b×n blocks.
    /// </summary>
    public static void AddBiasAndActivate<T>(Activation activation, MatrixView<T> za, ReadOnlySpan<T> bias, MatrixView<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < za.Rows; i++)
        {
            Blas.Axpy(T.One, bias, za.Row(i)); // madd(1, b, z) is z + b rounded once (fused or not): the same bits as the scalar path's z + b
        }

        Span<T> values = za.Span, derivatives = d.Span;
        switch (activation)
        {
            case Activation.Identity:
                derivatives.Fill(T.One);
                break;
            case Activation.Tanh:
                TanhKernel.Apply(values);
                TanhKernel.Derivative(values, derivatives);
                break;
            case Activation.Relu:
                for (int k = 0; k < values.Length; k++)
                {
                    values[k] = ScalarRules<T>.Relu(values[k], out derivatives[k]);
                }

                break;
            case Activation.Sigmoid:
                for (int k = 0; k < values.Length; k++)
                {
                    values[k] = ScalarRules<T>.Sigmoid(values[k], out derivatives[k]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>σ(z) on a differentiable scalar; Relu branches on the primal value (σ'(0) = 0, NaN passes through).</summary>
    public static TScalar Apply<TScalar, T>(Activation activation, TScalar z)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
        where T : unmanaged, IFloatingPointIeee754<T> =>
        activation switch
        {
            Activation.Identity => z,
            Activation.Tanh => TScalar.Tanh(z),
            Activation.Relu => z <= TScalar.Constant(T.Zero) ? TScalar.Constant(T.Zero) : z,
            Activation.Sigmoid => TScalar.Sigmoid(z),
            _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
        };
}
