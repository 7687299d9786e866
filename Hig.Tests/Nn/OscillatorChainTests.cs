using System;
using System.Collections.Generic;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;
using Hig.Tests.Nn.Support;

namespace Hig.Tests.Nn;

/// <summary>
/// The oscillator-chain solver: values bit for bit across the scalar types and the batched lanes; ∂s_T/∂u by the
/// hand-written adjoint against the tape, dual numbers and central differences; the linear chain's ∂s_T/∂u against
/// the product of its RK4 step matrices; RK4's energy drift for u = 0 against its amplification factor and order.
/// </summary>
public abstract class OscillatorChainTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    private static T C(double v) => T.CreateChecked(v);

    public static TheoryData<string> Chains() => ["book", "paper", "three, both couplings", "one, uncoupled"];

    /// <summary>The book's and the paper's chains, and two of other shapes (every coupling term and drive pattern).</summary>
    private static OscillatorChain<T> Chain(string name) => name switch
    {
        "book" => OscillatorChain<T>.BookLinearChain(),
        "paper" => OscillatorChain<T>.PaperCubicChain(),
        "three, both couplings" => new OscillatorChain<T>(3, 9, C(0.3), C(0.4), C(0.7), [C(0.5), C(0), C(-1)], C(1.5)),
        _ => new OscillatorChain<T>(1, 5, C(0.25), C(0), C(0), [C(1)], C(2)),
    };

    /// <summary>b samples: initial states uniform in [0, 1) (the experiment's data) and controls uniform in [−1, 1).</summary>
    internal static (Matrix<T> X, Matrix<T> U) Samples(OscillatorChain<T> chain, int b, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new Matrix<T>(b, chain.OutputSize);
        var u = new Matrix<T>(b, chain.InputSize);
        rng.FillUniform(x.Data, T.Zero, T.One);
        rng.FillUniform(u.Data, -T.One, T.One);
        return (x, u);
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void ValuesAgreeBitForBitAcrossScalarTypesTheTrajectoryAndTheBatch(string name)
    {
        OscillatorChain<T> chain = Chain(name);
        int b = (2 * Vector<T>.Count) + 3; // two full chunks and a partial one
        (Matrix<T> x, Matrix<T> u) = Samples(chain, b, 100);
        var batch = new Matrix<T>(b, chain.OutputSize);
        chain.EvaluateBatch(x, u, batch, chain.CreateBatchWorkspace(b));
        int dy = chain.OutputSize, du = chain.InputSize;
        var plain = new Primal<T>[dy];
        var duals = new Dual<T>[dy];
        var tapeOut = new TapeVariable<T>[dy];
        var trajectory = new T[(chain.Steps + 1) * dy];
        var tape = new Tape<T>();
        for (int i = 0; i < b; i++)
        {
            chain.Evaluate<Primal<T>>(x.Row(i), Array.ConvertAll(u.Row(i).ToArray(), v => new Primal<T>(v)), plain);
            chain.Evaluate<Dual<T>>(x.Row(i), Array.ConvertAll(u.Row(i).ToArray(), v => new Dual<T>(v, T.One)), duals);
            tape.Reset();
            var uVars = new TapeVariable<T>[du];
            tape.Variables(u.Row(i), uVars);
            chain.Evaluate<TapeVariable<T>>(x.Row(i), uVars, tapeOut);
            chain.Trajectory(x.Row(i), u.Row(i), trajectory);
            for (int k = 0; k < dy; k++)
            {
                T value = plain[k].Value;
                Assert.True(value.Equals(batch[i, k]), $"{chain}, sample {i}, y{k}: batch {batch[i, k]} vs plain {value}");
                Assert.True(value.Equals(duals[k].Value), $"sample {i}, y{k}: dual {duals[k].Value} vs plain {value}");
                Assert.True(value.Equals(tapeOut[k].Value), $"sample {i}, y{k}: tape {tapeOut[k].Value} vs plain {value}");
                Assert.True(value.Equals(trajectory[(chain.Steps * dy) + k]), $"sample {i}, y{k}: trajectory end vs plain");
                Assert.True(x[i, k].Equals(trajectory[k]), "the trajectory starts at x");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void AdjointJacobianAgreesWithTheTapeAndDualNumbers(string name)
    {
        OscillatorChain<T> chain = Chain(name);
        int b = Vector<T>.Count + 2, dy = chain.OutputSize, du = chain.InputSize;
        (Matrix<T> x, Matrix<T> u) = Samples(chain, b, 200);
        var y = new Matrix<T>(b, dy);
        var jacobians = new T[b * dy * du];
        Array.Fill(jacobians, T.NaN);
        chain.JacobianBatch(x, u, y, jacobians, chain.CreateBatchWorkspace(b));
        var evaluated = new Matrix<T>(b, dy);
        chain.EvaluateBatch(x, u, evaluated, chain.CreateBatchWorkspace(b));
        Bounds.AssertIdentical<T>(y, evaluated, "y from JacobianBatch vs EvaluateBatch");
        for (int i = 0; i < b; i++)
        {
            (Matrix<T> reverse, Matrix<T> sums, int nodes) = TapeJacobian(chain, x.Row(i), u.Row(i));
            Matrix<T> forward = DualJacobian(chain, x.Row(i), u.Row(i));
            var adjoint = new MatrixView<T>(jacobians.AsSpan(i * dy * du, dy * du), dy, du);
            // Every computation accumulates the same local partials along paths of at most `nodes` operations: each is
            // within nodes·u·S of the exact derivative of the computed map (S the absolute path sums), so two differ by
            // at most 2·nodes·u·S = nodes·ε·S; doubled for second-order terms.
            Bounds.AssertClose<T>(adjoint, reverse, sums, 2 * nodes * Eps, $"{chain} sample {i}: adjoint vs tape");
            Bounds.AssertClose<T>(forward, reverse, sums, 2 * nodes * Eps, $"{chain} sample {i}: dual numbers vs tape");
        }
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void AdjointVjpIsTheTapesVjp(string name)
    {
        OscillatorChain<T> chain = Chain(name);
        int b = Vector<T>.Count + 1, dy = chain.OutputSize, du = chain.InputSize;
        (Matrix<T> x, Matrix<T> u) = Samples(chain, b, 300);
        var w = new Matrix<T>(b, dy);
        new Rng(301).FillUniform(w.Data, -T.One, T.One);
        var uBar = new Matrix<T>(b, du);
        chain.VjpBatch(x, u, w, uBar, chain.CreateBatchWorkspace(b));
        for (int i = 0; i < b; i++)
        {
            (Matrix<T> reverse, Matrix<T> sums, int nodes) = TapeJacobian(chain, x.Row(i), u.Row(i));
            (T[] expected, T[] magnitude) = Bounds.MultiplyTransposed<T>(reverse, sums, w.Row(i));
            // The tape's Jᵀw (double-double sums over its rows) carries the tape's error, the adjoint's its own: both
            // within nodes·u·(Sᵀ|w|) of the exact product, plus the 2n-term sum; doubled for second-order terms.
            Bounds.AssertClose<T>(uBar.Row(i), expected, magnitude, 2 * (nodes + dy) * Eps, $"{chain} sample {i}: (∂s_T/∂u)ᵀw");
        }
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void AdjointJacobianAgreesWithCentralDifferences(string name)
    {
        OscillatorChain<T> chain = Chain(name);
        int dy = chain.OutputSize, du = chain.InputSize;
        (Matrix<T> x, Matrix<T> u) = Samples(chain, 1, 400);
        var y = new Matrix<T>(1, dy);
        var jacobian = new T[dy * du];
        chain.JacobianBatch(x, u, y, jacobian, chain.CreateBatchWorkspace(1));
        int nodes = TapeJacobian(chain, x.Row(0), u.Row(0)).Nodes;

        // Central differences per control on the T-valued map; truncation estimated by Richardson (D(2h) − D(h) ≈ 3·c·h²)
        // and allowed twice, plus rounding: each value carries at most nodes·u·(1 + |y|), amplified by 1/h, allowed
        // four times. h = 10⁻⁴ in double, 2⁻⁸ in float (the step balancing truncation against rounding).
        double h = typeof(T) == typeof(double) ? 1e-4 : Math.ScaleB(1, -8);
        for (int k = 0; k < du; k++)
        {
            double[] d1 = Difference(chain, x.Row(0), u.Row(0), k, h), d2 = Difference(chain, x.Row(0), u.Row(0), k, 2 * h);
            for (int o = 0; o < dy; o++)
            {
                double truncation = 2 * Math.Abs(d2[o] - d1[o]) / 3;
                double rounding = 4 * nodes * (Eps / 2) * (1 + Math.Abs(double.CreateChecked(y[0, o]))) / h;
                double error = Math.Abs(double.CreateChecked(jacobian[(o * du) + k]) - d1[o]);
                Assert.True(error <= truncation + rounding, $"{chain}: ∂y{o}/∂u{k} = {jacobian[(o * du) + k]} vs central difference {d1[o]:R}");
            }
        }
    }

    [Theory]
    [InlineData(2, 24, 0.5, 0.2)]
    [InlineData(3, 10, 0.25, 0.6)]
    public void LinearChainJacobianIsTheProductOfItsRk4StepMatrices(int n, int steps, double dt, double coupling)
    {
        // For ṡ = M·s + b·u with u constant over a step, RK4 is s' = R·s + r·u with R = Σ_{k≤4} (hM)ᵏ/k! and
        // r = h·Σ_{k≤3} (hM)ᵏ/(k+1)!·b, so ∂s_T/∂u_t = R^(Nt−1−t)·r. M = [[0, I], [A, 0]], A = −I + k_lin·L (L the
        // chain's graph Laplacian), b = (0, gain·c); the drive here is the book's, the last oscillator alone.
        var driven = new T[n];
        driven[n - 1] = T.One;
        var chain = new OscillatorChain<T>(n, steps, C(dt), C(coupling), T.Zero, driven, T.One);
        int dim = 2 * n;
        double h = double.CreateChecked(chain.TimeStep), k = double.CreateChecked(chain.LinearCoupling);
        var m = new double[dim, dim];
        for (int i = 0; i < n; i++)
        {
            m[i, n + i] = 1;
            m[n + i, i] = -1;
            if (i > 0)
            {
                m[n + i, i - 1] += k;
                m[n + i, i] -= k;
            }

            if (i + 1 < n)
            {
                m[n + i, i + 1] += k;
                m[n + i, i] -= k;
            }
        }

        var hm = Scale(m, h);
        double[,] power = Identity(dim), r = Identity(dim), phi = Identity(dim);
        double factorial = 1;
        for (int p = 1; p <= 4; p++)
        {
            power = Product(power, hm);
            factorial *= p;
            r = Add(r, Scale(power, 1 / factorial));
            if (p <= 3)
            {
                phi = Add(phi, Scale(power, 1 / (factorial * (p + 1))));
            }
        }

        var bVector = new double[dim];
        bVector[n + n - 1] = h; // h·b
        double[] response = Apply(phi, bVector);

        (Matrix<T> x, Matrix<T> u) = Samples(chain, 1, 500);
        var jacobian = new T[dim * steps];
        chain.JacobianBatch(x, u, new Matrix<T>(1, dim), jacobian, chain.CreateBatchWorkspace(1));
        (_, Matrix<T> sums, int nodes) = TapeJacobian(chain, x.Row(0), u.Row(0));

        // Column t: R^(Nt−1−t)·r, built from the last step backwards. The solver's value is within nodes·u·S of the exact
        // derivative of its computed map (whose weights h/3, h/6 are rounded to T: a relative change of at most u in each
        // of the 4·Nt weight uses, covered by the same bound since every path uses them); the double reference adds
        // at most 4·dim·(Nt + 5)·ε_double of |R|^j·|r| (dim-term sums per product, Nt products, 5 for the series).
        double[] column = response, magnitude = Abs(response);
        double[,] absR = Abs(r);
        for (int t = steps - 1; t >= 0; t--)
        {
            for (int o = 0; o < dim; o++)
            {
                double actual = double.CreateChecked(jacobian[(o * steps) + t]);
                double bound = (2 * nodes * Eps * double.CreateChecked(sums[o, t])) + (4 * dim * (steps + 5) * Math.ScaleB(1, -52) * magnitude[o]);
                Assert.True(Math.Abs(actual - column[o]) <= bound, $"∂s_T[{o}]/∂u_{t} = {actual:R}, closed form {column[o]:R}, bound {bound:E3}");
            }

            column = Apply(r, column);
            magnitude = Apply(absR, magnitude);
        }

    }

    [Theory]
    [InlineData(24, 0.5)]
    [InlineData(48, 0.25)]
    public void LinearChainEnergyDecaysByRk4sAmplificationFactorPerMode(int steps, double dt)
    {
        // u = 0. The book's chain has two normal modes, (1, 1)/√2 with ω² = 1 and (1, −1)/√2 with ω² = 1 + 2k_lin; RK4
        // multiplies each mode's complex amplitude v + iωx by R(iωh) = Σ_{k≤4} (iωh)ᵏ/k!, so its energy by |R(iωh)|²
        // per step, |R|² = 1 − (ωh)⁶/72 + (ωh)⁸/576: the energy error is O(h⁵) over a fixed time T = Nt·h.
        var book = OscillatorChain<T>.BookLinearChain();
        var chain = new OscillatorChain<T>(2, steps, C(dt), book.LinearCoupling, T.Zero, book.Driven, book.Gain);
        double k = double.CreateChecked(chain.LinearCoupling);
        (Matrix<T> x, _) = Samples(chain, 1, 600);
        var zero = new T[steps];
        var final = new Primal<T>[4];
        chain.Evaluate<Primal<T>>(x.Row(0), Array.ConvertAll(zero, z => new Primal<T>(z)), final);

        double[] s0 = [.. Array.ConvertAll(x.Row(0).ToArray(), double.CreateChecked)];
        double predicted = 0, initial = 0;
        foreach ((double sign, double omega2) in new[] { (1.0, 1.0), (-1.0, 1 + (2 * k)) })
        {
            double q = (s0[0] + (sign * s0[1])) / Math.Sqrt(2), p = (s0[2] + (sign * s0[3])) / Math.Sqrt(2);
            double modeEnergy = 0.5 * ((p * p) + (omega2 * q * q));
            double z = Math.Sqrt(omega2) * double.CreateChecked(chain.TimeStep), z2 = z * z;
            double re = 1 - (z2 / 2) + (z2 * z2 / 24), im = z - (z2 * z / 6);
            initial += modeEnergy;
            predicted += modeEnergy * Math.Pow((re * re) + (im * im), steps);
        }

        double energy = Energy(k, Array.ConvertAll(final, f => double.CreateChecked(f.Value)));
        Assert.Equal(initial, Energy(k, s0), 8 * Math.ScaleB(1, -52) * initial);
        // Rounding: each state entry takes about 40 roundings per step (4 stages of a few operations each), growing at
        // most linearly over a map of norm ≤ 1: |δs| ≤ 40·Nt·u·|s|, so the energy by 2·40·Nt·u·E(1 + 2k) (the quadratic
        // form's norm), doubled for the T-rounded weights h/3 and h/6.
        double tolerance = 2 * 40 * steps * Eps * initial * (1 + (2 * k));
        Assert.True(Math.Abs(energy - predicted) <= tolerance, $"E_T = {energy:R}, predicted {predicted:R} (E_0 = {initial:R}), tolerance {tolerance:E3}");

        // And within the known order: the drift is at most T·ω_max⁶·h⁵/72 of E₀.
        double omegaMax = Math.Sqrt(1 + (2 * k)), duration = steps * dt;
        Assert.True(initial - energy <= (duration * Math.Pow(omegaMax, 6) * Math.Pow(dt, 5) / 72 * initial) + tolerance, $"drift {initial - energy:E3}");
        Assert.True(initial - energy > 0, "RK4 dissipates the linear oscillators' energy");
    }

    [Fact]
    public void BadArgumentsAreRejectedWithTheirNames()
    {
        T[] c = [T.Zero, T.One];
        Assert.Throws<ArgumentOutOfRangeException>(() => new OscillatorChain<T>(0, 4, T.One, T.One, T.One, [], T.One));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OscillatorChain<T>(OscillatorChain<T>.MaxOscillators + 1, 4, T.One, T.One, T.One,
            new T[OscillatorChain<T>.MaxOscillators + 1], T.One));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OscillatorChain<T>(2, 0, T.One, T.One, T.One, c, T.One));
        Assert.Equal("timeStep", Assert.Throws<ArgumentOutOfRangeException>(() => new OscillatorChain<T>(2, 4, T.Zero, T.One, T.One, c, T.One)).ParamName);
        Assert.Equal("timeStep", Assert.Throws<ArgumentOutOfRangeException>(() => new OscillatorChain<T>(2, 4, T.PositiveInfinity, T.One, T.One, c, T.One)).ParamName);
        Assert.Equal("linearCoupling", Assert.Throws<ArgumentException>(() => new OscillatorChain<T>(2, 4, T.One, T.NaN, T.One, c, T.One)).ParamName);
        Assert.Equal("cubicCoupling", Assert.Throws<ArgumentException>(() => new OscillatorChain<T>(2, 4, T.One, T.One, T.NaN, c, T.One)).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentException>(() => new OscillatorChain<T>(2, 4, T.One, T.One, T.One, c, T.NaN)).ParamName);
        Assert.Equal("driven", Assert.Throws<ArgumentException>(() => new OscillatorChain<T>(2, 4, T.One, T.One, T.One, [T.One], T.One)).ParamName);
        Assert.Equal("driven", Assert.Throws<ArgumentException>(() => new OscillatorChain<T>(2, 4, T.One, T.One, T.One, [T.One, T.NaN], T.One)).ParamName);

        var chain = OscillatorChain<T>.BookLinearChain();
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => chain.Evaluate<Primal<T>>(new T[3], new Primal<T>[24], new Primal<T>[4])).ParamName);
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => chain.Evaluate<Primal<T>>(new T[4], new Primal<T>[23], new Primal<T>[4])).ParamName);
        Assert.Equal("states", Assert.Throws<ArgumentException>(() => chain.Trajectory(new T[4], new T[24], new T[4 * 24])).ParamName);
        PhysicsBatchWorkspace ws = chain.CreateBatchWorkspace(2);
        var y = new Matrix<T>(3, 4);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => chain.EvaluateBatch(new Matrix<T>(3, 4), new Matrix<T>(3, 24), y, ws)).ParamName);
        Assert.Equal("workspace", Assert.Throws<ArgumentException>(() =>
            chain.EvaluateBatch(new Matrix<T>(2, 4), new Matrix<T>(2, 24), new Matrix<T>(2, 4), OscillatorChain<T>.BookLinearChain().CreateBatchWorkspace(2))).ParamName);
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => chain.EvaluateBatch(new Matrix<T>(2, 4), new Matrix<T>(2, 25), new Matrix<T>(2, 4), ws)).ParamName);
        Assert.Equal("jacobians", Assert.Throws<ArgumentException>(() =>
            chain.JacobianBatch(new Matrix<T>(2, 4), new Matrix<T>(2, 24), new Matrix<T>(2, 4), new T[10], ws)).ParamName);
        Assert.Equal("uBar", Assert.Throws<ArgumentException>(() =>
            chain.VjpBatch(new Matrix<T>(2, 4), new Matrix<T>(2, 24), new Matrix<T>(2, 4), new Matrix<T>(2, 4), ws)).ParamName);
    }

    [Fact]
    public void BatchedMembersAllocateNothingAfterWarmUp()
    {
        var chain = OscillatorChain<T>.PaperCubicChain();
        (Matrix<T> x, Matrix<T> u) = Samples(chain, 11, 800);
        PhysicsBatchWorkspace ws = chain.CreateBatchWorkspace(11);
        var y = new Matrix<T>(11, 4);
        var jacobians = new T[11 * 4 * chain.InputSize];
        var uBar = new Matrix<T>(11, chain.InputSize);
        foreach ((string what, Action call) in new (string, Action)[]
        {
            ("EvaluateBatch", () => chain.EvaluateBatch(x, u, y, ws)),
            ("JacobianBatch", () => chain.JacobianBatch(x, u, y, jacobians, ws)),
            ("VjpBatch", () => chain.VjpBatch(x, u, y, uBar, ws)),
        })
        {
            call();
            Allocations.AssertSteadyStateAllocatesNothing(call, callsPerWindow: 3, what);
        }
    }

    /// <summary>∂y/∂u on the tape, its absolute path sums and its node count.</summary>
    internal static (Matrix<T> J, Matrix<T> Sums, int Nodes) TapeJacobian(IPhysicsFunction<T> p, ReadOnlySpan<T> x, ReadOnlySpan<T> u)
    {
        var tape = new Tape<T>();
        var uVars = new TapeVariable<T>[p.InputSize];
        var yVars = new TapeVariable<T>[p.OutputSize];
        tape.Variables(u, uVars);
        p.Evaluate<TapeVariable<T>>(x, uVars, yVars);
        var j = new Matrix<T>(p.OutputSize, p.InputSize);
        var sums = new Matrix<T>(p.OutputSize, p.InputSize);
        tape.Jacobian(yVars, uVars, j);
        tape.AbsolutePathSums(yVars, uVars, sums);
        return (j, sums, tape.NodeCount);
    }

    private static Matrix<T> DualJacobian(IPhysicsFunction<T> p, ReadOnlySpan<T> x, ReadOnlySpan<T> u)
    {
        var j = new Matrix<T>(p.OutputSize, p.InputSize);
        var seeded = new Dual<T>[p.InputSize];
        var outputs = new Dual<T>[p.OutputSize];
        for (int k = 0; k < p.InputSize; k++)
        {
            for (int q = 0; q < p.InputSize; q++)
            {
                seeded[q] = new Dual<T>(u[q], q == k ? T.One : T.Zero);
            }

            p.Evaluate<Dual<T>>(x, seeded, outputs);
            for (int o = 0; o < p.OutputSize; o++)
            {
                j[o, k] = outputs[o].Tangent;
            }
        }

        return j;
    }

    private static double[] Difference(IPhysicsFunction<T> p, ReadOnlySpan<T> x, ReadOnlySpan<T> u, int k, double h)
    {
        T[] plus = u.ToArray(), minus = u.ToArray();
        plus[k] = C(double.CreateChecked(u[k]) + h);
        minus[k] = C(double.CreateChecked(u[k]) - h);
        double step = double.CreateChecked(plus[k]) - double.CreateChecked(minus[k]); // the step actually taken
        var yp = new Primal<T>[p.OutputSize];
        var ym = new Primal<T>[p.OutputSize];
        p.Evaluate<Primal<T>>(x, Array.ConvertAll(plus, v => new Primal<T>(v)), yp);
        p.Evaluate<Primal<T>>(x, Array.ConvertAll(minus, v => new Primal<T>(v)), ym);
        var d = new double[p.OutputSize];
        for (int o = 0; o < d.Length; o++)
        {
            d[o] = (double.CreateChecked(yp[o].Value) - double.CreateChecked(ym[o].Value)) / step;
        }

        return d;
    }

    /// <summary>The two-oscillator linear chain's energy ½|v|² + ½|x|² + ½k(x₂ − x₁)², in double.</summary>
    private static double Energy(double k, IReadOnlyList<double> s) =>
        (0.5 * ((s[0] * s[0]) + (s[1] * s[1]) + (s[2] * s[2]) + (s[3] * s[3]))) + (0.5 * k * (s[1] - s[0]) * (s[1] - s[0]));

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            m[i, i] = 1;
        }

        return m;
    }

    private static double[,] Product(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int q = 0; q < n; q++)
                {
                    sum += a[i, q] * b[q, j];
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    private static double[,] Add(double[,] a, double[,] b)
    {
        var c = (double[,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                c[i, j] += b[i, j];
            }
        }

        return c;
    }

    private static double[,] Scale(double[,] a, double s)
    {
        var c = (double[,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                c[i, j] *= s;
            }
        }

        return c;
    }

    private static double[,] Abs(double[,] a)
    {
        var c = (double[,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                c[i, j] = Math.Abs(c[i, j]);
            }
        }

        return c;
    }

    private static double[] Abs(double[] v) => Array.ConvertAll(v, Math.Abs);

    private static double[] Apply(double[,] a, double[] v)
    {
        var result = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            for (int j = 0; j < v.Length; j++)
            {
                result[i] += a[i, j] * v[j];
            }
        }

        return result;
    }
}

public sealed class OscillatorChainTestsDouble : OscillatorChainTests<double>;

/// <summary>The order of RK4's energy error on the paper's nonlinear chain, in double.</summary>
public sealed class OscillatorChainOrderTests
{
    [Fact]
    public void CubicChainEnergyDriftConvergesAtLeastAtFourthOrder()
    {
        // u = 0 on the paper's chain over T = 12 with 96, 192 and 384 steps. RK4's global error is O(h⁴), so the energy
        // error e(h) = |H_T − H_0| falls by at least about 2⁴ per halving once h is small: the observed order
        // log₂(e(h/2)/e(h/4)) must be at least 3.5 (a wrong stage weight would make the method first or second order).
        // In double only: in float the drift at h/4 is at the level of rounding.
        var paper = OscillatorChain<double>.PaperCubicChain();
        double[] drift = new double[3];
        (Matrix<double> x, _) = OscillatorChainTests<double>.Samples(paper, 1, 700);
        for (int level = 0; level < 3; level++)
        {
            int steps = paper.Steps << level;
            var chain = new OscillatorChain<double>(2, steps, paper.TimeStep / (1 << level), 0.0, 1.0, paper.Driven, paper.Gain);
            var final = new Primal<double>[4];
            chain.Evaluate<Primal<double>>(x.Row(0), new Primal<double>[steps], final);
            drift[level] = Math.Abs(chain.Energy(Array.ConvertAll(final, f => f.Value)) - chain.Energy(x.Row(0)));
        }

        double order = Math.Log2(drift[1] / drift[2]);
        Assert.True(order >= 3.5, $"observed order {order:F2} (drifts {drift[0]:E3}, {drift[1]:E3}, {drift[2]:E3})");
        Assert.True(drift[0] > drift[1] && drift[1] > drift[2], "the drift falls with the step");
    }
}

public sealed class OscillatorChainTestsSingle : OscillatorChainTests<float>;
