namespace Hig.Nn;

/// <summary>How <see cref="IDifferentiableModel{T}.Jacobian"/> assembles the stacked per-sample Jacobian.</summary>
public enum JacobianMode
{
    /// <summary>Pick the mode with the smaller propagation cost for the model's shape and batch (see docs/nn.md).</summary>
    Auto = 0,

    /// <summary>Forward mode: push parameter tangents (one per neuron, the weight tangents follow by linearity) to the outputs.</summary>
    Forward = 1,

    /// <summary>Reverse mode: pull one cotangent per output row (b·d_y of them) back to the parameters.</summary>
    Reverse = 2,
}
