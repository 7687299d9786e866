// CoupledOscillators: a small nonlinear control problem after the network, modelled on the coupled nonlinear
// oscillators of Schnell, Holl & Thuerey (ICLR 2022, §"nonlinear oscillators"; own formulation, not their code).
//
// n unit oscillators on a line, coupled to their neighbours by cubic springs, each driven by its own control force,
// one control per oscillator and time step (u = (u_{0,0} … u_{0,n−1}, u_{1,0} …), d_u = steps·n):
//     q̈_k = −q_k + c·[(q_{k+1} − q_k)³ − (q_k − q_{k−1})³] + g·u_{t,k}      (free ends: missing terms are 0)
// integrated over the steps by semi-implicit (symplectic) Euler, v ← v + Δt·q̈(q, u_t), then q ← q + Δt·v.
// Initial state: the sample's network input x = (q_0 … q_{n−1}, v_0 … v_{n−1}); output: the final state, same layout.
// Smooth (polynomial in u and x) and nonlinear through the cubic coupling; each step records 9n − 5 tape nodes
// (13 for n = 2: the spring force 4, the two accelerations 3, the controls 2, velocity and position updates 2 + 2).
using System;
using System.Numerics;

namespace Hig.Nn;

/// <summary>
/// The final state of n cubically coupled, individually driven oscillators: y = P(u; x) with x the initial state
/// (positions then velocities, 2n entries, the sample's network input), u the control forces (one per oscillator and
/// time step, step-major, steps·n entries) and y the state after all steps (2n entries).
/// </summary>
/// <remarks>Dynamics q̈_k = −q_k + c·[(q_{k+1} − q_k)³ − (q_k − q_{k−1})³] + g·u_{t,k}, integrated by semi-implicit Euler
/// with step Δt (velocities first, then positions with the new velocities).</remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class CoupledOscillators<T> : IPhysicsFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _oscillators;
    private readonly int _steps;
    private readonly T _timeStep;
    private readonly T _coupling;
    private readonly T _controlGain;

    /// <summary>Creates the problem.</summary>
    /// <param name="oscillators">n ≥ 1 (state size 2n).</param>
    /// <param name="steps">Time steps ≥ 1; each takes one control per oscillator (d_u = steps·n).</param>
    /// <param name="timeStep">Δt &gt; 0.</param>
    /// <param name="coupling">c: the cubic spring constant.</param>
    /// <param name="controlGain">g: the force per unit control.</param>
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
        _steps = steps;
        _timeStep = timeStep;
        _coupling = coupling;
        _controlGain = controlGain;
    }

    /// <summary>steps·n: one control per oscillator and time step.</summary>
    public int InputSize => _steps * _oscillators;

    /// <summary>2n: the final positions and velocities.</summary>
    public int OutputSize => 2 * _oscillators;

    /// <inheritdoc/>
    public void Evaluate<TScalar>(ReadOnlySpan<T> x, ReadOnlySpan<TScalar> u, Span<TScalar> y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        int n = _oscillators;
        NnGuard.Length(x.Length, 2 * n, nameof(x), "the initial state (positions, then velocities)", this);
        NnGuard.Length(u.Length, InputSize, nameof(u), "the control sequence (steps·oscillators)", this);
        NnGuard.Length(y.Length, 2 * n, nameof(y), "the final state (positions, then velocities)", this);

        // y holds the state (q then v) throughout.
        for (int k = 0; k < 2 * n; k++)
        {
            y[k] = TScalar.Constant(x[k]);
        }

        Span<TScalar> q = y[..n], v = y[n..];
        TScalar dt = TScalar.Constant(_timeStep), gain = TScalar.Constant(_controlGain);
        for (int t = 0; t < _steps; t++)
        {
            // Velocities first. The spring between k and k+1 pushes k by +force and k+1 by −force.
            TScalar fromLeft = TScalar.Constant(T.Zero);
            for (int k = 0; k < n; k++)
            {
                TScalar acceleration;
                if (k + 1 < n)
                {
                    TScalar stretch = q[k + 1] - q[k];
                    TScalar force = stretch * stretch * stretch * _coupling;
                    acceleration = k == 0 ? force - q[k] : force - (q[k] + fromLeft);
                    fromLeft = force;
                }
                else
                {
                    acceleration = k == 0 ? -q[k] : -(q[k] + fromLeft);
                }

                acceleration = TScalar.MultiplyAdd(u[(t * n) + k], gain, acceleration);
                v[k] = TScalar.MultiplyAdd(acceleration, dt, v[k]);
            }

            for (int k = 0; k < n; k++)
            {
                q[k] = TScalar.MultiplyAdd(v[k], dt, q[k]);
            }
        }
    }
}
