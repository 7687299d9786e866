// ToyProblem: the toy example of the HIG chapter of Thuerey et al., "Physics-based Deep Learning" (after Schnell,
// Holl & Thuerey, ICLR 2022): learn ŷ(x) = (sin 6x, cos 9x) on x ∈ [−1, 1] with an MLP 1 → 7 tanh → 2 (linear
// output) f, through the "physics" y = (f₁, λ·f₂), on the loss L = ½(y₁ − ŷ₁)² + ½(y₂ − ŷ₂)² averaged over the batch.
// λ = 1 is well conditioned; λ = 0.01 makes the Jacobian ∂y/∂θ badly scaled between its two output components.
// Invariants: the training inputs depend only on the Rng handed in (drawn in double, then rounded to T); the
// validation inputs and the tracked input are fixed grid points, the same for every run, seed and λ.
using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Toy;

/// <summary>The toy problem's data, network and model.</summary>
internal static class ToyProblem
{
    /// <summary>The layer widths of the network f: 1 input, 7 tanh neurons, 2 linear outputs.</summary>
    public static ReadOnlySpan<int> Widths => [1, 7, 2];

    /// <summary>The level of the hidden layer in the network's activations (level 0 is the input).</summary>
    public const int HiddenLevel = 1;

    /// <summary>The lower end of the input interval.</summary>
    public const double InputMin = -1.0;

    /// <summary>The upper end of the input interval.</summary>
    public const double InputMax = 1.0;

    /// <summary>The target ŷ(x) = (sin 6x, cos 9x).</summary>
    public static (double Y1, double Y2) Target(double x) => (Math.Sin(6 * x), Math.Cos(9 * x));

    /// <summary>A new, untrained network f with the toy's shape.</summary>
    public static Mlp<T> CreateNetwork<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => new(Widths, Activation.Tanh, Activation.Identity);

    /// <summary>The model y = (f₁, λ·f₂) on <paramref name="network"/>.</summary>
    public static ComposedModel<T> CreateModel<T>(Mlp<T> network, double lambda)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(network, new ScaledComponents<T>(T.One, T.CreateTruncating(lambda)));

    /// <summary><paramref name="count"/> inputs drawn uniformly from [−1, 1] by <paramref name="rng"/>, with their targets.</summary>
    public static Dataset<T> TrainingSet<T>(int count, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        var inputs = new double[count];
        for (int i = 0; i < count; i++)
        {
            inputs[i] = rng.NextUniform(InputMin, InputMax);
        }

        return WithTargets<T>(inputs);
    }

    /// <summary><paramref name="count"/> ≥ 2 evenly spaced inputs from −1 to 1 (both ends included), with their targets.</summary>
    public static Dataset<T> ValidationSet<T>(int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var inputs = new double[count];
        for (int i = 0; i < count; i++)
        {
            inputs[i] = InputMin + ((InputMax - InputMin) * i / (count - 1));
        }

        return WithTargets<T>(inputs);
    }

    /// <summary>Inputs rounded to T; targets computed in double from the rounded inputs, then rounded to T.</summary>
    private static Dataset<T> WithTargets<T>(double[] inputs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new Matrix<T>(inputs.Length, 1);
        var targets = new Matrix<T>(inputs.Length, 2);
        for (int i = 0; i < inputs.Length; i++)
        {
            x[i, 0] = T.CreateTruncating(inputs[i]);
            (double y1, double y2) = Target(double.CreateTruncating(x[i, 0]));
            targets[i, 0] = T.CreateTruncating(y1);
            targets[i, 1] = T.CreateTruncating(y2);
        }

        return new Dataset<T>(x, targets);
    }
}
