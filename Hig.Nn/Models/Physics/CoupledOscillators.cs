// CoupledOscillators: a small nonlinear control problem after the network, modelled on the coupled nonlinear
// oscillators of Schnell, Holl & Thuerey (ICLR 2022, §"nonlinear oscillators"; own formulation, not their code).
//
// n unit oscillators on a line, coupled to their neighbours by cubic springs, the last one driven by the
// control sequence u (one force per time step):
//     q̈_k = −q_k + c·[(q_{k+1} − q_k)³ − (q_k − q_{k−1})³] + g·u_t·[k = n−1]      (free ends: missing terms are 0)
// integrated over d_u steps of Δt by semi-implicit (symplectic) Euler, v ← v + Δt·q̈(q, u_t), then q ← q + Δt·v.
// Initial state: the sample's network input x = (q_0 … q_{n−1}, v_0 … v_{n−1}); output: the final state, same layout.
// Smooth (polynomial in u and x), nonlinear through the cubic coupling, and every output depends on every control
// issued early enough for the coupling to carry it across.
using System;
using System.Numerics;

namespace Hig.Nn;

/// <summary>
/// The final state of n cubically coupled oscillators driven by a control sequence: y = P(u; x) with x the initial state
/// (positions then velocities, 2n entries, the sample's network input), u the forces on the last oscillator, one per
/// time step, and y the state after all steps (2n entries).
/// </summary>
/// <remarks>Dynamics q̈_k = −q_k + c·[(q_{k+1} − q_k)³ − (q_k − q_{k−1})³] + g·u_t·[k = n−1], integrated by semi-implicit Euler
/// with step Δt (velocities first, then positions with the new velocities).</remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class CoupledOscillators<T> : IPhysicsFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _oscillators;
    private readonly T _timeStep;
    private readonly T _coupling;
    private readonly T _controlGain;

    /// <summary>Creates the problem.</summary>
    /// <param name="oscillators">n ≥ 1 (state size 2n).</param>
    /// <param name="steps">Time steps, one control each (d_u ≥ 1).</param>
    /// <param name="timeStep">Δt &gt; 0.</param>
    /// <param name="coupling">c: the cubic spring constant.</param>
    /// <param name="controlGain">g: the force per unit control on the last oscillator.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or Δt is not positive and finite.</exception>
    /// <exception cref="ArgumentException">c or g is not finite.</exception>
    public CoupledOscillators(int oscillators, int steps, T timeStep, T coupling, T controlGain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oscillators, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(timeStep > T.Zero) || !T.IsFinite(timeStep))
        {
            throw new ArgumentOutOfRangeException(nameof(timeStep), timeStep, "The time step must be positive and finite.");
        }

        if (!T.IsFinite(coupling) || !T.IsFinite(controlGain))
        {
            throw new ArgumentException($"The coupling and the control gain must be finite, got {coupling} and {controlGain}.", nameof(coupling));
        }

        _oscillators = oscillators;
        InputSize = steps;
        _timeStep = timeStep;
        _coupling = coupling;
        _controlGain = controlGain;
    }

    /// <summary>The number of controls (time steps).</summary>
    public int InputSize { get; }

    /// <summary>2n: the final positions and velocities.</summary>
    public int OutputSize => 2 * _oscillators;

    /// <inheritdoc/>
    public void Evaluate<TScalar>(ReadOnlySpan<T> x, ReadOnlySpan<TScalar> u, Span<TScalar> y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        int n = _oscillators;
        NnGuard.Length(x.Length, 2 * n, nameof(x), "the initial state (positions, then velocities)", this);
        NnGuard.Length(u.Length, InputSize, nameof(u), "the control sequence");
        NnGuard.Length(y.Length, 2 * n, nameof(y), "the final state (positions, then velocities)", this);

        // y holds the state (q then v) throughout.
        for (int k = 0; k < 2 * n; k++)
        {
            y[k] = TScalar.Constant(x[k]);
        }

        Span<TScalar> q = y[..n], v = y[n..];
        TScalar dt = TScalar.Constant(_timeStep);
        for (int t = 0; t < u.Length; t++)
        {
            // Velocities first: v_k += Δt·(−q_k + spring forces + control), the force of spring k–(k+1) carried over.
            TScalar fromLeft = TScalar.Constant(T.Zero);
            for (int k = 0; k < n; k++)
            {
                TScalar acceleration = fromLeft - q[k];
                if (k + 1 < n)
                {
                    TScalar stretch = q[k + 1] - q[k];
                    TScalar force = stretch * stretch * stretch * _coupling;
                    acceleration += force;
                    fromLeft = -force;
                }
                else
                {
                    acceleration = TScalar.MultiplyAdd(u[t], TScalar.Constant(_controlGain), acceleration);
                }

                v[k] = TScalar.MultiplyAdd(acceleration, dt, v[k]);
            }

            for (int k = 0; k < n; k++)
            {
                q[k] = TScalar.MultiplyAdd(v[k], dt, q[k]);
            }
        }
    }
}
