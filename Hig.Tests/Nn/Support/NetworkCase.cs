using System;
using System.Collections.Generic;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;

namespace Hig.Tests.Nn.Support;

/// <summary>
/// One network shape the Nn tests run on: widths, activations and batch size, with seeded random θ (Glorot weights
/// plus non-zero biases, so the bias paths are exercised) and inputs uniform in [−1, 1].
/// </summary>
public sealed record NetworkCase(string Name, int[] Widths, Activation[] Activations, int Batch)
{
    /// <summary>True when every activation is smooth (finite differences are meaningful everywhere).</summary>
    public bool IsSmooth => Array.IndexOf(Activations, Activation.Relu) < 0;

    /// <summary>The cases, covering depth 1–3, widths 1–40 (two layers wider than the narrow-layer kernels take), all four activations, batches 1–6, and shapes where either mode wins.</summary>
    public static IReadOnlyList<NetworkCase> All { get; } =
    [
        new("toy 1→7→2 tanh b1", [1, 7, 2], [Activation.Tanh, Activation.Identity], 1),
        new("toy 1→7→2 tanh b5", [1, 7, 2], [Activation.Tanh, Activation.Identity], 5),
        new("3→5→4→2 tanh/sigmoid b3", [3, 5, 4, 2], [Activation.Tanh, Activation.Tanh, Activation.Sigmoid], 3),
        new("2→6→6→3 relu b4", [2, 6, 6, 3], [Activation.Relu, Activation.Relu, Activation.Identity], 4),
        new("4→3→1 sigmoid/tanh b1", [4, 3, 1], [Activation.Sigmoid, Activation.Tanh], 1),
        new("5→8→2 linear b2", [5, 8, 2], [Activation.Identity, Activation.Identity], 2),
        new("1→1 tanh b3", [1, 1], [Activation.Tanh], 3),
        new("2→9→3→5 tanh b2", [2, 9, 3, 5], [Activation.Tanh, Activation.Tanh, Activation.Identity], 2),
        new("1→3→12 tanh b3 (forward mode is chosen)", [1, 3, 12], [Activation.Tanh, Activation.Identity], 3),
        new("3→4→4→4→3 sigmoid/relu b6", [3, 4, 4, 4, 3], [Activation.Sigmoid, Activation.Relu, Activation.Tanh, Activation.Identity], 6),
        // Layers wider than 32: the gemm products and the per-row weight-block writer instead of the narrow-layer kernels.
        new("3→40→36→2 tanh b3 (wide layers)", [3, 40, 36, 2], [Activation.Tanh, Activation.Tanh, Activation.Identity], 3),
    ];

    /// <summary>xunit member data: the case indices.</summary>
    public static TheoryData<int> Indices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < All.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    /// <summary>The network of this case.</summary>
    public Mlp<T> Network<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => new(Widths, Activations);

    /// <summary>Glorot-uniform θ with biases then drawn uniform in [−½, ½].</summary>
    public T[] Theta<T>(Mlp<T> network, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var theta = new T[network.ParameterCount];
        network.InitializeGlorotUniform(theta, rng);
        T half = T.CreateChecked(0.5);
        for (int l = 0; l < network.LayerCount; l++)
        {
            rng.FillUniform(theta.AsSpan(network.BiasOffset(l), Widths[l + 1]), -half, half);
        }

        return theta;
    }

    /// <summary>A batch of inputs uniform in [−1, 1].</summary>
    public static Matrix<T> Uniform<T>(int rows, int cols, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = new Matrix<T>(rows, cols);
        rng.FillUniform(m.Data, -T.One, T.One);
        return m;
    }

    /// <summary>The case name, for test output.</summary>
    public override string ToString() => Name;
}
