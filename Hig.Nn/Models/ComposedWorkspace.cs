using System;
using System.Numerics;

namespace Hig.Nn;

/// <summary>
/// Scratch memory of a <see cref="ComposedModel{T}"/>: the network's workspace (whose reverse-mode assembly pulls
/// d_y cotangents per sample), the per-sample physics Jacobians ∂P/∂u, two reusable tapes, dual/tape scalars for
/// samples of P, and a batched physics function's own workspace.
/// </summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class ComposedWorkspace<T> : ModelWorkspace<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    internal ComposedWorkspace(ComposedModel<T> model, int batchSize)
        : base(batchSize)
    {
        Model = model;
        int du = model.Physics.InputSize, dy = model.Physics.OutputSize;
        Network = model.Network.CreateWorkspace(batchSize, dy);
        PhysicsJacobians = new T[checked(batchSize * dy * du)];
        NetworkCotangent = new T[batchSize * du];
        InputDuals = new Dual<T>[du];
        OutputDuals = new Dual<T>[dy];
        InputLanes = new DualLanes<T>[du];
        OutputLanes = new DualLanes<T>[dy];
        LaneSeeds = new DualLanes<T>[DualLanes<T>.Lanes + 1];
        for (int j = 0; j <= DualLanes<T>.Lanes; j++)
        {
            LaneSeeds[j] = DualLanes<T>.Seeded(T.Zero, j < DualLanes<T>.Lanes ? j : -1);
        }
        Recorders = [new PhysicsRecorder<T>(du, dy), new PhysicsRecorder<T>(du, dy)];
        PhysicsBatch = (model.Physics as IBatchedPhysicsFunction<T>)?.CreateBatchWorkspace(batchSize);
    }

    /// <summary>The batched physics' own scratch memory, when the physics is an <see cref="IBatchedPhysicsFunction{T}"/>.</summary>
    internal PhysicsBatchWorkspace? PhysicsBatch { get; }

    /// <summary>The network's workspace; its <see cref="MlpWorkspace{T}.Activations"/> show the cached forward pass (level L is u).</summary>
    public MlpWorkspace<T> Network { get; }

    internal ComposedModel<T> Model { get; }

    /// <summary>∂P/∂u of each sample (d_y×d_u, row-major), sample after sample.</summary>
    internal T[] PhysicsJacobians { get; }

    /// <summary>b×d_u: the cotangent (or tangent) of the network output u.</summary>
    internal T[] NetworkCotangent { get; }

    internal Dual<T>[] InputDuals { get; }

    internal Dual<T>[] OutputDuals { get; }

    internal DualLanes<T>[] InputLanes { get; }

    internal DualLanes<T>[] OutputLanes { get; }

    /// <summary>The unit tangents e_0 … e_{Lanes−1}, then the zero tangent (values 0), for seeding vector forward passes.</summary>
    internal DualLanes<T>[] LaneSeeds { get; }

    /// <summary>Two tapes with their variables, so two samples' physics Jacobians can be swept together.</summary>
    internal PhysicsRecorder<T>[] Recorders { get; }
}

/// <summary>A tape and the input and output variables of one recorded sample of P.</summary>
internal sealed class PhysicsRecorder<T>(int inputs, int outputs)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public Tape<T> Tape { get; } = new();

    public TapeVariable<T>[] Inputs { get; } = new TapeVariable<T>[inputs];

    public TapeVariable<T>[] Outputs { get; } = new TapeVariable<T>[outputs];
}
