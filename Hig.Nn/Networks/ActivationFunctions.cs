// ActivationFunctions: the activations on plain arrays (the fast path: value and derivative together, for a
// whole row) and on any differentiable scalar (the generic reference path). Both take their values and
// derivatives from ScalarRules, so the two paths agree bit for bit.
using System;
using System.Numerics;

namespace Hig.Nn;

internal static class ActivationFunctions
{
    /// <summary>For each k: a[k] ← σ(z[k] + bias[k]) and d[k] ← σ'(z[k] + bias[k]). <paramref name="za"/> holds z on entry and a on exit.</summary>
    public static void AddBiasAndActivate<T>(Activation activation, Span<T> za, ReadOnlySpan<T> bias, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (activation)
        {
            case Activation.Identity:
                for (int k = 0; k < za.Length; k++)
                {
                    za[k] += bias[k];
                }

                d.Fill(T.One);
                break;
            case Activation.Tanh:
                for (int k = 0; k < za.Length; k++)
                {
                    za[k] = ScalarRules<T>.Tanh(za[k] + bias[k], out d[k]);
                }

                break;
            case Activation.Relu:
                for (int k = 0; k < za.Length; k++)
                {
                    za[k] = ScalarRules<T>.Relu(za[k] + bias[k], out d[k]);
                }

                break;
            case Activation.Sigmoid:
                for (int k = 0; k < za.Length; k++)
                {
                    za[k] = ScalarRules<T>.Sigmoid(za[k] + bias[k], out d[k]);
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
