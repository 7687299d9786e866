// PhysicsDerivatives: one sample of a physics function P, evaluated plainly or differentiated with the scalar
// autodiff: its Jacobian ∂P/∂u by vector forward mode (DualLanes: one pass per 16 input directions in double, 32 in
// float) or by reverse mode (one recording, one sweep with d_y adjoint lanes), its JVP (one dual pass) and its VJP
// (one recording, one sweep).
using System;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class PhysicsDerivatives
{
    /// <summary>y ← P(u; x) on plain numbers (reinterpreted as <see cref="Primal{T}"/>, no copies).</summary>
    public static void Evaluate<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        physics.Evaluate(x, MemoryMarshal.Cast<T, Primal<T>>(u), MemoryMarshal.Cast<T, Primal<T>>(y));

    /// <summary>
    /// Whether ∂P/∂u is cheaper by vector forward mode (<see cref="JacobianForwardLanes"/>) than by the tape: when d_u
    /// needs at most two passes of <see cref="DualLanes{T}.Lanes"/> directions. A pass costs about two plain
    /// evaluations of P (a few vector operations per primitive, no bookkeeping); a recording on the tape about seven
    /// (a node written per primitive), plus its sweep. Only where 256-bit or wider vectors run in hardware (AVX2,
    /// where the runtime computes each 512-bit operation as two 256-bit ones, or AVX-512): at 128-bit width (SSE,
    /// AdvSimd) <see cref="DualLanes{T}"/>'s 512-bit blocks go through the runtime's software fallback, about ten
    /// times slower per operation, and the tape is faster.
    /// </summary>
    public static bool PrefersLanes<T>(int inputs)
        where T : unmanaged, IFloatingPointIeee754<T> => Vector256.IsHardwareAccelerated && inputs <= 2 * DualLanes<T>.Lanes;

    /// <summary>
    /// jacobian (d_y×d_u) ← ∂P/∂u and y ← P(u; x) by vector forward mode: each pass seeds up to
    /// <see cref="DualLanes{T}.Lanes"/> inputs with one tangent lane each and yields as many columns, bit for bit those of
    /// one <see cref="Dual{T}"/> pass per input direction.
    /// </summary>
    public static void JacobianForwardLanes<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, Span<T> y,
        MatrixView<T> jacobian, ComposedWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        DualLanes<T>[] uLanes = ws.InputLanes, yLanes = ws.OutputLanes, seeds = ws.LaneSeeds;
        int lanes = DualLanes<T>.Lanes;
        for (int first = 0; first < u.Length; first += lanes)
        {
            for (int k = 0; k < u.Length; k++)
            {
                // seeds[j] is e_j for j < Lanes, seeds[Lanes] the zero tangent.
                uLanes[k] = seeds[(uint)(k - first) < (uint)lanes ? k - first : lanes].WithValue(u[k]);
            }

            physics.Evaluate<DualLanes<T>>(x, uLanes, yLanes);
            int count = Math.Min(lanes, u.Length - first);
            for (int o = 0; o < yLanes.Length; o++)
            {
                yLanes[o].CopyTangents(jacobian.Row(o).Slice(first, count));
            }
        }

        CopyValues(yLanes, y);
    }

    /// <summary>jacobian (d_y×d_u) ← ∂P/∂u and y ← P(u; x) by reverse mode: one recording, one d_y-lane sweep.</summary>
    public static void JacobianReverse<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, Span<T> y,
        MatrixView<T> jacobian, ComposedWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        PhysicsRecorder<T> r = Record(physics, x, u, ws.Recorders[0]);
        r.Tape.Jacobian(r.Outputs, r.Inputs, jacobian);
        CopyValues(r.Outputs, y);
    }

    /// <summary>
    /// <see cref="JacobianReverse"/> for two samples at once: each recorded on its own tape, both swept together
    /// (<see cref="Tape{T}.Jacobians"/>), which hides the latency of the sweep's dependency chain.
    /// </summary>
    public static void JacobianReversePair<T>(IPhysicsFunction<T> physics,
        ReadOnlySpan<T> x0, ReadOnlySpan<T> u0, Span<T> y0, MatrixView<T> jacobian0,
        ReadOnlySpan<T> x1, ReadOnlySpan<T> u1, Span<T> y1, MatrixView<T> jacobian1, ComposedWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        PhysicsRecorder<T> r0 = Record(physics, x0, u0, ws.Recorders[0]);
        PhysicsRecorder<T> r1 = Record(physics, x1, u1, ws.Recorders[1]);
        Tape<T>.Jacobians(r0.Tape, r0.Outputs, r0.Inputs, jacobian0, r1.Tape, r1.Outputs, r1.Inputs, jacobian1);
        CopyValues(r0.Outputs, y0);
        CopyValues(r1.Outputs, y1);
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
        PhysicsRecorder<T> r = Record(physics, x, u, ws.Recorders[0]);
        r.Tape.Backward(r.Outputs, w);
        for (int k = 0; k < uBar.Length; k++)
        {
            uBar[k] = r.Tape.Adjoint(r.Inputs[k]);
        }
    }

    /// <summary>Records P(u; x) on the recorder's tape (reset first), u as fresh variables.</summary>
    private static PhysicsRecorder<T> Record<T>(IPhysicsFunction<T> physics, ReadOnlySpan<T> x, ReadOnlySpan<T> u, PhysicsRecorder<T> recorder)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        recorder.Tape.Reset();
        recorder.Tape.Variables(u, recorder.Inputs);
        physics.Evaluate<TapeVariable<T>>(x, recorder.Inputs, recorder.Outputs);
        return recorder;
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
