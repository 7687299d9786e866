// ComposedModel: y = P(f(x; θ); x), a physics function after the network, differentiated with respect to θ.
//
// Per sample, the chain rule ∂y_i/∂θ = (∂P/∂u)(u_i) · ∂u_i/∂θ. ∂P/∂u (d_y×d_u) comes from the scalar autodiff on P
// (PhysicsDerivatives); the network then assembles J with S_i = ∂P/∂u as the seed of each sample: reverse mode
// pulls P's d_y cotangent rows back through f, forward mode pushes f's tangents forward and multiplies by S_i.
// The JacobianMode chooses the network's assembly (Auto: JacobianCost). The small block ∂P/∂u is computed, in every
// mode, by the scalar mode its shape favours (PhysicsDerivatives.PrefersLanes): vector forward mode (DualLanes, up to
// 16 or 32 input directions per evaluation of P) when d_u needs at most two such passes and 512-bit vectors run in
// hardware, else the tape (one recording, one d_y-lane sweep). The gradient pass pulls G through P on the tape and
// then through f (one reverse pass each); the JVP pushes f's JVP through P with dual numbers.
// A physics function that implements IBatchedPhysicsFunction (its own batched values, Jacobians and VJPs, e.g. a
// hand-written adjoint vectorized across samples) is called on the whole batch instead, in Forward, Jacobian and the
// gradient pass; the JVP still uses dual numbers.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// The model y = P(f(x; θ); x): an <see cref="Mlp{T}"/> f followed, sample by sample, by a physics function P written
/// with the scalar autodiff. Its Jacobian with respect to θ is assembled by the chain rule per sample.
/// </summary>
/// <remarks>
/// θ is the network's parameter vector (same layout, <see cref="Mlp{T}"/>); the physics has no trainable parameters.
/// Shapes as in <see cref="IDifferentiableModel{T}"/> with d_y = <see cref="IPhysicsFunction{T}.OutputSize"/>.
/// </remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class ComposedModel<T> : IDifferentiableModel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Composes <paramref name="physics"/> after <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentException">The physics' input size differs from the network's output width.</exception>
    public ComposedModel(Mlp<T> network, IPhysicsFunction<T> physics)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(physics);
        if (physics.InputSize != network.OutputSize)
        {
            throw new ArgumentException(
                $"The physics takes {physics.InputSize} input(s) but the network {network.Describe()} produces {network.OutputSize}.", nameof(physics));
        }

        if (physics.OutputSize < 1)
        {
            throw new ArgumentException($"The physics must produce at least one output, got {physics.OutputSize}.", nameof(physics));
        }

        Network = network;
        Physics = physics;
        _batched = physics as IBatchedPhysicsFunction<T>;
    }

    private readonly IBatchedPhysicsFunction<T>? _batched;

    /// <summary>The network f.</summary>
    public Mlp<T> Network { get; }

    /// <summary>The physics function P.</summary>
    public IPhysicsFunction<T> Physics { get; }

    /// <inheritdoc/>
    public int ParameterCount => Network.ParameterCount;

    /// <inheritdoc/>
    public int InputSize => Network.InputSize;

    /// <inheritdoc/>
    public int OutputSize => Physics.OutputSize;

    /// <summary>Creates a workspace for batches of up to <paramref name="batchSize"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative.</exception>
    public ComposedWorkspace<T> CreateWorkspace(int batchSize) => new(this, batchSize);

    /// <inheritdoc/>
    ModelWorkspace<T> IDifferentiableModel<T>.CreateWorkspace(int batchSize) => CreateWorkspace(batchSize);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, MatrixView<T> y, ModelWorkspace<T> workspace)
    {
        ComposedWorkspace<T> ws = CheckBatch(theta, x, workspace);
        CheckOutput(y, x.Rows);
        MatrixView<T> u = RunNetwork(theta, x, ws);
        if (_batched is not null)
        {
            _batched.EvaluateBatch(x, u, y, ws.PhysicsBatch!);
            return;
        }

        for (int i = 0; i < x.Rows; i++)
        {
            PhysicsDerivatives.Evaluate(Physics, x.Row(i), u.Row(i), y.Row(i));
        }
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, MatrixView<T> jacobian, MatrixView<T> y,
        ModelWorkspace<T> workspace, JacobianMode mode = JacobianMode.Auto)
    {
        ComposedWorkspace<T> ws = CheckBatch(theta, x, workspace);
        CheckOutput(y, x.Rows);
        Network.CheckJacobian(jacobian, x.Rows, OutputSize);
        NnGuard.DefinedMode(mode);

        MatrixView<T> u = RunNetwork(theta, x, ws);
        int du = Physics.InputSize, dy = Physics.OutputSize;
        if (_batched is not null)
        {
            _batched.JacobianBatch(x, u, y, ws.PhysicsJacobians.AsSpan(0, x.Rows * dy * du), ws.PhysicsBatch!);
            Network.Assemble(theta, ws.PhysicsJacobians.AsSpan(0, x.Rows * dy * du), ws.Network, jacobian, mode);
            return;
        }

        bool lanes = PhysicsDerivatives.PrefersLanes<T>(du);
        for (int i = 0; i < x.Rows; i++)
        {
            if (lanes)
            {
                PhysicsDerivatives.JacobianForwardLanes(Physics, x.Row(i), u.Row(i), y.Row(i), PhysicsJacobian(ws, i), ws);
            }
            else if (i + 1 < x.Rows)
            {
                PhysicsDerivatives.JacobianReversePair(Physics,
                    x.Row(i), u.Row(i), y.Row(i), PhysicsJacobian(ws, i),
                    x.Row(i + 1), u.Row(i + 1), y.Row(i + 1), PhysicsJacobian(ws, i + 1), ws);
                i++;
            }
            else
            {
                PhysicsDerivatives.JacobianReverse(Physics, x.Row(i), u.Row(i), y.Row(i), PhysicsJacobian(ws, i), ws);
            }
        }

        Network.Assemble(theta, ws.PhysicsJacobians.AsSpan(0, x.Rows * dy * du), ws.Network, jacobian, mode);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> cotangent, Span<T> gradient, ModelWorkspace<T> workspace)
    {
        ComposedWorkspace<T> ws = Own(workspace);
        Network.CheckTheta(theta.Length);
        int b = ws.Network.RequireForward();
        NnGuard.MatrixShape(cotangent.Rows, cotangent.Cols, b, OutputSize, nameof(cotangent), "the cached forward pass (b×d_y)", this);
        NnGuard.Length(gradient.Length, ParameterCount, nameof(gradient), "the gradient (|θ|)", this);
        PullBack(theta, cotangent, gradient, ws, b);
    }

    /// <inheritdoc/>
    public void Jvp(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ReadOnlySpan<T> tangent, MatrixView<T> result, ModelWorkspace<T> workspace)
    {
        ComposedWorkspace<T> ws = CheckBatch(theta, x, workspace);
        NnGuard.Length(tangent.Length, ParameterCount, nameof(tangent), "a parameter direction (|θ|)", this);
        NnGuard.MatrixShape(result.Rows, result.Cols, x.Rows, OutputSize, nameof(result), "J·u (b×d_y)", this);
        MatrixView<T> u = RunNetwork(theta, x, ws);
        var uDot = new MatrixView<T>(ws.NetworkCotangent, x.Rows, Physics.InputSize);
        MlpForwardPass.Jvp(Network, theta, tangent, ws.Network, uDot);
        for (int i = 0; i < x.Rows; i++)
        {
            PhysicsDerivatives.Jvp(Physics, x.Row(i), u.Row(i), uDot.Row(i), result.Row(i), ws);
        }
    }

    /// <inheritdoc/>
    public void Vjp(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> cotangent, Span<T> result, ModelWorkspace<T> workspace)
    {
        ComposedWorkspace<T> ws = CheckBatch(theta, x, workspace);
        NnGuard.MatrixShape(cotangent.Rows, cotangent.Cols, x.Rows, OutputSize, nameof(cotangent), "the cotangent of the output (b×d_y)", this);
        NnGuard.Length(result.Length, ParameterCount, nameof(result), "Jᵀ·w (|θ|)", this);
        RunNetwork(theta, x, ws);
        PullBack(theta, cotangent, result, ws, x.Rows);
    }

    /// <summary>"f then P", for debuggers and messages.</summary>
    public override string ToString() => $"{Network} then {Physics.GetType().Name} ({Physics.InputSize}→{Physics.OutputSize})";

    /// <summary>The network's forward pass; returns u (b×d_u), cached in the network workspace.</summary>
    private MatrixView<T> RunNetwork(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ComposedWorkspace<T> ws)
    {
        MlpForwardPass.Run(Network, theta, x, ws.Network);
        return ws.Network.Level(Network.LayerCount, x.Rows);
    }

    /// <summary>gradient ← Jᵀ·vec(G): ū_i = (∂P/∂u)ᵀ g_i on the tape, then the network's backward pass with Ū.</summary>
    private void PullBack(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> cotangent, Span<T> gradient, ComposedWorkspace<T> ws, int b)
    {
        MatrixView<T> u = ws.Network.Level(Network.LayerCount, b);
        MatrixView<T> x = ws.Network.Level(0, b);
        var uBar = new MatrixView<T>(ws.NetworkCotangent, b, Physics.InputSize);
        if (_batched is not null)
        {
            _batched.VjpBatch(x, u, cotangent, uBar, ws.PhysicsBatch!);
        }
        else
        {
            for (int i = 0; i < b; i++)
            {
                PhysicsDerivatives.Vjp(Physics, x.Row(i), u.Row(i), cotangent.Row(i), uBar.Row(i), ws);
            }
        }

        MlpBackwardPass.Run(Network, theta, uBar, ws.Network, gradient);
    }

    /// <summary>∂P/∂u of sample i (d_y×d_u) in the workspace.</summary>
    private MatrixView<T> PhysicsJacobian(ComposedWorkspace<T> ws, int i)
    {
        int du = Physics.InputSize, dy = Physics.OutputSize;
        return new MatrixView<T>(ws.PhysicsJacobians.AsSpan(i * dy * du, dy * du), dy, du);
    }

    private ComposedWorkspace<T> CheckBatch(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ModelWorkspace<T> workspace)
    {
        ComposedWorkspace<T> ws = Own(workspace);
        Network.CheckThetaAndInput(theta, x, ws.BatchSize);
        return ws;
    }

    private void CheckOutput(MatrixView<T> y, int rows) =>
        NnGuard.MatrixShape(y.Rows, y.Cols, rows, OutputSize, nameof(y), "the output (b×d_y)", this);

    private ComposedWorkspace<T> Own(ModelWorkspace<T> workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace is not ComposedWorkspace<T> ws || !ReferenceEquals(ws.Model, this))
        {
            throw new ArgumentException("The workspace was not created by this composed model; use CreateWorkspace.", nameof(workspace));
        }

        return ws;
    }
}
