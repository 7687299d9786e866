// PhysicsDerivatives: one sample of a physics function P, evaluated plainly or differentiated with the scalar
// autodiff: its Jacobian ∂P/∂u by forward mode (d_u dual passes, one per input direction) or by reverse mode (one
// recording, one sweep with d_y adjoint lanes), its JVP (one dual pass) and its VJP (one recording, one sweep).
using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Hig.Numerics;

namespace Hig.Nn;

internal static class PhysicsDerivatives
{
    /// <summary>y ← P(u; x) on plain numbers (reinterpreted as <see cref="Primal{T}"/>, no copies).</summary>
    public static void Evaluate<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        physics.Evaluate(x, MemoryMarshal.Cast<T, Primal<T>>(u), MemoryMarshal.Cast<T, Primal<T>>(y));

    /// <summary>jacobian (d_y×d_u) ← ∂P/∂u and y ← P(u; x) by forward mode: pass j seeds u̇ = e_j and yields column j.</summary>
    public static void JacobianForward<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, Span<T> y,
        MatrixView<T> jacobian, ComposedWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Dual<T>[] uDual = ws.InputDuals, yDual = ws.OutputDuals;
        for (int j = 0; j < u.Length; j++)
        {
            for (int k = 0; k < u.Length; k++)
            {
                uDual[k] = new Dual<T>(u[k], k == j ? T.One : T.Zero);
            }

            physics.Evaluate<Dual<T>>(x, uDual, yDual);
            for (int o = 0; o < yDual.Length; o++)
            {
                jacobian[o, j] = yDual[o].Tangent;
            }
        }

        CopyValues(yDual, y);
    }

    /// <summary>jacobian (d_y×d_u) ← ∂P/∂u and y ← P(u; x) by reverse mode: one recording, one d_y-lane sweep.</summary>
    public static void JacobianReverse<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, Span<T> y,
        MatrixView<T> jacobian, ComposedWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Record(physics, x, u, ws);
        ws.Tape.Jacobian(ws.OutputVariables, ws.InputVariables, jacobian);
        CopyValues(ws.OutputVariables, y);
    }

    /// <summary>ẏ ← (∂P/∂u)·u̇ by one dual pass.</summary>
    public static void Jvp<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, ReadOnlySpan<T> uDot, Span<T> yDot,
        ComposedWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Dual<T>[] uDual = ws.InputDuals, yDual = ws.OutputDuals;
        for (int k = 0; k < u.Length; k++)
        {
            uDual[k] = new Dual<T>(u[k], uDot[k]);
        }

        physics.Evaluate<Dual<T>>(x, uDual, yDual);
        for (int o = 0; o < yDual.Length; o++)
        {
            yDot[o] = yDual[o].Tangent;
        }
    }

    /// <summary>ū ← (∂P/∂u)ᵀ·w by one recording and one sweep.</summary>
    public static void Vjp<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, ReadOnlySpan<T> w, Span<T> uBar,
        ComposedWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Record(physics, x, u, ws);
        ws.Tape.Backward(ws.OutputVariables, w);
        TapeVariable<T>[] uVars = ws.InputVariables;
        for (int k = 0; k < uBar.Length; k++)
        {
            uBar[k] = ws.Tape.Adjoint(uVars[k]);
        }
    }

    /// <summary>Records P(u; x) on the workspace's tape (reset first), u as fresh variables.</summary>
    private static void Record<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, ComposedWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ws.Tape.Reset();
        ws.Tape.Variables(u, ws.InputVariables);
        physics.Evaluate<TapeVariable<T>>(x, ws.InputVariables, ws.OutputVariables);
    }

    private static void CopyValues<TScalar, T>(ReadOnlySpan<TScalar> source, Span<T> destination)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < destination.Length; o++)
        {
            destination[o] = source[o].Value;
        }
    }
}
