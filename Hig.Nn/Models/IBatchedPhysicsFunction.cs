using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A physics function that also evaluates and differentiates whole batches itself, for example by a hand-written
/// discrete adjoint vectorized across samples. <see cref="ComposedModel{T}"/> calls these members instead of running
/// the scalar autodiff on <see cref="IPhysicsFunction{T}.Evaluate"/> sample by sample (the JVP still uses dual numbers).
/// </summary>
/// <remarks>
/// <para>Contract: <see cref="EvaluateBatch"/> and the values written by <see cref="JacobianBatch"/> equal
/// <see cref="IPhysicsFunction{T}.Evaluate"/> on <see cref="Primal{T}"/> bit for bit, row by row; the Jacobians and
/// vector-Jacobian products equal those of the scalar autodiff (dual numbers or the tape on the same generic code) up
/// to rounding. An implementation's tests hold it to both.</para>
/// <para>Shapes: x is b×d_x (the network inputs, plain data), u is b×<see cref="IPhysicsFunction{T}.InputSize"/>, y and
/// cotangents are b×<see cref="IPhysicsFunction{T}.OutputSize"/>; the Jacobians are written sample after sample as
/// d_y×d_u row-major blocks. After <see cref="CreateBatchWorkspace"/> no member allocates.</para>
/// </remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public interface IBatchedPhysicsFunction<T> : IPhysicsFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Scratch memory for batches of up to <paramref name="batchSize"/> samples (one per thread).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative.</exception>
    PhysicsBatchWorkspace CreateBatchWorkspace(int batchSize);

    /// <summary>y ← P(u; x) for every row.</summary>
    /// <exception cref="ArgumentException">A shape does not fit, or the workspace is not this function's or too small.</exception>
    void EvaluateBatch(ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, MatrixView<T> y, PhysicsBatchWorkspace workspace);

    /// <summary>y ← P(u; x) and, per sample i, jacobians[i·d_y·d_u …] ← ∂P/∂u (d_y×d_u, row-major).</summary>
    /// <exception cref="ArgumentException">A shape does not fit, or the workspace is not this function's or too small.</exception>
    void JacobianBatch(ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, MatrixView<T> y, Span<T> jacobians, PhysicsBatchWorkspace workspace);

    /// <summary>Per sample, ū ← (∂P/∂u)ᵀ·w with w the sample's row of <paramref name="cotangent"/>.</summary>
    /// <exception cref="ArgumentException">A shape does not fit, or the workspace is not this function's or too small.</exception>
    void VjpBatch(ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, ReadOnlyMatrixView<T> cotangent, MatrixView<T> uBar, PhysicsBatchWorkspace workspace);
}

/// <summary>The scratch memory an <see cref="IBatchedPhysicsFunction{T}"/> uses; created by that function only.</summary>
public abstract class PhysicsBatchWorkspace
{
    /// <summary>Creates a workspace for batches of up to <paramref name="batchSize"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative.</exception>
    protected PhysicsBatchWorkspace(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        BatchSize = batchSize;
    }

    /// <summary>The largest batch this workspace serves.</summary>
    public int BatchSize { get; }
}
