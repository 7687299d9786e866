// OscillatorProblem: the coupled-oscillator example of the HIG chapter of Thuerey et al., "Physics-based Deep
// Learning" (notebook "physgrad-hig-code"), and the paper's harder variant (Schnell, Holl & Thuerey, ICLR 2022,
// "Nonlinear_oscillators"), "return to the start": a network takes a target state s* = (x₁, x₂, v₁, v₂) and outputs Nt
// controls; the oscillator chain (OscillatorChain) runs from s₀ = s* for T = 12 under those controls; the loss of a
// sample is Σ(s_T − s*)² (a plain sum of squares, no ½, as in both codes), averaged over the batch.
//   linear (the book): k_lin = 0.2, 24 RK4 steps of Δt = 0.5; network 4 → 20 → 20 → 20 (tanh) → 24 (linear), 1,444 θ.
//   cubic (the paper): k_cub = 1, gain 3, 96 RK4 steps of Δt = 0.125; network 4 → 20 → 20 → 20 (ReLU) → 96, 2,956 θ.
// Data: states uniform in [0, 1)⁴, 4,096 for training and 4,096 for testing (the paper's split; the notebook has no
// test set), drawn from the run's data stream in that order, in double and then rounded to T. Targets = inputs.
using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Oscillators;

/// <summary>The oscillator problem's data, network and model.</summary>
internal static class OscillatorProblem
{
    /// <summary>Training states per run.</summary>
    public const int TrainingSize = 4096;

    /// <summary>Test states per run.</summary>
    public const int TestSize = 4096;

    /// <summary>The state size 2n (two oscillators).</summary>
    public const int StateSize = 4;

    /// <summary>The chain of a variant.</summary>
    public static OscillatorChain<T> Chain<T>(OscillatorVariant variant)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        variant == OscillatorVariant.Linear ? OscillatorChain<T>.BookLinearChain() : OscillatorChain<T>.PaperCubicChain();

    /// <summary>The layer widths of a variant's network: 4 → 20 → 20 → 20 → Nt.</summary>
    public static int[] Widths(OscillatorVariant variant) => [StateSize, 20, 20, 20, variant == OscillatorVariant.Linear ? 24 : 96];

    /// <summary>The hidden activation: tanh in the book's notebook, ReLU in the paper's code.</summary>
    public static Activation Hidden(OscillatorVariant variant) => variant == OscillatorVariant.Linear ? Activation.Tanh : Activation.Relu;

    /// <summary>A new, untrained network of a variant (linear output layer).</summary>
    public static Mlp<T> CreateNetwork<T>(OscillatorVariant variant)
        where T : unmanaged, IFloatingPointIeee754<T> => new(Widths(variant), Hidden(variant), Activation.Identity);

    /// <summary><paramref name="count"/> states uniform in [0, 1)⁴ from <paramref name="rng"/>; each is its own target.</summary>
    public static Dataset<T> States<T>(int count, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        var states = new Matrix<T>(count, StateSize);
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < StateSize; k++)
            {
                states[i, k] = T.CreateTruncating(rng.NextUniform(0.0, 1.0));
            }
        }

        return new Dataset<T>(states, states);
    }
}
