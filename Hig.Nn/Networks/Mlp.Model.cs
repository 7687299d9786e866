// Mlp as an IDifferentiableModel: argument checks, then the batched engines (MlpForwardPass,
// MlpBackwardPass, ReverseJacobian, ForwardJacobian).
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

public sealed partial class Mlp<T>
{
    /// <summary>Creates a workspace for batches of up to <paramref name="batchSize"/> samples (an <see cref="MlpWorkspace{T}"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative.</exception>
    public MlpWorkspace<T> CreateWorkspace(int batchSize) => new(this, batchSize, OutputSize);

    /// <inheritdoc/>
    ModelWorkspace<T> IDifferentiableModel<T>.CreateWorkspace(int batchSize) => CreateWorkspace(batchSize);

    /// <summary>A workspace whose reverse-mode assembly pulls <paramref name="seedRows"/> cotangents per sample (for a physics function after the network).</summary>
    internal MlpWorkspace<T> CreateWorkspace(int batchSize, int seedRows) => new(this, batchSize, seedRows);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, MatrixView<T> y, ModelWorkspace<T> workspace)
    {
        MlpWorkspace<T> ws = CheckBatch(theta, x, workspace);
        NnGuard.MatrixShape(y.Rows, y.Cols, x.Rows, OutputSize, nameof(y), "the output (b×d_y)", this);
        MlpForwardPass.Run(this, theta, x, ws);
        ws.Level(LayerCount, x.Rows).CopyTo(y);
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, MatrixView<T> jacobian, MatrixView<T> y,
        ModelWorkspace<T> workspace, JacobianMode mode = JacobianMode.Auto)
    {
        MlpWorkspace<T> ws = CheckBatch(theta, x, workspace);
        NnGuard.MatrixShape(y.Rows, y.Cols, x.Rows, OutputSize, nameof(y), "the output (b×d_y)", this);
        CheckJacobian(jacobian, x.Rows, OutputSize);
        NnGuard.DefinedMode(mode);
        if (ws.SeedRows != OutputSize)
        {
            throw new ArgumentException("This workspace belongs to a composed model; use the workspace the network created.", nameof(workspace));
        }

        MlpForwardPass.Run(this, theta, x, ws);
        ws.Level(LayerCount, x.Rows).CopyTo(y);
        Assemble(theta, ReadOnlySpan<T>.Empty, ws, jacobian, mode);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> cotangent, Span<T> gradient, ModelWorkspace<T> workspace)
    {
        MlpWorkspace<T> ws = Own(workspace);
        CheckTheta(theta.Length);
        int b = ws.RequireForward();
        NnGuard.MatrixShape(cotangent.Rows, cotangent.Cols, b, OutputSize, nameof(cotangent), "the cached forward pass (b×d_y)", this);
        NnGuard.Length(gradient.Length, ParameterCount, nameof(gradient), "the gradient (|θ|)", this);
        MlpBackwardPass.Run(this, theta, cotangent, ws, gradient);
    }

    /// <inheritdoc/>
    public void Jvp(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ReadOnlySpan<T> tangent, MatrixView<T> result, ModelWorkspace<T> workspace)
    {
        MlpWorkspace<T> ws = CheckBatch(theta, x, workspace);
        NnGuard.Length(tangent.Length, ParameterCount, nameof(tangent), "a parameter direction (|θ|)", this);
        NnGuard.MatrixShape(result.Rows, result.Cols, x.Rows, OutputSize, nameof(result), "J·u (b×d_y)", this);
        MlpForwardPass.Run(this, theta, x, ws);
        MlpForwardPass.Jvp(this, theta, tangent, ws, result);
    }

    /// <inheritdoc/>
    public void Vjp(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> cotangent, Span<T> result, ModelWorkspace<T> workspace)
    {
        MlpWorkspace<T> ws = CheckBatch(theta, x, workspace);
        NnGuard.MatrixShape(cotangent.Rows, cotangent.Cols, x.Rows, OutputSize, nameof(cotangent), "the cotangent of the output (b×d_y)", this);
        NnGuard.Length(result.Length, ParameterCount, nameof(result), "Jᵀ·w (|θ|)", this);
        MlpForwardPass.Run(this, theta, x, ws);
        MlpBackwardPass.Run(this, theta, cotangent, ws, result);
    }

    /// <summary>
    /// J ← S·∂a_L/∂θ for the forward pass cached in <paramref name="ws"/>, by the requested mode; S_i = I when
    /// <paramref name="seeds"/> is empty, else the s×n_L blocks it holds sample after sample.
    /// </summary>
    internal void Assemble(ReadOnlySpan<T> theta, ReadOnlySpan<T> seeds, MlpWorkspace<T> ws, MatrixView<T> jacobian, JacobianMode mode)
    {
        if (mode == JacobianMode.Auto)
        {
            mode = JacobianCost.Choose(_widths, ws.SeedRows, seeds.IsEmpty);
        }

        switch (mode)
        {
            case JacobianMode.Forward:
                ForwardJacobian.Propagate(this, theta, seeds, ws);
                break;
            case JacobianMode.Reverse:
                ReverseJacobian.Propagate(this, theta, seeds, ws);
                break;
            default:
                NnGuard.DefinedMode(mode);
                break;
        }

        JacobianRowWriter.Write(this, ws, jacobian);
    }

    /// <summary>Checks θ, x and the workspace for a batch pass; returns the workspace as this network's.</summary>
    private MlpWorkspace<T> CheckBatch(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ModelWorkspace<T> workspace)
    {
        MlpWorkspace<T> ws = Own(workspace);
        CheckThetaAndInput(theta, x, ws.BatchSize);
        return ws;
    }

    /// <summary>Checks θ's length, x's width, and that x's rows fit a workspace of <paramref name="capacity"/> samples.</summary>
    internal void CheckThetaAndInput(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, int capacity)
    {
        CheckTheta(theta.Length);
        if (x.Cols != InputSize)
        {
            ShapeGuard.ThrowShape(nameof(x), $"x is {ShapeGuard.Shape(x.Rows, x.Cols)} but the network {Describe()} takes {InputSize} input(s) per row.");
        }

        if (x.Rows > capacity)
        {
            ShapeGuard.ThrowShape(nameof(x), $"x has {x.Rows} rows but the workspace was created for at most {capacity} sample(s).");
        }
    }

    /// <summary>Checks that J is (b·d_y)×|θ|.</summary>
    internal void CheckJacobian(MatrixView<T> jacobian, int batch, int outputSize)
    {
        if (jacobian.Rows != (long)batch * outputSize || jacobian.Cols != ParameterCount)
        {
            ShapeGuard.ThrowShape(nameof(jacobian),
                $"jacobian is {ShapeGuard.Shape(jacobian.Rows, jacobian.Cols)} but the stacked Jacobian of {batch} sample(s) × {outputSize} output(s) "
                + $"by {ParameterCount} parameters is {ShapeGuard.Shape(batch * outputSize, ParameterCount)}.");
        }
    }

    private MlpWorkspace<T> Own(ModelWorkspace<T> workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace is not MlpWorkspace<T> ws || !ReferenceEquals(ws.Network, this))
        {
            throw new ArgumentException($"The workspace was not created by this network ({Describe()}); use CreateWorkspace.", nameof(workspace));
        }

        return ws;
    }
}
