// OscillatorChain: n unit oscillators on a line with free ends, coupled to their neighbours by linear and cubic
// springs, driven through one scalar control per time step, integrated by the classical fourth-order Runge-Kutta
// method with the control held constant within each step. The physics of the coupled-oscillator example of
// Thuerey et al., "Physics-based Deep Learning" (HIG chapter, notebook "physgrad-hig-code": the linear chain) and of
// Schnell, Holl & Thuerey, ICLR 2022 (the "nonlinear oscillators": the cubic chain); own implementation.
//
// State s = (x₀ … x_{n−1}, v₀ … v_{n−1}) (positions, then velocities); with δ_e = x_{e+1} − x_e on edge e = (e, e+1),
//     ẋᵢ = vᵢ,    v̇ᵢ = −xᵢ + F_i − F_{i−1} + dᵢ·u(t),    F_e = k_lin·δ_e + k_cub·δ_e³    (F_{−1} = F_{n−1} = 0),
// d = gain·c with c the driven-oscillator vector. k_lin = 0.2, k_cub = 0, c = (0, 1), gain 1 and 24 steps of Δt = 0.5
// is the book's chain ((L·x)ᵢ = Σ_j (x_j − xᵢ) over the neighbours j, L = [[−1, 1], [1, −1]] for n = 2); k_lin = 0,
// k_cub = 1, gain 3 and 96 steps of Δt = 0.125 is the paper's. For u = 0 the flow conserves
//     H = Σᵢ ½(xᵢ² + vᵢ²) + Σ_e (½k_lin·δ_e² + ¼k_cub·δ_e⁴).
// One RK4 step (h = Δt) with stage states S₁ = s, S₂ = s + (h/2)K₁, S₃ = s + (h/2)K₂, S₄ = s + h·K₃, K_j = f(S_j, u_t):
//     s' = s + (h/6)K₁ + (h/3)K₂ + (h/3)K₃ + (h/6)K₄, accumulated in that order.
// P(u; x) = s_T: the network input x is the initial state s₀ (2n entries), u holds the Nt controls, y is the final state.
//
// Invariants: values use only +, −, × and negation (no fused multiply-adds), in the order written here, so plain,
// dual, tape and vector-lane evaluations (OscillatorChainBatch) agree bit for bit; terms whose coefficient is zero
// are skipped, not multiplied by zero. The batched members are a hand-written discrete adjoint of exactly this map.
using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// The final state of a chain of n coupled, driven oscillators after Nt RK4 steps: y = P(u; x) with x the initial state
/// (positions, then velocities: 2n entries, the sample's network input), u the controls (one per time step, held
/// constant within it) and y the state after the last step (2n entries). See the file header for the equations.
/// </summary>
/// <remarks>
/// <para>The scalar <see cref="Evaluate{TScalar}"/> runs on every differentiable scalar (plain, dual, tape); the batched
/// members (<see cref="IBatchedPhysicsFunction{T}"/>) compute the same values bit for bit, vectorized across samples, and
/// ∂P/∂u by a hand-written discrete adjoint of the RK4 steps, which agrees with the scalar autodiff up to rounding.</para>
/// <para>At most <see cref="MaxOscillators"/> oscillators (the scalar path keeps its state on the stack).</para>
/// </remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class OscillatorChain<T> : IBatchedPhysicsFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The largest number of oscillators.</summary>
    public const int MaxOscillators = 32;

    private readonly T[] _driven;
    private readonly T[] _drive;
    private readonly T _half;
    private readonly T _third;
    private readonly T _sixth;

    /// <summary>Creates the chain.</summary>
    /// <param name="oscillators">n, from 1 to <see cref="MaxOscillators"/> (state size 2n).</param>
    /// <param name="steps">Nt ≥ 1: RK4 steps, one control each (d_u = Nt).</param>
    /// <param name="timeStep">Δt &gt; 0, finite.</param>
    /// <param name="linearCoupling">k_lin: the linear spring constant between neighbours (finite).</param>
    /// <param name="cubicCoupling">k_cub: the cubic spring constant between neighbours (finite).</param>
    /// <param name="driven">c: how strongly the control drives each oscillator (n finite entries, copied).</param>
    /// <param name="gain">The factor of the control term (finite): oscillator i feels gain·cᵢ·u(t).</param>
    /// <exception cref="ArgumentOutOfRangeException">n or Nt is out of range, or Δt is not positive and finite.</exception>
    /// <exception cref="ArgumentException">A coupling, an entry of c or the gain is not finite, or c has not n entries.</exception>
    public OscillatorChain(int oscillators, int steps, T timeStep, T linearCoupling, T cubicCoupling, ReadOnlySpan<T> driven, T gain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oscillators, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oscillators, MaxOscillators);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(timeStep > T.Zero) || !T.IsFinite(timeStep))
        {
            throw new ArgumentOutOfRangeException(nameof(timeStep), timeStep, "The time step Δt must be positive and finite.");
        }

        RequireFinite(linearCoupling, nameof(linearCoupling), "The linear coupling k_lin");
        RequireFinite(cubicCoupling, nameof(cubicCoupling), "The cubic coupling k_cub");
        RequireFinite(gain, nameof(gain), "The control gain");
        NnGuard.Length(driven.Length, oscillators, nameof(driven), "the driven-oscillator vector c (one entry per oscillator)");
        _drive = new T[oscillators];
        for (int i = 0; i < oscillators; i++)
        {
            RequireFinite(driven[i], nameof(driven), $"Entry {i} of the driven-oscillator vector c");
            _drive[i] = gain * driven[i];
        }

        Oscillators = oscillators;
        Steps = steps;
        TimeStep = timeStep;
        LinearCoupling = linearCoupling;
        CubicCoupling = cubicCoupling;
        _driven = driven.ToArray();
        Gain = gain;
        T two = T.One + T.One;
        _half = timeStep / two;
        _third = timeStep / (two + T.One);
        _sixth = timeStep / (two * (two + T.One));
    }

    /// <summary>
    /// The book's chain: 2 oscillators, L = [[−1, 1], [1, −1]] with k_lin = 0.2, no cubic term, only the second oscillator
    /// driven (c = (0, 1), gain 1), 24 steps of Δt = 0.5 (T = 12).
    /// </summary>
    public static OscillatorChain<T> BookLinearChain() =>
        new(2, 24, T.CreateChecked(0.5), T.CreateChecked(0.2), T.Zero, [T.Zero, T.One], T.One);

    /// <summary>
    /// The paper's chain: 2 oscillators, cubic coupling k_cub = 1 and no linear one, the second oscillator driven with
    /// gain 3, 96 steps of Δt = 0.125 (T = 12).
    /// </summary>
    public static OscillatorChain<T> PaperCubicChain() =>
        new(2, 96, T.CreateChecked(0.125), T.Zero, T.One, [T.Zero, T.One], T.CreateChecked(3));

    /// <summary>n: the number of oscillators.</summary>
    public int Oscillators { get; }

    /// <summary>Nt: the number of RK4 steps (and of controls).</summary>
    public int Steps { get; }

    /// <summary>Δt.</summary>
    public T TimeStep { get; }

    /// <summary>k_lin.</summary>
    public T LinearCoupling { get; }

    /// <summary>k_cub.</summary>
    public T CubicCoupling { get; }

    /// <summary>c: the driven-oscillator vector.</summary>
    public ReadOnlySpan<T> Driven => _driven;

    /// <summary>The control gain.</summary>
    public T Gain { get; }

    /// <summary>Nt: one control per step.</summary>
    public int InputSize => Steps;

    /// <summary>2n: the final positions and velocities.</summary>
    public int OutputSize => 2 * Oscillators;

    /// <summary>gain·cᵢ per oscillator, as the equations use it.</summary>
    internal ReadOnlySpan<T> Drive => _drive;

    /// <summary>Δt/2, Δt/3 and Δt/6 as rounded once in T (the RK4 weights used by every evaluation).</summary>
    internal (T Half, T Third, T Sixth) Weights => (_half, _third, _sixth);

    /// <inheritdoc/>
    public void Evaluate<TScalar>(ReadOnlySpan<T> x, ReadOnlySpan<TScalar> u, Span<TScalar> y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        CheckSample(x.Length, u.Length, y.Length);
        Integrate(x, u, y, Span<T>.Empty);
    }

    /// <summary>
    /// The whole trajectory on plain numbers: states[k·2n …] ← s_k for k = 0 … Nt (s₀ = x, s_Nt = the final state),
    /// the same values <see cref="Evaluate{TScalar}"/> computes.
    /// </summary>
    /// <exception cref="ArgumentException">x or u has the wrong length, or states has not (Nt + 1)·2n entries.</exception>
    public void Trajectory(ReadOnlySpan<T> x, ReadOnlySpan<T> u, Span<T> states)
    {
        NnGuard.Length(states.Length, (Steps + 1) * OutputSize, nameof(states), "the trajectory ((Nt + 1)·2n states)", this);
        Span<Primal<T>> y = stackalloc Primal<T>[OutputSize];
        CheckSample(x.Length, u.Length, y.Length);
        Integrate(x, System.Runtime.InteropServices.MemoryMarshal.Cast<T, Primal<T>>(u), y, states);
    }

    /// <summary>
    /// H(s) = Σᵢ ½(xᵢ² + vᵢ²) + Σ_e (½k_lin·δ_e² + ¼k_cub·δ_e⁴), the energy the flow conserves when u = 0.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="state"/> has not 2n entries.</exception>
    public T Energy(ReadOnlySpan<T> state)
    {
        NnGuard.Length(state.Length, OutputSize, nameof(state), "a state (positions, then velocities)", this);
        int n = Oscillators;
        T half = T.One / (T.One + T.One), quarter = half * half, energy = T.Zero;
        for (int i = 0; i < n; i++)
        {
            energy += half * ((state[i] * state[i]) + (state[n + i] * state[n + i]));
        }

        for (int e = 0; e + 1 < n; e++)
        {
            T d = state[e + 1] - state[e], d2 = d * d;
            energy += (half * LinearCoupling * d2) + (quarter * CubicCoupling * d2 * d2);
        }

        return energy;
    }

    /// <inheritdoc/>
    public PhysicsBatchWorkspace CreateBatchWorkspace(int batchSize) => new OscillatorChainWorkspace<T>(this, batchSize);

    /// <inheritdoc/>
    public void EvaluateBatch(ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, MatrixView<T> y, PhysicsBatchWorkspace workspace) =>
        OscillatorChainBatch.Evaluate(this, x, u, y, Own(workspace, x.Rows));

    /// <inheritdoc/>
    public void JacobianBatch(ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, MatrixView<T> y, Span<T> jacobians, PhysicsBatchWorkspace workspace) =>
        OscillatorChainBatch.Jacobian(this, x, u, y, jacobians, Own(workspace, x.Rows));

    /// <inheritdoc/>
    public void VjpBatch(ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, ReadOnlyMatrixView<T> cotangent, MatrixView<T> uBar, PhysicsBatchWorkspace workspace) =>
        OscillatorChainBatch.Vjp(this, x, u, cotangent, uBar, Own(workspace, x.Rows));

    /// <summary>"OscillatorChain(n = 2, 24 × Δt 0.5, k_lin 0.2, k_cub 0, drive (0, 1))", for messages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"OscillatorChain(n = {Oscillators}, {Steps} × Δt {TimeStep}, k_lin {LinearCoupling}, k_cub {CubicCoupling}, drive ({string.Join(", ", _drive)}))");

    /// <summary>
    /// The RK4 integration of the file header, on any scalar; writes the states s₀ … s_Nt to <paramref name="trajectory"/>
    /// when it is not empty. Seven vectors of n scalars live on the stack (every element is written before it is read).
    /// </summary>
    [SkipLocalsInit]
    private void Integrate<TScalar>(ReadOnlySpan<T> x0, ReadOnlySpan<TScalar> u, Span<TScalar> y, Span<T> trajectory)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        int n = Oscillators;
        Unsafe.SkipInit(out Scratch<TScalar> scratch);
        Span<TScalar> all = scratch;
        Span<TScalar> x = all.Slice(0, n), v = all.Slice(n, n), ax = all.Slice(2 * n, n), av = all.Slice(3 * n, n);
        Span<TScalar> tx = all.Slice(4 * n, n), tv = all.Slice(5 * n, n), kv = all.Slice(6 * n, n);
        for (int i = 0; i < n; i++)
        {
            x[i] = TScalar.Constant(x0[i]);
            v[i] = TScalar.Constant(x0[n + i]);
        }

        Record(trajectory, 0, x, v);
        T h = TimeStep, half = _half, third = _third, sixth = _sixth;
        for (int t = 0; t < Steps; t++)
        {
            TScalar ut = u[t];
            Acceleration(x, ut, kv);
            for (int i = 0; i < n; i++)
            {
                ax[i] = x[i] + (v[i] * sixth);
                av[i] = v[i] + (kv[i] * sixth);
                tx[i] = x[i] + (v[i] * half);
                tv[i] = v[i] + (kv[i] * half);
            }

            Acceleration(tx, ut, kv);
            for (int i = 0; i < n; i++)
            {
                ax[i] = ax[i] + (tv[i] * third);
                tx[i] = x[i] + (tv[i] * half);
                av[i] = av[i] + (kv[i] * third);
                tv[i] = v[i] + (kv[i] * half);
            }

            Acceleration(tx, ut, kv);
            for (int i = 0; i < n; i++)
            {
                ax[i] = ax[i] + (tv[i] * third);
                tx[i] = x[i] + (tv[i] * h);
                av[i] = av[i] + (kv[i] * third);
                tv[i] = v[i] + (kv[i] * h);
            }

            Acceleration(tx, ut, kv);
            for (int i = 0; i < n; i++)
            {
                x[i] = ax[i] + (tv[i] * sixth);
                v[i] = av[i] + (kv[i] * sixth);
            }

            Record(trajectory, t + 1, x, v);
        }

        for (int i = 0; i < n; i++)
        {
            y[i] = x[i];
            y[n + i] = v[i];
        }
    }

    /// <summary>
    /// kv ← v̇ at positions <paramref name="x"/> and control <paramref name="ut"/>: aᵢ = ((−xᵢ + F_i) − F_{i−1}) + dᵢ·u,
    /// with F_e = δ_e·k_lin + (δ_e·δ_e·δ_e)·k_cub and zero-coefficient terms skipped.
    /// </summary>
    private void Acceleration<TScalar>(ReadOnlySpan<TScalar> x, TScalar ut, Span<TScalar> kv)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        int n = x.Length;
        bool linear = LinearCoupling != T.Zero, cubic = CubicCoupling != T.Zero;
        TScalar previous = default;
        for (int i = 0; i < n; i++)
        {
            TScalar a = -x[i];
            if (linear || cubic)
            {
                if (i + 1 < n)
                {
                    TScalar d = x[i + 1] - x[i];
                    TScalar force = linear && cubic ? (d * LinearCoupling) + (d * d * d * CubicCoupling)
                        : linear ? d * LinearCoupling : d * d * d * CubicCoupling;
                    a = a + force;
                    if (i > 0)
                    {
                        a = a - previous;
                    }

                    previous = force;
                }
                else if (i > 0)
                {
                    a = a - previous;
                }
            }

            if (_drive[i] != T.Zero)
            {
                a = a + (ut * _drive[i]);
            }

            kv[i] = a;
        }
    }

    private void Record<TScalar>(Span<T> trajectory, int step, ReadOnlySpan<TScalar> x, ReadOnlySpan<TScalar> v)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>
    {
        if (trajectory.IsEmpty)
        {
            return;
        }

        int n = Oscillators;
        Span<T> state = trajectory.Slice(step * 2 * n, 2 * n);
        for (int i = 0; i < n; i++)
        {
            state[i] = x[i].Value;
            state[n + i] = v[i].Value;
        }
    }

    private void CheckSample(int xLength, int uLength, int yLength)
    {
        NnGuard.Length(xLength, OutputSize, "x", "the initial state (positions, then velocities)", this);
        NnGuard.Length(uLength, InputSize, "u", "the control sequence (one per step)", this);
        NnGuard.Length(yLength, OutputSize, "y", "the final state (positions, then velocities)", this);
    }

    private OscillatorChainWorkspace<T> Own(PhysicsBatchWorkspace workspace, int rows)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace is not OscillatorChainWorkspace<T> ws || !ReferenceEquals(ws.Chain, this))
        {
            throw new ArgumentException("The workspace was not created by this oscillator chain; use CreateBatchWorkspace.", nameof(workspace));
        }

        if (rows > ws.BatchSize)
        {
            ShapeGuard.ThrowShape("x", $"x has {rows} rows but the workspace was created for at most {ws.BatchSize} sample(s).");
        }

        return ws;
    }

    private static void RequireFinite(T value, string name, string what)
    {
        if (!T.IsFinite(value))
        {
            throw new ArgumentException($"{what} must be finite, got {value}.", name);
        }
    }

    /// <summary>Stack room for the seven state vectors of <see cref="Integrate"/> at the largest n.</summary>
    [InlineArray(7 * MaxOscillators)]
    private struct Scratch<TScalar>
    {
        private TScalar _element;
    }
}
