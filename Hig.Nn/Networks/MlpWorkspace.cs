// MlpWorkspace: every buffer the network's batched passes need, allocated once for batches of up to
// BatchSize samples:
//   levels a_0 … a_L (a_0 is a copy of x) and activation derivatives d_1 … d_L = σ'(z), each b×n_l, kept from
//   the last forward pass for the backward passes (and for inspection through Activations);
//   two ping-pong propagation buffers of b·max(s·n_max, n_max²) entries (s = cotangent rows per sample), big
//   enough for the JVP/VJP (b×n), the reverse-mode cotangents (b·s×n) and the forward-mode tangents (b·n×n);
//   one per-sample transfer block of s×n_max entries.
using System;
using System.Numerics;
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

        int n = network.MaxWidth;
        long propagation = (long)batchSize * Math.Max((long)seedRows * n, (long)n * n);
        Propagation0 = new T[checked((int)propagation)];
        Propagation1 = new T[propagation];
        Transfer = new T[seedRows * n];
    }

    /// <summary>The network that created this workspace.</summary>
    internal Mlp<T> Network { get; }

    /// <summary>s: rows of J per sample in reverse-mode assembly (the output width of the model built on this network).</summary>
    internal int SeedRows { get; }

    /// <summary>Rows of the batch whose forward pass is cached, or −1 before the first one.</summary>
    public int CachedRows { get; internal set; } = -1;

    internal T[] Propagation0 { get; }

    internal T[] Propagation1 { get; }

    internal T[] Transfer { get; }

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
