namespace Hig.Nn;

/// <summary>The element-wise activation function of an <see cref="Mlp{T}"/> layer.</summary>
public enum Activation
{
    /// <summary>σ(z) = z.</summary>
    Identity = 0,

    /// <summary>σ(z) = tanh z.</summary>
    Tanh = 1,

    /// <summary>σ(z) = max(z, 0), with σ'(0) = 0.</summary>
    Relu = 2,

    /// <summary>σ(z) = 1/(1 + e⁻ᶻ).</summary>
    Sigmoid = 3,
}
