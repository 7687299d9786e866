// Mlp: a fully connected network f(x; θ) with one flat, caller-owned parameter vector θ.
//
// Layers l = 0 … L−1 map width n_l to n_{l+1}: a_{l+1} = σ_l(W_l·a_l + b_l), with a_0 = x.
// θ's layout, layer after layer: W_l row-major (n_{l+1} rows × n_l columns, so W_l[p, q] is at
// WeightOffset(l) + p·n_l + q), then b_l (n_{l+1} entries, at BiasOffset(l) = WeightOffset(l) + n_{l+1}·n_l).
// This is the order in which Jacobian columns appear, and the order the per-sample outer products
// δ ⊗ a_l (then δ) are written in.
//
// The fast path (batched forward with cached activations, JVP, VJP, Jacobian assembly) lives in the
// Networks/ and Jacobians/ engines; Evaluate<TScalar> is the generic per-sample reference that runs on any
// differentiable scalar and checks it.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A multilayer perceptron y = f(x; θ) on a flat parameter vector θ owned by the caller (the network holds only its
/// shape). It is an <see cref="IDifferentiableModel{T}"/>: batched forward pass, JVP, VJP, gradient and stacked
/// per-sample Jacobian, by the SIMD kernels of Hig.Numerics.
/// </summary>
/// <remarks>
/// <para>θ layout, layer after layer (l = 0 … <see cref="LayerCount"/>−1, layer l mapping width n_l to n_{l+1}):
/// first W_l row-major, n_{l+1}×n_l (W_l[p, q] at <see cref="WeightOffset"/>(l) + p·n_l + q), then b_l, n_{l+1} entries at
/// <see cref="BiasOffset"/>(l). Layer l computes a_{l+1} = σ_l(W_l·a_l + b_l) with a_0 = x.</para>
/// <para>Per element, the pre-activation W_l·a_l is a sequence of multiply-adds (Arithmetic.MultiplyAdd) over q in order starting from 0,
/// then + b_l[p]; the activation's value and derivative come from the same rules as the scalar autodiff types, so
/// <see cref="Evaluate{TScalar}"/> on <see cref="Primal{T}"/> reproduces <see cref="Forward"/> bit for bit.</para>
/// </remarks>
/// <typeparam name="T">The floating-point type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed partial class Mlp<T> : IDifferentiableModel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _widths;
    private readonly Activation[] _activations;
    private readonly int[] _weightOffsets;

    /// <summary>
    /// A network with the given layer widths (input first, output last), <paramref name="hidden"/> on every hidden layer
    /// and <paramref name="output"/> on the last. Example: <c>new Mlp&lt;double&gt;([1, 7, 2], Activation.Tanh, Activation.Identity)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two widths, a width below 1, an undefined activation, or more than
    /// <see cref="int.MaxValue"/> parameters.</exception>
    public Mlp(ReadOnlySpan<int> widths, Activation hidden = Activation.Tanh, Activation output = Activation.Identity)
        : this(widths, HiddenThenOutput(widths.Length - 1, hidden, output))
    {
    }

    /// <summary>A network with the given layer widths and one activation per layer (widths.Length − 1 of them).</summary>
    /// <exception cref="ArgumentException">Fewer than two widths, a width below 1, the wrong number of activations, an
    /// undefined activation, or more than <see cref="int.MaxValue"/> parameters.</exception>
    public Mlp(ReadOnlySpan<int> widths, ReadOnlySpan<Activation> activations)
    {
        if (widths.Length < 2)
        {
            throw new ArgumentException($"An Mlp needs at least an input and an output width, got {widths.Length} width(s).", nameof(widths));
        }

        NnGuard.Length(activations.Length, widths.Length - 1, nameof(activations), "one activation per layer (widths − 1)");
        foreach (int w in widths)
        {
            if (w < 1)
            {
                throw new ArgumentException($"Every width must be at least 1, got [{string.Join(", ", widths.ToArray())}].", nameof(widths));
            }
        }

        foreach (Activation a in activations)
        {
            if (!Enum.IsDefined(a))
            {
                throw new ArgumentException($"Undefined activation {(int)a}.", nameof(activations));
            }
        }

        _widths = widths.ToArray();
        _activations = activations.ToArray();
        _weightOffsets = new int[LayerCount + 1];
        long offset = 0;
        int maxWidth = 0;
        for (int l = 0; l < LayerCount; l++)
        {
            _weightOffsets[l] = (int)offset;
            offset += ((long)_widths[l + 1] * _widths[l]) + _widths[l + 1];
            if (offset > int.MaxValue)
            {
                throw new ArgumentException($"The network {Describe()} has more than {int.MaxValue} parameters.", nameof(widths));
            }
        }

        foreach (int w in _widths)
        {
            maxWidth = Math.Max(maxWidth, w);
        }

        _weightOffsets[LayerCount] = (int)offset;
        MaxWidth = maxWidth;
    }

    /// <summary>Number of layers L (widths minus one).</summary>
    public int LayerCount => _widths.Length - 1;

    /// <summary>The layer widths n_0 (input) … n_L (output).</summary>
    public ReadOnlySpan<int> Widths => _widths;

    /// <summary>The activation of each layer.</summary>
    public ReadOnlySpan<Activation> Activations => _activations;

    /// <inheritdoc/>
    public int ParameterCount => _weightOffsets[LayerCount];

    /// <inheritdoc/>
    public int InputSize => _widths[0];

    /// <inheritdoc/>
    public int OutputSize => _widths[^1];

    /// <summary>The widest layer (input and output included).</summary>
    public int MaxWidth { get; }

    /// <summary>Offset in θ of W_l[0, 0] (W_l is n_{l+1}×n_l, row-major).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not in [0, <see cref="LayerCount"/>).</exception>
    public int WeightOffset(int layer)
    {
        CheckLayer(layer);
        return _weightOffsets[layer];
    }

    /// <summary>Offset in θ of b_l[0] (right after W_l).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not in [0, <see cref="LayerCount"/>).</exception>
    public int BiasOffset(int layer)
    {
        CheckLayer(layer);
        return _weightOffsets[layer] + (_widths[layer + 1] * _widths[layer]);
    }

    /// <summary>W_l as an n_{l+1}×n_l view into <paramref name="theta"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="theta"/> does not have <see cref="ParameterCount"/> entries.</exception>
    public ReadOnlyMatrixView<T> Weights(ReadOnlySpan<T> theta, int layer)
    {
        CheckTheta(theta.Length);
        return WeightsOf(theta, layer);
    }

    /// <summary>b_l as a span of n_{l+1} entries of <paramref name="theta"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="theta"/> does not have <see cref="ParameterCount"/> entries.</exception>
    public ReadOnlySpan<T> Biases(ReadOnlySpan<T> theta, int layer)
    {
        CheckTheta(theta.Length);
        return theta.Slice(BiasOffset(layer), _widths[layer + 1]);
    }

    /// <summary>
    /// Glorot-uniform weights and zero biases (the Keras default): every W_l[p, q] uniform in [−r, r] with
    /// r = √(6 / (n_l + n_{l+1})), drawn from <paramref name="rng"/> layer by layer in θ's order; every b_l = 0.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="theta"/> does not have <see cref="ParameterCount"/> entries.</exception>
    public void InitializeGlorotUniform(Span<T> theta, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        CheckTheta(theta.Length);
        for (int l = 0; l < LayerCount; l++)
        {
            T limit = T.Sqrt(T.CreateChecked(6) / T.CreateChecked(_widths[l] + _widths[l + 1]));
            rng.FillUniform(theta.Slice(_weightOffsets[l], _widths[l + 1] * _widths[l]), -limit, limit);
            theta.Slice(BiasOffset(l), _widths[l + 1]).Clear();
        }
    }

    /// <summary>Scratch entries <see cref="Evaluate{TScalar}"/> needs: 2·<see cref="MaxWidth"/>.</summary>
    public int EvaluateScratchLength => 2 * MaxWidth;

    /// <summary>
    /// y ← f(x; θ) for one sample on any differentiable scalar: the generic reference path (for example θ as
    /// <see cref="TapeVariable{T}"/>s gives a row of the per-sample Jacobian by one backward sweep).
    /// </summary>
    /// <typeparam name="TScalar">The scalar type.</typeparam>
    /// <param name="theta">θ, <see cref="ParameterCount"/> entries.</param>
    /// <param name="x"><see cref="InputSize"/> inputs.</param>
    /// <param name="y"><see cref="OutputSize"/> outputs, written.</param>
    /// <param name="scratch">At least <see cref="EvaluateScratchLength"/> entries of scratch.</param>
    /// <exception cref="ArgumentException">A length does not fit.</exception>
    public void Evaluate<TScalar>(ReadOnlySpan<TScalar> theta, ReadOnlySpan<TScalar> x, Span<TScalar> y, Span<TScalar> scratch)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        CheckTheta(theta.Length);
        NnGuard.Length(x.Length, InputSize, nameof(x), "the input (n_0)", this);
        NnGuard.Length(y.Length, OutputSize, nameof(y), "the output (n_L)", this);
        if (scratch.Length < EvaluateScratchLength)
        {
            NnGuard.ThrowLength(scratch.Length, EvaluateScratchLength, nameof(scratch), "Evaluate's scratch (at least)");
        }

        ReadOnlySpan<TScalar> input = x;
        for (int l = 0; l < LayerCount; l++)
        {
            int nIn = _widths[l], nOut = _widths[l + 1];
            Span<TScalar> output = l == LayerCount - 1 ? y : scratch.Slice((l % 2) * MaxWidth, nOut);
            ReadOnlySpan<TScalar> w = theta.Slice(_weightOffsets[l], nOut * nIn);
            ReadOnlySpan<TScalar> bias = theta.Slice(_weightOffsets[l] + (nOut * nIn), nOut);
            for (int p = 0; p < nOut; p++)
            {
                TScalar z = TScalar.Constant(T.Zero);
                for (int q = 0; q < nIn; q++)
                {
                    z = TScalar.MultiplyAdd(w[(p * nIn) + q], input[q], z);
                }

                output[p] = ActivationFunctions.Apply<TScalar, T>(_activations[l], z + bias[p]);
            }

            input = output;
        }
    }

    /// <summary>"n₀→n₁→…→n_L", for messages.</summary>
    public string Describe() => string.Join("→", _widths);

    /// <summary>The shape and activations, for debuggers and messages.</summary>
    public override string ToString() => $"Mlp<{typeof(T).Name}> {Describe()} ({string.Join(", ", _activations)}), {ParameterCount} parameters";

    internal ReadOnlyMatrixView<T> WeightsOf(ReadOnlySpan<T> theta, int layer) =>
        new(theta.Slice(_weightOffsets[layer], _widths[layer + 1] * _widths[layer]), _widths[layer + 1], _widths[layer]);

    internal ReadOnlySpan<T> BiasesOf(ReadOnlySpan<T> theta, int layer) =>
        theta.Slice(_weightOffsets[layer] + (_widths[layer + 1] * _widths[layer]), _widths[layer + 1]);

    internal Activation ActivationOf(int layer) => _activations[layer];

    internal void CheckTheta(int length) => NnGuard.Length(length, ParameterCount, "theta", "θ (|θ|)", this);

    private void CheckLayer(int layer)
    {
        if ((uint)layer >= (uint)LayerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The network {Describe()} has layers 0 … {LayerCount - 1}.");
        }
    }

    private static Activation[] HiddenThenOutput(int layers, Activation hidden, Activation output)
    {
        if (layers < 1)
        {
            return [];
        }

        var activations = new Activation[layers];
        Array.Fill(activations, hidden);
        activations[^1] = output;
        return activations;
    }
}
