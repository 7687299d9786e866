// OscillatorChainBatch: the OscillatorChain's batched members — values, ∂P/∂u and vector-Jacobian products for
// W = Vector<T>.Count samples at a time, one sample per vector lane.
//
// Values: the RK4 map of OscillatorChain's header with exactly its operations in its order, lane by lane (+, −, × on
// Vector<T> are the IEEE operations of the scalar path), so every lane equals OscillatorChain.Evaluate on Primal<T>
// bit for bit, whatever the vector width. Zero-filled padding lanes complete the last chunk of a batch.
// Derivatives: a hand-written discrete adjoint (reverse mode by hand; Griewank & Walther, "Evaluating Derivatives",
// 2nd ed., ch. 3, applied to one RK4 step). With stage adjoints K̄_j = (P_j, Q_j) (position and velocity parts) and
// f's Jacobian [[0, I], [A(x), 0]], A(x) = ∂a/∂x symmetric ((A·q)ᵢ = −qᵢ + φᵢ − φ_{i−1}, φ_e = F'(δ_e)·(q_{e+1} − q_e),
// F'(δ) = k_lin + 3k_cub·δ² at the stage's positions), one step back from λ' = ∂L/∂s_{t+1} is
//     K̄₄ = (h/6)λ',  K̄₃ = (h/3)λ' + h·S̄₄,  K̄₂ = (h/3)λ' + (h/2)·S̄₃,  K̄₁ = (h/6)λ' + (h/2)·S̄₂,   S̄_j = (A_j·Q_j, P_j),
//     λ = λ' + S̄₁ + S̄₂ + S̄₃ + S̄₄,    ∂L/∂u_t = Σ_j d·Q_j,
// with the same rounded weights h/2, h/3, h/6 as the values, so it is the derivative of the computed map up to rounding.
// ∂P/∂u takes one sweep per output (2n of them, cheaper than Nt forward passes); the forward pass records F'(δ_e) per
// step and stage when k_cub ≠ 0 (for k_cub = 0, F' = k_lin everywhere). A linear chain (k_cub = 0, or a single
// oscillator) has the same ∂P/∂u for every state and control — every local partial of the computed map is a constant
// — so its block is swept once, on the workspace's first use, and copied to every sample (its VJPs are then products
// with that block).
// Invariants: allocation-free (the workspace holds every buffer); lanes never interact.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>Scratch memory of an <see cref="OscillatorChain{T}"/>'s batched members (one chunk of W samples at a time).</summary>
/// <typeparam name="T">The floating-point type.</typeparam>
internal sealed class OscillatorChainWorkspace<T> : PhysicsBatchWorkspace
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public OscillatorChainWorkspace(OscillatorChain<T> chain, int batchSize)
        : base(batchSize)
    {
        Chain = chain;
        int n = chain.Oscillators, steps = chain.Steps, w = Vector<T>.Count;
        Records = chain.CubicCoupling != T.Zero && n > 1;
        State = new T[7 * n * w];
        Adjoint = new T[7 * n * w];
        Controls = new T[steps * w];
        UBar = new T[steps * w];
        Coefficients = Records ? new T[checked(steps * 4 * (n - 1) * w)] : [];
        Lanes = new T[w];
        Block = Records ? [] : new T[2 * n * steps];
    }

    public OscillatorChain<T> Chain { get; }

    /// <summary>Whether the forward pass records F'(δ_e) (only with a cubic term and at least one edge).</summary>
    public bool Records { get; }

    /// <summary>x, v, accumulated x and v, stage x and v, and v̇: 7n vectors.</summary>
    public T[] State { get; }

    /// <summary>λx, λv, P, Q, A·Q, and the next λx, λv: 7n vectors.</summary>
    public T[] Adjoint { get; }

    /// <summary>The chunk's controls, one vector per step.</summary>
    public T[] Controls { get; }

    /// <summary>∂L/∂u_t of the chunk, one vector per step.</summary>
    public T[] UBar { get; }

    /// <summary>F'(δ_e) per step, stage and edge (empty when not recorded).</summary>
    public T[] Coefficients { get; }

    /// <summary>One vector's worth of scalars, for moving values between rows and lanes.</summary>
    public T[] Lanes { get; }

    /// <summary>A linear chain's ∂P/∂u (2n×Nt, the same for every sample); empty for a state-dependent one.</summary>
    public T[] Block { get; }

    /// <summary>Whether <see cref="Block"/> holds the swept block (it depends on the chain only, so it is swept once).</summary>
    public bool HasBlock { get; set; }
}

/// <summary>The batched values and derivatives of <see cref="OscillatorChain{T}"/> (see the file header).</summary>
internal static class OscillatorChainBatch
{
    public static void Evaluate<T>(OscillatorChain<T> chain, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, MatrixView<T> y, OscillatorChainWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBatch(chain, x, u, y);
        int w = Vector<T>.Count;
        for (int first = 0; first < x.Rows; first += w)
        {
            int count = Math.Min(w, x.Rows - first);
            Load(chain, x, u, first, count, ws);
            Forward(chain, ws, record: false);
            StoreState(chain, ws, y, first, count);
        }
    }

    public static void Jacobian<T>(OscillatorChain<T> chain, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, MatrixView<T> y, Span<T> jacobians,
        OscillatorChainWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBatch(chain, x, u, y);
        int dy = chain.OutputSize, du = chain.InputSize, w = Vector<T>.Count;
        NnGuard.Length(jacobians.Length, x.Rows * dy * du, nameof(jacobians), "one d_y×d_u Jacobian per sample", chain);
        if (!ws.Records)
        {
            // Linear: one block for all samples.
            ConstantBlock(chain, ws);
            for (int i = 0; i < x.Rows; i++)
            {
                ws.Block.CopyTo(jacobians.Slice(i * dy * du, dy * du));
            }

            Evaluate(chain, x, u, y, ws);
            return;
        }

        for (int first = 0; first < x.Rows; first += w)
        {
            int count = Math.Min(w, x.Rows - first);
            Load(chain, x, u, first, count, ws);
            Forward(chain, ws, record: true);
            StoreState(chain, ws, y, first, count);
            for (int o = 0; o < dy; o++)
            {
                SweepOutput(chain, ws, o);
                Span<Vector<T>> uBar = Vectors(ws.UBar);
                for (int t = 0; t < du; t++)
                {
                    uBar[t].CopyTo(ws.Lanes);
                    for (int l = 0; l < count; l++)
                    {
                        jacobians[((first + l) * dy * du) + (o * du) + t] = ws.Lanes[l];
                    }
                }
            }
        }
    }

    public static void Vjp<T>(OscillatorChain<T> chain, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, ReadOnlyMatrixView<T> cotangent, MatrixView<T> uBar,
        OscillatorChainWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckInputs(chain, x, u);
        NnGuard.MatrixShape(cotangent.Rows, cotangent.Cols, x.Rows, chain.OutputSize, nameof(cotangent), "the cotangent of the final state (b×2n)", chain);
        NnGuard.MatrixShape(uBar.Rows, uBar.Cols, x.Rows, chain.InputSize, nameof(uBar), "the cotangent of the controls (b×Nt)", chain);
        int dy = chain.OutputSize, du = chain.InputSize, w = Vector<T>.Count;
        Span<Vector<T>> adjoint = Vectors(ws.Adjoint);
        Span<Vector<T>> bar = Vectors(ws.UBar);
        if (!ws.Records)
        {
            ConstantBlock(chain, ws);
        }

        for (int first = 0; first < x.Rows; first += w)
        {
            int count = Math.Min(w, x.Rows - first);
            for (int k = 0; k < dy; k++)
            {
                adjoint[k] = Gather(cotangent, first, count, k, ws.Lanes);
            }

            if (ws.Records)
            {
                Load(chain, x, u, first, count, ws);
                Forward(chain, ws, record: true);
                Backward(chain, ws);
            }
            else
            {
                // ū_t = Σ_o J[o, t]·w_o with the constant block.
                for (int t = 0; t < du; t++)
                {
                    Vector<T> sum = Vector<T>.Zero;
                    for (int o = 0; o < dy; o++)
                    {
                        sum += new Vector<T>(ws.Block[(o * du) + t]) * adjoint[o];
                    }

                    bar[t] = sum;
                }
            }

            for (int t = 0; t < du; t++)
            {
                bar[t].CopyTo(ws.Lanes);
                for (int l = 0; l < count; l++)
                {
                    uBar[first + l, t] = ws.Lanes[l];
                }
            }
        }
    }

    /// <summary>
    /// A linear chain's ∂P/∂u into the workspace's block, unless it is there already: one sweep per output (every lane
    /// computes the same).
    /// </summary>
    private static void ConstantBlock<T>(OscillatorChain<T> chain, OscillatorChainWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ws.HasBlock)
        {
            return;
        }

        int du = chain.InputSize;
        Span<Vector<T>> uBar = Vectors(ws.UBar);
        for (int o = 0; o < chain.OutputSize; o++)
        {
            SweepOutput(chain, ws, o);
            for (int t = 0; t < du; t++)
            {
                ws.Block[(o * du) + t] = uBar[t][0];
            }
        }

        ws.HasBlock = true;
    }

    /// <summary>One adjoint sweep seeded with λ_T = e_o in every lane.</summary>
    private static void SweepOutput<T>(OscillatorChain<T> chain, OscillatorChainWorkspace<T> ws, int o)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<Vector<T>> adjoint = Vectors(ws.Adjoint);
        adjoint[..chain.OutputSize].Clear();
        adjoint[o] = Vector<T>.One;
        Backward(chain, ws);
    }

    /// <summary>The chunk's initial states into x, v and its controls into the control vectors (padding lanes 0).</summary>
    private static void Load<T>(OscillatorChain<T> chain, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, int first, int count, OscillatorChainWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<Vector<T>> state = Vectors(ws.State);
        for (int k = 0; k < 2 * chain.Oscillators; k++)
        {
            state[k] = Gather(x, first, count, k, ws.Lanes);
        }

        Span<Vector<T>> controls = Vectors(ws.Controls);
        for (int t = 0; t < chain.Steps; t++)
        {
            controls[t] = Gather(u, first, count, t, ws.Lanes);
        }
    }

    /// <summary>Column <paramref name="column"/> of rows first … first+count−1 as one vector (zeros beyond count).</summary>
    private static Vector<T> Gather<T>(ReadOnlyMatrixView<T> m, int first, int count, int column, T[] lanes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int l = 0; l < lanes.Length; l++)
        {
            lanes[l] = l < count ? m[first + l, column] : T.Zero;
        }

        return new Vector<T>(lanes);
    }

    private static void StoreState<T>(OscillatorChain<T> chain, OscillatorChainWorkspace<T> ws, MatrixView<T> y, int first, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<Vector<T>> state = Vectors(ws.State);
        for (int k = 0; k < 2 * chain.Oscillators; k++)
        {
            state[k].CopyTo(ws.Lanes);
            for (int l = 0; l < count; l++)
            {
                y[first + l, k] = ws.Lanes[l];
            }
        }
    }

    /// <summary>
    /// The RK4 steps on the chunk's x, v (overwritten with the final state), exactly as OscillatorChain.Integrate;
    /// records F'(δ_e) of every stage when <paramref name="record"/> and the workspace keeps them.
    /// </summary>
    private static void Forward<T>(OscillatorChain<T> chain, OscillatorChainWorkspace<T> ws, bool record)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (chain.Oscillators == 2)
        {
            ForwardTwo(chain, ws, record);
            return;
        }

        int n = chain.Oscillators, edges = n - 1;
        Span<Vector<T>> all = Vectors(ws.State);
        Span<Vector<T>> x = all.Slice(0, n), v = all.Slice(n, n), ax = all.Slice(2 * n, n), av = all.Slice(3 * n, n);
        Span<Vector<T>> tx = all.Slice(4 * n, n), tv = all.Slice(5 * n, n), kv = all.Slice(6 * n, n);
        ReadOnlySpan<Vector<T>> controls = Vectors(ws.Controls);
        Span<Vector<T>> coefficients = record && ws.Records ? Vectors(ws.Coefficients) : Span<Vector<T>>.Empty;
        (T halfT, T thirdT, T sixthT) = chain.Weights;
        Vector<T> h = new(chain.TimeStep), half = new(halfT), third = new(thirdT), sixth = new(sixthT);
        for (int t = 0; t < chain.Steps; t++)
        {
            Vector<T> ut = controls[t];
            Acceleration(chain, x, ut, kv, Stage(coefficients, t, 0, edges));
            for (int i = 0; i < n; i++)
            {
                ax[i] = x[i] + (v[i] * sixth);
                av[i] = v[i] + (kv[i] * sixth);
                tx[i] = x[i] + (v[i] * half);
                tv[i] = v[i] + (kv[i] * half);
            }

            Acceleration(chain, tx, ut, kv, Stage(coefficients, t, 1, edges));
            for (int i = 0; i < n; i++)
            {
                ax[i] = ax[i] + (tv[i] * third);
                tx[i] = x[i] + (tv[i] * half);
                av[i] = av[i] + (kv[i] * third);
                tv[i] = v[i] + (kv[i] * half);
            }

            Acceleration(chain, tx, ut, kv, Stage(coefficients, t, 2, edges));
            for (int i = 0; i < n; i++)
            {
                ax[i] = ax[i] + (tv[i] * third);
                tx[i] = x[i] + (tv[i] * h);
                av[i] = av[i] + (kv[i] * third);
                tv[i] = v[i] + (kv[i] * h);
            }

            Acceleration(chain, tx, ut, kv, Stage(coefficients, t, 3, edges));
            for (int i = 0; i < n; i++)
            {
                x[i] = ax[i] + (tv[i] * sixth);
                v[i] = av[i] + (kv[i] * sixth);
            }
        }
    }

    /// <summary>
    /// <see cref="Forward"/> for two oscillators (both experiments' chains) with the state in locals instead of spans,
    /// so the JIT keeps it in registers: the same operations in the same order, so the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardTwo<T>(OscillatorChain<T> chain, OscillatorChainWorkspace<T> ws, bool record)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<Vector<T>> state = Vectors(ws.State);
        Vector<T> x0 = state[0], x1 = state[1], v0 = state[2], v1 = state[3];
        ReadOnlySpan<Vector<T>> controls = Vectors(ws.Controls);
        Span<Vector<T>> slopes = record && ws.Records ? Vectors(ws.Coefficients) : Span<Vector<T>>.Empty;
        (T halfT, T thirdT, T sixthT) = chain.Weights;
        Vector<T> h = new(chain.TimeStep), half = new(halfT), third = new(thirdT), sixth = new(sixthT);
        var pair = new PairForce<T>(chain);
        for (int t = 0; t < chain.Steps; t++)
        {
            Vector<T> ut = controls[t];
            (Vector<T> k0, Vector<T> k1) = pair.Acceleration(x0, x1, ut, slopes, 4 * t);
            Vector<T> ax0 = x0 + (v0 * sixth), av0 = v0 + (k0 * sixth), tx0 = x0 + (v0 * half), tv0 = v0 + (k0 * half);
            Vector<T> ax1 = x1 + (v1 * sixth), av1 = v1 + (k1 * sixth), tx1 = x1 + (v1 * half), tv1 = v1 + (k1 * half);

            (k0, k1) = pair.Acceleration(tx0, tx1, ut, slopes, (4 * t) + 1);
            ax0 += tv0 * third;
            tx0 = x0 + (tv0 * half);
            av0 += k0 * third;
            tv0 = v0 + (k0 * half);
            ax1 += tv1 * third;
            tx1 = x1 + (tv1 * half);
            av1 += k1 * third;
            tv1 = v1 + (k1 * half);

            (k0, k1) = pair.Acceleration(tx0, tx1, ut, slopes, (4 * t) + 2);
            ax0 += tv0 * third;
            tx0 = x0 + (tv0 * h);
            av0 += k0 * third;
            tv0 = v0 + (k0 * h);
            ax1 += tv1 * third;
            tx1 = x1 + (tv1 * h);
            av1 += k1 * third;
            tv1 = v1 + (k1 * h);

            (k0, k1) = pair.Acceleration(tx0, tx1, ut, slopes, (4 * t) + 3);
            x0 = ax0 + (tv0 * sixth);
            v0 = av0 + (k0 * sixth);
            x1 = ax1 + (tv1 * sixth);
            v1 = av1 + (k1 * sixth);
        }

        (state[0], state[1], state[2], state[3]) = (x0, x1, v0, v1);
    }

    /// <summary>The two-oscillator acceleration of <see cref="Acceleration"/>, its constants broadcast once.</summary>
    private readonly struct PairForce<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly bool _linear, _cubic, _drive0, _drive1;
        private readonly Vector<T> _kLin, _kCub, _slope, _d0, _d1;

        public PairForce(OscillatorChain<T> chain)
        {
            _linear = chain.LinearCoupling != T.Zero;
            _cubic = chain.CubicCoupling != T.Zero;
            _kLin = new Vector<T>(chain.LinearCoupling);
            _kCub = new Vector<T>(chain.CubicCoupling);
            _slope = new Vector<T>(chain.CubicCoupling * T.CreateTruncating(3));
            _drive0 = chain.Drive[0] != T.Zero;
            _drive1 = chain.Drive[1] != T.Zero;
            _d0 = new Vector<T>(chain.Drive[0]);
            _d1 = new Vector<T>(chain.Drive[1]);
        }

        /// <summary>(v̇₀, v̇₁) at positions (x₀, x₁); slopes[stage] ← F'(δ) when recording (one edge per stage).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (Vector<T> K0, Vector<T> K1) Acceleration(Vector<T> x0, Vector<T> x1, Vector<T> ut, Span<Vector<T>> slopes, int stage)
        {
            Vector<T> a0 = Vector<T>.Zero - x0, a1 = Vector<T>.Zero - x1;
            if (_linear || _cubic)
            {
                Vector<T> d = x1 - x0;
                Vector<T> force = _linear && _cubic ? (d * _kLin) + (d * d * d * _kCub) : _linear ? d * _kLin : d * d * d * _kCub;
                a0 += force;
                a1 -= force;
                if (!slopes.IsEmpty)
                {
                    Vector<T> s = d * d * _slope;
                    slopes[stage] = _linear ? s + _kLin : s;
                }
            }

            if (_drive0)
            {
                a0 += ut * _d0;
            }

            if (_drive1)
            {
                a1 += ut * _d1;
            }

            return (a0, a1);
        }
    }

    /// <summary>
    /// kv ← v̇ as OscillatorChain.Acceleration, lane by lane; slope[e] ← F'(δ_e) = (δ_e·δ_e)·3k_cub (+ k_lin) when the
    /// span is not empty.
    /// </summary>
    private static void Acceleration<T>(OscillatorChain<T> chain, ReadOnlySpan<Vector<T>> x, Vector<T> ut, Span<Vector<T>> kv, Span<Vector<T>> slope)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length;
        T kLin = chain.LinearCoupling, kCub = chain.CubicCoupling;
        bool linear = kLin != T.Zero, cubic = kCub != T.Zero;
        Vector<T> linearV = new(kLin), cubicV = new(kCub), slopeV = new(kCub * T.CreateTruncating(3));
        ReadOnlySpan<T> drive = chain.Drive;
        Vector<T> previous = default;
        for (int i = 0; i < n; i++)
        {
            Vector<T> a = Vector<T>.Zero - x[i];
            if (linear || cubic)
            {
                if (i + 1 < n)
                {
                    Vector<T> d = x[i + 1] - x[i];
                    Vector<T> force = linear && cubic ? (d * linearV) + (d * d * d * cubicV)
                        : linear ? d * linearV : d * d * d * cubicV;
                    a = a + force;
                    if (i > 0)
                    {
                        a = a - previous;
                    }

                    previous = force;
                    if (!slope.IsEmpty)
                    {
                        Vector<T> s = d * d * slopeV;
                        slope[i] = linear ? s + linearV : s;
                    }
                }
                else if (i > 0)
                {
                    a = a - previous;
                }
            }

            if (drive[i] != T.Zero)
            {
                a = a + (ut * new Vector<T>(drive[i]));
            }

            kv[i] = a;
        }
    }

    /// <summary>
    /// One adjoint sweep over all steps, from λ = (λx, λv) at the final state (the first 2n adjoint vectors, consumed)
    /// to ∂L/∂u_t in the ū vectors.
    /// </summary>
    private static void Backward<T>(OscillatorChain<T> chain, OscillatorChainWorkspace<T> ws)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = chain.Oscillators, edges = n - 1;
        Span<Vector<T>> all = Vectors(ws.Adjoint);
        Span<Vector<T>> lx = all.Slice(0, n), lv = all.Slice(n, n), p = all.Slice(2 * n, n), q = all.Slice(3 * n, n);
        Span<Vector<T>> aq = all.Slice(4 * n, n), nx = all.Slice(5 * n, n), nv = all.Slice(6 * n, n);
        Span<Vector<T>> uBar = Vectors(ws.UBar);
        Span<Vector<T>> coefficients = ws.Records ? Vectors(ws.Coefficients) : Span<Vector<T>>.Empty;
        (T halfT, T thirdT, T sixthT) = chain.Weights;
        Vector<T> h = new(chain.TimeStep), half = new(halfT), third = new(thirdT), sixth = new(sixthT);
        for (int t = chain.Steps - 1; t >= 0; t--)
        {
            // Stage 4: K̄₄ = (h/6)·λ'.
            for (int i = 0; i < n; i++)
            {
                p[i] = lx[i] * sixth;
                q[i] = lv[i] * sixth;
            }

            Vector<T> bar = DriveDot(chain, q);
            ApplyA(chain, Stage(coefficients, t, 3, edges), q, aq);
            for (int i = 0; i < n; i++)
            {
                nx[i] = lx[i] + aq[i];
                nv[i] = lv[i] + p[i];
            }

            // Stage 3: K̄₃ = (h/3)·λ' + h·S̄₄ with S̄₄ = (A₄Q₄, P₄).
            for (int i = 0; i < n; i++)
            {
                q[i] = (lv[i] * third) + (p[i] * h);
                p[i] = (lx[i] * third) + (aq[i] * h);
            }

            bar += DriveDot(chain, q);
            ApplyA(chain, Stage(coefficients, t, 2, edges), q, aq);
            for (int i = 0; i < n; i++)
            {
                nx[i] += aq[i];
                nv[i] += p[i];
            }

            // Stage 2: K̄₂ = (h/3)·λ' + (h/2)·S̄₃.
            for (int i = 0; i < n; i++)
            {
                q[i] = (lv[i] * third) + (p[i] * half);
                p[i] = (lx[i] * third) + (aq[i] * half);
            }

            bar += DriveDot(chain, q);
            ApplyA(chain, Stage(coefficients, t, 1, edges), q, aq);
            for (int i = 0; i < n; i++)
            {
                nx[i] += aq[i];
                nv[i] += p[i];
            }

            // Stage 1: K̄₁ = (h/6)·λ' + (h/2)·S̄₂.
            for (int i = 0; i < n; i++)
            {
                q[i] = (lv[i] * sixth) + (p[i] * half);
                p[i] = (lx[i] * sixth) + (aq[i] * half);
            }

            bar += DriveDot(chain, q);
            ApplyA(chain, Stage(coefficients, t, 0, edges), q, aq);
            for (int i = 0; i < n; i++)
            {
                lx[i] = nx[i] + aq[i];
                lv[i] = nv[i] + p[i];
            }

            uBar[t] = bar;
        }
    }

    /// <summary>aq ← A·q: (A·q)ᵢ = −qᵢ + φᵢ − φ_{i−1} with φ_e = F'(δ_e)·(q_{e+1} − q_e) (F' = k_lin when not recorded).</summary>
    private static void ApplyA<T>(OscillatorChain<T> chain, ReadOnlySpan<Vector<T>> slope, ReadOnlySpan<Vector<T>> q, Span<Vector<T>> aq)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = q.Length;
        bool coupled = chain.LinearCoupling != T.Zero || chain.CubicCoupling != T.Zero;
        Vector<T> linear = new(chain.LinearCoupling);
        Vector<T> previous = default;
        for (int i = 0; i < n; i++)
        {
            Vector<T> a = Vector<T>.Zero - q[i];
            if (coupled)
            {
                if (i + 1 < n)
                {
                    Vector<T> flux = (slope.IsEmpty ? linear : slope[i]) * (q[i + 1] - q[i]);
                    a = a + flux;
                    if (i > 0)
                    {
                        a = a - previous;
                    }

                    previous = flux;
                }
                else if (i > 0)
                {
                    a = a - previous;
                }
            }

            aq[i] = a;
        }
    }

    /// <summary>Σᵢ dᵢ·qᵢ over the driven oscillators: the control's share of a stage adjoint.</summary>
    private static Vector<T> DriveDot<T>(OscillatorChain<T> chain, ReadOnlySpan<Vector<T>> q)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> drive = chain.Drive;
        Vector<T> sum = Vector<T>.Zero;
        for (int i = 0; i < q.Length; i++)
        {
            if (drive[i] != T.Zero)
            {
                sum += q[i] * new Vector<T>(drive[i]);
            }
        }

        return sum;
    }

    /// <summary>The recorded slopes of one step and stage (empty when nothing is recorded).</summary>
    private static Span<Vector<T>> Stage<T>(Span<Vector<T>> coefficients, int step, int stage, int edges)
        where T : unmanaged =>
        coefficients.IsEmpty ? coefficients : coefficients.Slice(((step * 4) + stage) * edges, edges);

    private static Span<Vector<T>> Vectors<T>(T[] buffer)
        where T : unmanaged => MemoryMarshal.Cast<T, Vector<T>>(buffer.AsSpan());

    private static void CheckInputs<T>(OscillatorChain<T> chain, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        NnGuard.MatrixShape(x.Rows, x.Cols, x.Rows, chain.OutputSize, nameof(x), "the initial states (b×2n: positions, then velocities)", chain);
        NnGuard.MatrixShape(u.Rows, u.Cols, x.Rows, chain.InputSize, nameof(u), "the controls (b×Nt)", chain);
    }

    private static void CheckBatch<T>(OscillatorChain<T> chain, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> u, MatrixView<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckInputs(chain, x, u);
        NnGuard.MatrixShape(y.Rows, y.Cols, x.Rows, chain.OutputSize, nameof(y), "the final states (b×2n)", chain);
    }
}
