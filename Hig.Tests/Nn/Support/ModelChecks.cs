using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Nn.Support;

/// <summary>
/// Checks any <see cref="IDifferentiableModel{T}"/> against a reference stacked Jacobian J (already validated) and its
/// magnitude bound S, so the MLP and the composed models share one set of derivative properties.
/// </summary>
public static class ModelChecks
{
    /// <summary>The JVP equals J·u (double-double reference) within tolerance·(S·|u|).</summary>
    public static void JvpMatchesJacobian<T>(IDifferentiableModel<T> model, T[] theta, Matrix<T> x, Matrix<T> jacobian, Matrix<T> bound,
        double tolerance, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ws = model.CreateWorkspace(x.Rows);
        T[] u = Direction<T>(model.ParameterCount, rng);
        var jvp = new Matrix<T>(x.Rows, model.OutputSize);
        model.Jvp(theta, x, u, jvp, ws);
        (T[] expected, T[] magnitude) = Bounds.Multiply<T>(jacobian, bound, u);
        Bounds.AssertClose<T>(jvp.Data, expected, magnitude, tolerance, "J·u by the JVP vs the assembled J");
    }

    /// <summary>⟨J·u, w⟩ = ⟨u, Jᵀ·w⟩ for random u, w, within tolerance·(|w|ᵀ·S·|u|).</summary>
    public static void VjpPassesDotProductIdentity<T>(IDifferentiableModel<T> model, T[] theta, Matrix<T> x, Matrix<T> bound,
        double tolerance, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ws = model.CreateWorkspace(x.Rows);
        for (int trial = 0; trial < 3; trial++)
        {
            T[] u = Direction<T>(model.ParameterCount, rng);
            Matrix<T> w = NetworkCase.Uniform<T>(x.Rows, model.OutputSize, rng);
            var ju = new Matrix<T>(x.Rows, model.OutputSize);
            var jtw = new T[model.ParameterCount];
            model.Jvp(theta, x, u, ju, ws);
            model.Vjp(theta, x, w, jtw, ws);
            double left = Bounds.Dot<T>(ju.Data, w.Data);
            double right = Bounds.Dot<T>(u, jtw);
            (_, T[] magnitude) = Bounds.Multiply<T>(bound, bound, u);
            double scale = Bounds.AbsDot<T>(magnitude, w.Data);
            Assert.True(Math.Abs(left - right) <= tolerance * scale,
                $"⟨J·u, w⟩ = {left:R} but ⟨u, Jᵀ·w⟩ = {right:R}: difference {Math.Abs(left - right):E3} exceeds {tolerance:E3} × {scale:E3}.");
        }
    }

    /// <summary>
    /// Backward after Forward gives Jᵀ·vec(G) (double-double reference from J) within tolerance·(Sᵀ·|g|); Vjp gives
    /// the same bits as Forward + Backward.
    /// </summary>
    public static void BackwardMatchesJacobianTranspose<T>(IDifferentiableModel<T> model, T[] theta, Matrix<T> x, Matrix<T> jacobian,
        Matrix<T> bound, double tolerance, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ws = model.CreateWorkspace(x.Rows);
        Matrix<T> g = NetworkCase.Uniform<T>(x.Rows, model.OutputSize, rng);
        var y = new Matrix<T>(x.Rows, model.OutputSize);
        var gradient = new T[model.ParameterCount];
        model.Forward(theta, x, y, ws);
        model.Backward(theta, g, gradient, ws);
        (T[] expected, T[] magnitude) = Bounds.MultiplyTransposed<T>(jacobian, bound, g.Data);
        Bounds.AssertClose<T>(gradient, expected, magnitude, tolerance, "Jᵀg by the gradient pass vs the assembled J");

        var vjp = new T[model.ParameterCount];
        model.Vjp(theta, x, g, vjp, ws);
        Assert.Equal(gradient, vjp);
    }

    /// <summary>
    /// The JVP agrees with central differences D(h) = (f(θ⁺) − f(θ⁻))/(2h), θ± = θ ± h·u rounded to T, along a unit
    /// direction u. Since θ± are rounded, D(h) approximates J·ū with ū = (θ⁺ − θ⁻)/(2h) (exact in double), the direction
    /// actually taken; the JVP is evaluated along ū. The tolerance is not tuned: the O(h²) truncation error of
    /// e(h) = D(h) − J·ū is estimated from e(2h) (Richardson: e(2h) − e(h) ≈ 3·c·h²) and allowed twice, plus rounding:
    /// each forward value carries at most <paramref name="forwardErrorMultiple"/>·u·(1 + |f|) error, amplified by 1/h,
    /// allowed four times (two differences, two step sizes). Steps: h = 10⁻⁴ in double (JAX's default); h = 2⁻⁸ ≈
    /// ε_float^(1/3) in float, the step that balances O(h²) truncation against O(ε/h) rounding.
    /// </summary>
    public static void JvpMatchesCentralDifferences<T>(IDifferentiableModel<T> model, T[] theta, Matrix<T> x, int forwardErrorMultiple, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ws = model.CreateWorkspace(x.Rows);
        T[] u = Direction<T>(model.ParameterCount, rng);
        double h = typeof(T) == typeof(double) ? 1e-4 : Math.ScaleB(1, -8);
        double[] e1 = DifferenceError(model, theta, x, u, h, ws, out double[] f);
        double[] e2 = DifferenceError(model, theta, x, u, 2 * h, ws, out _);
        double eps = Precision.EpsOf<T>();
        for (int k = 0; k < e1.Length; k++)
        {
            double truncation = 2 * Math.Abs(e2[k] - e1[k]) / 3;
            double rounding = 4 * forwardErrorMultiple * (eps / 2) * (1 + Math.Abs(f[k])) / h;
            Assert.True(Math.Abs(e1[k]) <= truncation + rounding,
                $"output {k} (f = {f[k]:R}): central difference minus JVP is {e1[k]:E3}, beyond truncation {truncation:E3} + rounding {rounding:E3}.");
        }
    }

    /// <summary>After one warm-up call each, Forward, Jacobian (both modes), Backward, Jvp and Vjp allocate nothing.</summary>
    public static void CallsDoNotAllocate<T>(IDifferentiableModel<T> model, T[] theta, Matrix<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ws = model.CreateWorkspace(x.Rows);
        var y = new Matrix<T>(x.Rows, model.OutputSize);
        var j = new Matrix<T>(x.Rows * model.OutputSize, model.ParameterCount);
        var g = new T[model.ParameterCount];
        var u = new T[model.ParameterCount];
        var calls = new (string Name, Action Call)[]
        {
            ("Forward", () => model.Forward(theta, x, y, ws)),
            ("Jacobian (forward mode)", () => model.Jacobian(theta, x, j, y, ws, JacobianMode.Forward)),
            ("Jacobian (reverse mode)", () => model.Jacobian(theta, x, j, y, ws, JacobianMode.Reverse)),
            ("Jacobian (auto)", () => model.Jacobian(theta, x, j, y, ws)),
            ("Backward", () => model.Backward(theta, y, g, ws)),
            ("Jvp", () => model.Jvp(theta, x, u, y, ws)),
            ("Vjp", () => model.Vjp(theta, x, y, g, ws)),
        };
        foreach ((string name, Action call) in calls)
        {
            // Warm-up: the first calls size the workspace's lazily grown buffers and load the generic instantiations
            // (the runtime allocates for those on the calling thread); a steady-state call must allocate nothing.
            const int warmUpCalls = 3;
            for (int i = 0; i < warmUpCalls; i++)
            {
                call();
            }

            Allocations.AssertSteadyStateAllocatesNothing(call, callsPerWindow: 3, name);
        }
    }

    /// <summary>A random direction of unit 2-norm.</summary>
    public static T[] Direction<T>(int length, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var u = new double[length];
        rng.FillNormal<double>(u);
        double norm = Math.Sqrt(Bounds.Dot<double>(u, u));
        var result = new T[length];
        for (int k = 0; k < length; k++)
        {
            result[k] = T.CreateChecked(u[k] / norm);
        }

        return result;
    }

    /// <summary>D(h) − J·ū per output (ū the realized direction), and the midpoint values (f(θ⁺) + f(θ⁻))/2.</summary>
    private static double[] DifferenceError<T>(IDifferentiableModel<T> model, T[] theta, Matrix<T> x, T[] u, double h,
        ModelWorkspace<T> ws, out double[] center)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plus = new Matrix<T>(x.Rows, model.OutputSize);
        var minus = new Matrix<T>(x.Rows, model.OutputSize);
        var thetaPlus = new T[theta.Length];
        var thetaMinus = new T[theta.Length];
        var realized = new T[theta.Length];
        for (int k = 0; k < theta.Length; k++)
        {
            double t = double.CreateChecked(theta[k]), step = h * double.CreateChecked(u[k]);
            thetaPlus[k] = T.CreateChecked(t + step);
            thetaMinus[k] = T.CreateChecked(t - step);
            realized[k] = T.CreateChecked((double.CreateChecked(thetaPlus[k]) - double.CreateChecked(thetaMinus[k])) / (2 * h));
        }

        model.Forward(thetaPlus, x, plus, ws);
        model.Forward(thetaMinus, x, minus, ws);
        var jvp = new Matrix<T>(x.Rows, model.OutputSize);
        model.Jvp(theta, x, realized, jvp, ws);
        var error = new double[plus.Data.Length];
        center = new double[plus.Data.Length];
        for (int k = 0; k < error.Length; k++)
        {
            double p = double.CreateChecked(plus.Data[k]), m = double.CreateChecked(minus.Data[k]);
            error[k] = ((p - m) / (2 * h)) - double.CreateChecked(jvp.Data[k]);
            center[k] = (p + m) / 2;
        }

        return error;
    }
}
