using Hig.Bench.Experiments.Runner;

namespace Hig.Bench.Experiments.Oscillators;

/// <summary>The two oscillator chains: the book's linear one and the paper's cubic one.</summary>
public enum OscillatorVariant
{
    /// <summary>The book's notebook: linear coupling 0.2, 24 RK4 steps of 0.5, tanh controller.</summary>
    Linear,

    /// <summary>The paper's nonlinear oscillators: cubic coupling 1, gain 3, 96 RK4 steps of 0.125, ReLU controller.</summary>
    Cubic,
}

/// <summary>A variant as an experiment case.</summary>
/// <param name="Variant">The chain.</param>
public sealed record OscillatorCase(OscillatorVariant Variant) : IExperimentCase
{
    /// <inheritdoc/>
    public string Key => Variant == OscillatorVariant.Linear ? "linear" : "cubic";

    /// <inheritdoc/>
    public string Label => Key;

    /// <inheritdoc/>
    public string Cell => Key;
}
