// L2Loss: the scaled least-squares loss of HIG's toy problem and of Gauss-Newton/HIG in general.
//
// Convention (stated once, used everywhere):
//     L(Y, Ŷ) = (1/b) Σᵢ ½ Σₖ (sₖ·(y_ik − ŷ_ik))²            the batch mean of the per-sample ½‖s ⊙ (yᵢ − ŷᵢ)‖²
//     G = ∂L/∂Y,  G_ik = sₖ²·(y_ik − ŷ_ik) / b               (includes the 1/b of the mean)
// so ∂L/∂θ = Jᵀ·vec(G) exactly (Adam's gradient), and G is the loss gradient the HIG reference code feeds to its
// pseudo-inverse (the gradient of the per-data-point loss, loss/batch_size), so GN/HIG steps −η·J⁺·vec(G) match it.
// The per-sample residual sₖ²·(y_ik − ŷ_ik) is b·G.
using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// The L2 loss with a per-component scale s: L = (1/b) Σᵢ ½‖s ⊙ (yᵢ − ŷᵢ)‖², the batch mean over the b rows; its
/// gradient G = ∂L/∂Y has rows gᵢ = s² ⊙ (yᵢ − ŷᵢ) / b (the 1/b included), so ∂L/∂θ = Jᵀ·vec(G).
/// </summary>
/// <remarks>
/// Sums run in sample order with multiply-adds (Arithmetic.MultiplyAdd); NaN and ±Inf in y or ŷ propagate to the value and gradient.
/// Allocation-free.
/// </remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class L2Loss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Half = T.One / (T.One + T.One);
    private readonly T[] _scales;
    private readonly T[] _squaredScales;

    /// <summary>The unscaled loss (s = 1) on <paramref name="outputSize"/> components.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> is less than 1.</exception>
    public static L2Loss<T> Unscaled(int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        var ones = new T[outputSize];
        Array.Fill(ones, T.One);
        return new L2Loss<T>(ones);
    }

    /// <summary>The loss with per-component scales s (copied; one per output component).</summary>
    /// <exception cref="ArgumentException">No scales are given or a scale is not finite.</exception>
    public L2Loss(params ReadOnlySpan<T> scales)
    {
        if (scales.IsEmpty)
        {
            throw new ArgumentException("L2Loss needs at least one scale.", nameof(scales));
        }

        _scales = scales.ToArray();
        _squaredScales = new T[scales.Length];
        for (int k = 0; k < scales.Length; k++)
        {
            if (!T.IsFinite(scales[k]))
            {
                throw new ArgumentException($"Every scale must be finite, got {scales[k]} at {k}.", nameof(scales));
            }

            _squaredScales[k] = scales[k] * scales[k];
        }
    }

    /// <summary>d_y: the number of components per sample.</summary>
    public int OutputSize => _scales.Length;

    /// <summary>The per-component scales s.</summary>
    public ReadOnlySpan<T> Scales => _scales;

    /// <summary>L = (1/b) Σᵢ ½‖s ⊙ (yᵢ − ŷᵢ)‖².</summary>
    /// <exception cref="ArgumentException">The shapes differ, have no rows, or do not have <see cref="OutputSize"/> columns.</exception>
    public T Value(ReadOnlyMatrixView<T> y, ReadOnlyMatrixView<T> target)
    {
        CheckShapes(y, target);
        T sum = T.Zero;
        for (int i = 0; i < y.Rows; i++)
        {
            sum += SampleValue(y.Row(i), target.Row(i));
        }

        return sum / T.CreateChecked(y.Rows);
    }

    /// <summary>
    /// Returns L = (1/b) Σᵢ ½‖s ⊙ (yᵢ − ŷᵢ)‖² and writes its gradient G = ∂L/∂Y, G_ik = sₖ²·(y_ik − ŷ_ik)/b.
    /// </summary>
    /// <param name="y">Predictions, b×d_y.</param>
    /// <param name="target">Targets ŷ, b×d_y.</param>
    /// <param name="gradient">G, b×d_y, written (it may not overlap y or target).</param>
    /// <exception cref="ArgumentException">The shapes differ, have no rows, or do not have <see cref="OutputSize"/> columns.</exception>
    public T Evaluate(ReadOnlyMatrixView<T> y, ReadOnlyMatrixView<T> target, MatrixView<T> gradient)
    {
        CheckShapes(y, target);
        NnGuard.MatrixShape(gradient.Rows, gradient.Cols, y.Rows, y.Cols, nameof(gradient), "the loss gradient (the shape of y)");
        T inverseBatch = T.One / T.CreateChecked(y.Rows);
        T sum = T.Zero;
        for (int i = 0; i < y.Rows; i++)
        {
            ReadOnlySpan<T> yi = y.Row(i), ti = target.Row(i);
            Span<T> gi = gradient.Row(i);
            sum += SampleValue(yi, ti);
            for (int k = 0; k < yi.Length; k++)
            {
                gi[k] = _squaredScales[k] * (yi[k] - ti[k]) * inverseBatch;
            }
        }

        return sum * inverseBatch;
    }

    /// <summary>
    /// One sample's ½‖s ⊙ (y − ŷ)‖² on any differentiable scalar (for loss terms inside generic code).
    /// </summary>
    /// <exception cref="ArgumentException">A length differs from <see cref="OutputSize"/>.</exception>
    public TScalar SampleValue<TScalar>(ReadOnlySpan<TScalar> y, ReadOnlySpan<T> target)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        NnGuard.Length(y.Length, OutputSize, nameof(y), "the loss");
        NnGuard.Length(target.Length, OutputSize, nameof(target), "the loss");
        TScalar sum = TScalar.Constant(T.Zero);
        for (int k = 0; k < y.Length; k++)
        {
            TScalar r = (y[k] - target[k]) * _scales[k];
            sum = TScalar.MultiplyAdd(r, r, sum);
        }

        return sum * Half;
    }

    private T SampleValue(ReadOnlySpan<T> y, ReadOnlySpan<T> target) =>
        SampleValue(MemoryMarshal.Cast<T, Primal<T>>(y), target).Value;

    private void CheckShapes(ReadOnlyMatrixView<T> y, ReadOnlyMatrixView<T> target)
    {
        if (y.Rows < 1)
        {
            ShapeGuard.ThrowShape(nameof(y), $"y is {ShapeGuard.Shape(y.Rows, y.Cols)}; the batch mean needs at least one sample.");
        }

        NnGuard.MatrixShape(y.Rows, y.Cols, y.Rows, OutputSize, nameof(y), "the loss (its number of components)");
        NnGuard.MatrixShape(target.Rows, target.Cols, y.Rows, OutputSize, nameof(target), "the loss (the shape of y)");
    }
}
