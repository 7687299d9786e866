// MlpWorkspace: every buffer the network's batched passes need, allocated once for batches of up to
// BatchSize samples:
//   levels a_0 … a_L (a_0 is a copy of x) and activation derivatives d_1 … d_L = σ'(z), each b×n_l, kept from
//   the last forward pass for the backward passes (and for inspection through Activations);
//   the sensitivities G_l = ∂y/∂z_l of the Jacobian assembly, one (b·s)×n_l block per level l = 1 … L (s rows of J
//   per sample);
//   two ping-pong propagation buffers of b·n_max² entries, big enough for the JVP/VJP (b×n) and the forward-mode
//   tangents (b·n×n).
using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// Scratch memory of an <see cref="Mlp{T}"/> for batches of up to <see cref="ModelWorkspace{T}.BatchSize"/> samples. It
/// keeps the activations of the last forward pass, readable through <see cref="Activations"/>.
/// </summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class MlpWorkspace<T> : ModelWorkspace<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _values;
    private readonly T[][] _derivatives;
    private readonly T[][] _sensitivities;

    internal MlpWorkspace(Mlp<T> network, int batchSize, int seedRows)
        : base(batchSize)
    {
        Network = network;
        SeedRows = seedRows;
        ReadOnlySpan<int> widths = network.Widths;
        _values = new T[widths.Length][];
        _derivatives = new T[widths.Length][];
        for (int level = 0; level < widths.Length; level++)
        {
            _values[level] = new T[checked(batchSize * widths[level])];
            _derivatives[level] = level == 0 ? [] : new T[batchSize * widths[level]];
        }

        _sensitivities = new T[widths.Length][];
        for (int level = 0; level < widths.Length; level++)
        {
            _sensitivities[level] = level == 0 ? [] : new T[checked(batchSize * seedRows * widths[level])];
        }

        int n = network.MaxWidth;
        Propagation0 = new T[checked(batchSize * n * n)];
        Propagation1 = new T[batchSize * n * n];
        TransposedWeights = new T[n * n];
    }

    /// <summary>The network that created this workspace.</summary>
    internal Mlp<T> Network { get; }

    /// <summary>s: rows of J per sample in reverse-mode assembly (the output width of the model built on this network).</summary>
    internal int SeedRows { get; }

    /// <summary>Rows of the batch whose forward pass is cached, or −1 before the first one.</summary>
    public int CachedRows { get; internal set; } = -1;

    internal T[] Propagation0 { get; }

    internal T[] Propagation1 { get; }

    /// <summary>n_max² entries: W_lᵀ for the forward pass of a narrow layer (NarrowProduct).</summary>
    internal T[] TransposedWeights { get; }

    /// <summary>First element of a_level (contiguous, n_level per row).</summary>
    internal ref T LevelBase(int level) => ref MemoryMarshal.GetArrayDataReference(_values[level]);

    /// <summary>First element of G_level (contiguous, n_level per row).</summary>
    internal ref T SensitivityBase(int level) => ref MemoryMarshal.GetArrayDataReference(_sensitivities[level]);

    /// <summary>The sensitivities G_level = ∂y/∂z_level (level 1 … L) for <paramref name="rows"/> samples: (rows·s)×n_level.</summary>
    internal MatrixView<T> Sensitivities(int level, int rows) => new(_sensitivities[level], rows * SeedRows, Network.Widths[level]);

    /// <summary>
    /// The activations a_level of the cached forward pass, <see cref="CachedRows"/>×n_level: level 0 is (a copy of) x,
    /// level <see cref="Mlp{T}.LayerCount"/> the network output, the levels between are the hidden layers.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in [0, LayerCount].</exception>
    /// <exception cref="InvalidOperationException">No forward pass is cached.</exception>
    public ReadOnlyMatrixView<T> Activations(int level)
    {
        if ((uint)level >= (uint)_values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Levels run from 0 to {_values.Length - 1}.");
        }

        return Level(level, RequireForward());
    }

    /// <summary>a_level as a rows×n_level view.</summary>
    internal MatrixView<T> Level(int level, int rows) => new(_values[level], rows, Network.Widths[level]);

    /// <summary>σ'(z_level) as a rows×n_level view (level ≥ 1).</summary>
    internal MatrixView<T> Derivative(int level, int rows) => new(_derivatives[level], rows, Network.Widths[level]);

    /// <summary>The rows of the cached forward pass.</summary>
    /// <exception cref="InvalidOperationException">No forward pass is cached.</exception>
    internal int RequireForward() =>
        CachedRows >= 0
            ? CachedRows
            : throw new InvalidOperationException("This workspace holds no forward pass yet; call Forward (or Jacobian, Jvp, Vjp) first.");
}
