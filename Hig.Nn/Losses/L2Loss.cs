// L2Loss: the scaled least-squares loss of HIG's toy problem and of Gauss-Newton/HIG in general.
//
// Convention (stated once, used everywhere), with a constant factor c (½ by default, 1 for the sum of squares):
//     L(Y, Ŷ) = (c/b) Σᵢ Σₖ (sₖ·(y_ik − ŷ_ik))²           the batch mean of the per-sample c·‖s ⊙ (yᵢ − ŷᵢ)‖²
//     G = ∂L/∂Y,  G_ik = 2c·sₖ²·(y_ik − ŷ_ik) / b           (includes the 1/b of the mean)
// so ∂L/∂θ = Jᵀ·vec(G) exactly (Adam's gradient). G has the form of the loss gradient the HIG reference code feeds to
// its pseudo-inverse (the gradient of the per-data-point loss, loss/batch_size), but the reference code's loss is a
// plain sum of squares (c = 1): with the default c = ½ our G is half of its gradient, so its GN/HIG step at η is ours
// at 2η. SumOfSquares (c = 1) is its convention exactly.
using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// The L2 loss with a per-component scale s and a constant factor c: L = (c/b) Σᵢ ‖s ⊙ (yᵢ − ŷᵢ)‖², the batch mean over
/// the b rows; its gradient G = ∂L/∂Y has rows gᵢ = 2c·s² ⊙ (yᵢ − ŷᵢ) / b (the 1/b included), so ∂L/∂θ = Jᵀ·vec(G).
/// </summary>
/// <remarks>
/// <para>c = ½ (the default: <see cref="Unscaled"/> and the constructor without a factor) gives the least-squares
/// convention ½‖r‖²; c = 1 (<see cref="SumOfSquares"/>) the plain sum of squares of the HIG reference code and the
/// oscillator notebook of the book.</para>
/// <para>Sums run in sample order with multiply-adds (Arithmetic.MultiplyAdd); NaN and ±Inf in y or ŷ propagate to the
/// value and gradient. Allocation-free.</para>
/// </remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class L2Loss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Half = T.One / (T.One + T.One);
    private readonly T[] _scales;
    private readonly T[] _gradientScales;

    /// <summary>The unscaled loss (s = 1, c = ½) on <paramref name="outputSize"/> components: L = (1/b) Σᵢ ½‖yᵢ − ŷᵢ‖².</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> is less than 1.</exception>
    public static L2Loss<T> Unscaled(int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        var ones = new T[outputSize];
        Array.Fill(ones, T.One);
        return new L2Loss<T>(ones);
    }

    /// <summary>
    /// The plain sum of squares (s = 1, c = 1) on <paramref name="outputSize"/> components: L = (1/b) Σᵢ ‖yᵢ − ŷᵢ‖², the
    /// loss of the HIG reference code and of the book's oscillator notebook; G = 2(y − ŷ)/b.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> is less than 1.</exception>
    public static L2Loss<T> SumOfSquares(int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        var ones = new T[outputSize];
        Array.Fill(ones, T.One);
        return new L2Loss<T>(T.One, ones);
    }

    /// <summary>The loss with per-component scales s (copied; one per output component) and c = ½.</summary>
    /// <exception cref="ArgumentException">No scales are given or a scale is not finite.</exception>
    public L2Loss(params ReadOnlySpan<T> scales)
        : this(Half, scales)
    {
    }

    /// <summary>The loss with the constant factor <paramref name="factor"/> (c) and per-component scales s (copied).</summary>
    /// <exception cref="ArgumentException">No scales are given, a scale is not finite, or c is not finite and positive.</exception>
    public L2Loss(T factor, ReadOnlySpan<T> scales)
    {
        if (scales.IsEmpty)
        {
            throw new ArgumentException("L2Loss needs at least one scale.", nameof(scales));
        }

        if (!T.IsFinite(factor) || !(factor > T.Zero))
        {
            throw new ArgumentException($"The factor c of L = (c/b)·Σ‖s ⊙ (y − ŷ)‖² must be finite and positive, got {factor}.", nameof(factor));
        }

        Factor = factor;
        _scales = scales.ToArray();
        _gradientScales = new T[scales.Length];
        T twice = factor + factor;
        for (int k = 0; k < scales.Length; k++)
        {
            if (!T.IsFinite(scales[k]))
            {
                throw new ArgumentException($"Every scale must be finite, got {scales[k]} at {k}.", nameof(scales));
            }

            // 2c·s²: exactly s² for the default c = ½.
            _gradientScales[k] = twice * (scales[k] * scales[k]);
        }
    }

    /// <summary>d_y: the number of components per sample.</summary>
    public int OutputSize => _scales.Length;

    /// <summary>The per-component scales s.</summary>
    public ReadOnlySpan<T> Scales => _scales;

    /// <summary>c: ½ for the least-squares convention ½‖r‖², 1 for the plain sum of squares.</summary>
    public T Factor { get; }

    /// <summary>L = (c/b) Σᵢ ‖s ⊙ (yᵢ − ŷᵢ)‖².</summary>
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
    /// Returns L = (c/b) Σᵢ ‖s ⊙ (yᵢ − ŷᵢ)‖² and writes its gradient G = ∂L/∂Y, G_ik = 2c·sₖ²·(y_ik − ŷ_ik)/b.
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
                gi[k] = _gradientScales[k] * (yi[k] - ti[k]) * inverseBatch;
            }
        }

        return sum / T.CreateChecked(y.Rows); // as Value does, so the two agree bit for bit
    }

    /// <summary>
    /// One sample's c·‖s ⊙ (y − ŷ)‖² on any differentiable scalar (for loss terms inside generic code).
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

        return sum * Factor;
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
