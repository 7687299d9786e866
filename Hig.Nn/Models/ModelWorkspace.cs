using System;
using System.Numerics;

namespace Hig.Nn;

/// <summary>
/// Scratch memory owned by one model for batches of up to <see cref="BatchSize"/> samples: created once by
/// <see cref="IDifferentiableModel{T}.CreateWorkspace"/>, then passed to every call so that calls allocate nothing.
/// It also keeps the activations of the last forward pass, which <see cref="IDifferentiableModel{T}.Backward"/> reuses.
/// </summary>
/// <remarks>A workspace belongs to the model that created it and is not thread-safe: use one per thread.</remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public abstract class ModelWorkspace<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a workspace for batches of up to <paramref name="batchSize"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative.</exception>
    protected ModelWorkspace(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        BatchSize = batchSize;
    }

    /// <summary>The largest batch (number of rows of x) this workspace serves.</summary>
    public int BatchSize { get; }
}
