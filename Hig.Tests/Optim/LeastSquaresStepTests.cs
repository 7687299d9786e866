using System;
using System.Linq;
using System.Numerics;
using Hig.Numerics;
using Hig.Optim;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Optim;

/// <summary>
/// The κ-power step of Gauss-Newton and HIG against steps built from known factors A = U·diag(σ)·Vᵀ: one GN step solves
/// linear least squares from any start, HIG's step is V·Λ^(−½)·Uᵀ·g, and a singular value just under the cut-off
/// contributes nothing (where clamping it would have blown the step up).
/// </summary>
public abstract class LeastSquaresStepTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    private static T[] Cast(double[] values) => values.Select(T.CreateTruncating).ToArray();

    private static double[] ToDouble(ReadOnlySpan<T> values) => values.ToArray().Select(double.CreateTruncating).ToArray();

    private static double Norm(double[] x) => Math.Sqrt(x.Sum(v => v * v));

    private static double[] Difference(double[] x, double[] y) => x.Zip(y, (a, b) => a - b).ToArray();

    [Theory]
    [InlineData(1.0)]
    [InlineData(1e3)]
    public void GaussNewton_SolvesLinearLeastSquaresInOneStep_FromAnyStart(double startScale)
    {
        const int m = 12, n = 5;
        var rng = new Rng(31);
        double[] sigma = [2.0, 1.0, 0.5, 0.1, 0.02];
        var factors = new KnownFactors(rng, m, n, sigma);
        double[] solution = Enumerable.Range(0, n).Select(_ => rng.NextNormal()).ToArray();

        // b = A·θ* + w with w ⟂ range(A): θ* is the least-squares solution and w the optimal residual.
        double[] w = Enumerable.Range(0, m).Select(_ => 0.1 * rng.NextNormal()).ToArray();
        for (int k = 0; k < n; k++)
        {
            double[] u = factors.LeftVector(k);
            double dot = u.Zip(w, (a, b) => a * b).Sum();
            for (int i = 0; i < m; i++)
            {
                w[i] -= dot * u[i];
            }
        }

        double[] start = Enumerable.Range(0, n).Select(_ => startScale * rng.NextNormal()).ToArray();
        T[] theta = Cast(start);
        double[] thetaRounded = ToDouble(theta);
        Matrix<T> a = factors.MatrixOf<T>();

        // The residual r(θ) = A·θ − b at the start; for this one-sample problem g = ∂(½‖r‖²)/∂r = r.
        var residual = new T[m];
        for (int i = 0; i < m; i++)
        {
            double ri = -w[i];
            for (int j = 0; j < n; j++)
            {
                ri += double.CreateTruncating(a[i, j]) * (thetaRounded[j] - solution[j]);
            }

            residual[i] = T.CreateTruncating(ri);
        }

        new GaussNewton<T>().Update(theta, a.AsView(), residual);

        // Least-squares perturbation theory (Golub & Van Loan §5.3.8): relative error ≲ ε·(κ + κ²·‖w‖/(‖A‖·‖θ*‖)); the start
        // enters through the rounding of r = A·θ₀ − b and of θ₀ − d. 30 is LAPACK's test threshold; n counts the columns.
        double cond = sigma[0] / sigma[^1];
        double bound = 30 * n * Eps * ((cond * (Norm(start) + Norm(solution))) + (cond * cond * Norm(w) / sigma[0]));
        double error = Norm(Difference(ToDouble(theta), solution));
        Assert.True(error <= bound, $"‖θ₁ − θ*‖ = {error}, bound {bound}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.25)]
    [InlineData(1.0)]
    public void KappaPowerStep_EqualsVLambdaPowerUtG_BuiltExplicitly(double kappa)
    {
        const int m = 9, n = 4;
        var rng = new Rng(32);
        double[] sigma = [1.0, 0.4, 0.15, 0.05];
        var factors = new KnownFactors(rng, m, n, sigma);
        double[] g = Enumerable.Range(0, m).Select(_ => rng.NextNormal()).ToArray();
        double eta = 0.75;
        double[] expected = factors.Apply(s => eta * Math.Pow(s, -kappa), g);

        var theta = new T[n];
        var optimizer = new KappaPowerOptimizer<T>(T.CreateTruncating(kappa), T.CreateTruncating(eta));
        StepReport<T> report = optimizer.Update(theta, factors.MatrixOf<T>().AsView(), Cast(g));
        double[] step = ToDouble(theta).Select(x => -x).ToArray();

        // Backward-stable SVD: singular vectors move by ε‖A‖/gap (relative gaps here ≥ 0.6), σ^(−κ) by κ·ε·cond; 30·n·ε·cond.
        double cond = sigma[0] / sigma[^1];
        Assert.True(Norm(Difference(step, expected)) <= 30 * n * Eps * cond * Norm(expected),
            $"‖step − V·Λ^(−κ)·Uᵀ·g‖ = {Norm(Difference(step, expected))} for ‖expected‖ = {Norm(expected)}");
        Assert.Equal(n, report.Spectrum!.Value.KeptRank);
        Assert.True(Math.Abs(double.CreateTruncating(report.StepNorm) - Norm(expected)) <= 30 * n * Eps * cond * Norm(expected));

        // Weyl: each computed σ lies within ‖ΔA‖₂ of the exact one; backward error ≤ 30·n·ε·σ_max.
        double[] spectrum = ToDouble(optimizer.LastSingularValues);
        Assert.Equal(n, spectrum.Length);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(spectrum[i] - sigma[i]) <= 30 * n * Eps * sigma[0], $"σ{i}: {spectrum[i]} vs {sigma[i]}");
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void SingularValueJustUnderTheCutoff_ContributesNothing_WhereClampingWouldBlowTheStepUp(double kappa)
    {
        const int m = 8, n = 4;
        var rng = new Rng(33);

        // The last σ sits a hair (one part in 100) under the threshold τ·σ_max. Rounding A to T moves σ₄ by up to
        // ‖ΔA‖₂ ≤ √(mn)·ε/2 ≈ 3·ε: τ = 1e-6 keeps that below the hair in double; float needs τ = 1e-3.
        double tau = typeof(T) == typeof(float) ? 1e-3 : 1e-6;
        double[] sigma = [1.0, 0.5, 0.25, tau * (1 - 1e-2)];
        var factors = new KnownFactors(rng, m, n, sigma);

        // g points mostly along u₄, the direction of the tiny singular value, plus some u₁.
        double[] u1 = factors.LeftVector(0), u4 = factors.LeftVector(3);
        double[] g = u1.Zip(u4, (a, b) => a + b).ToArray();

        var theta = new T[n];
        var optimizer = new KappaPowerOptimizer<T>(T.CreateTruncating(kappa), T.One, SingularValueCutoff<T>.FromRelative(T.CreateTruncating(tau)));
        StepReport<T> report = optimizer.Update(theta, factors.MatrixOf<T>().AsView(), Cast(g));
        double[] step = ToDouble(theta).Select(x => -x).ToArray();

        Assert.Equal(3, report.Spectrum!.Value.KeptRank);

        // No weight on v₄: its component is only what rounding leaks in (vectors accurate to ε‖A‖/gap, gap ≥ 0.25).
        double leak = Math.Abs(step.Zip(factors.RightVector(3), (a, b) => a * b).Sum());
        Assert.True(leak <= 30 * n * Eps / 0.25 * Norm(step), $"v₄ component {leak} of a step of norm {Norm(step)}");

        // The truncated step is the exact step over the kept values: v₁·1 (σ₁ = 1, u₁ᵀg = 1), of norm 1; cond of the
        // kept part is σ₁/σ₃ = 4. Clamping σ₄ up to the threshold instead adds (τ·σ_max)^(−κ)·(u₄ᵀg) = τ^(−κ) along v₄:
        // the step would grow by that factor (10³ for HIG and 10⁶ for GN in double).
        double[] truncated = factors.Apply(s => s > tau ? Math.Pow(s, -kappa) : 0.0, g);
        double[] clamped = factors.Apply(s => Math.Pow(Math.Max(s, tau), -kappa), g);
        Assert.True(Norm(Difference(step, truncated)) <= 30 * n * Eps * 4 * Norm(truncated));
        double blowUp = 0.5 * Math.Pow(tau, -kappa);
        Assert.True(Norm(clamped) >= blowUp * Norm(step), $"clamped ‖d‖ = {Norm(clamped)}, truncated ‖d‖ = {Norm(step)}");
    }

    [Theory]
    [InlineData(128, 1444)]
    [InlineData(512, 30)]
    [InlineData(10, 7)]
    public void NoCutoffGiven_EachStepUsesTheTypeAwareDefaultOfItsJacobian(int rows, int cols)
    {
        // The closed form: τ = max(1e-6, √max(m, n)·ε), ε = 2⁻⁵² or 2⁻²³. √1444 = 38 exactly, so the book's float
        // Jacobian gets 38·2⁻²³; 512 rows give √512·2⁻²³ ≈ 2.7e-6 in float; everything else in double keeps 1e-6.
        double expected = Math.Max(1e-6, Math.Sqrt(Math.Max(rows, cols)) * Eps);
        Assert.Equal(expected, double.CreateTruncating(SingularValueCutoff<T>.DefaultFor(rows, cols).Relative), 4 * Eps * expected);
        if (typeof(T) == typeof(float) && rows == 128)
        {
            Assert.Equal(38 * Math.ScaleB(1.0, -23), double.CreateTruncating(SingularValueCutoff<T>.DefaultFor(rows, cols).Relative));
        }

        SingularValueCutoff<T>? seen = null;
        KappaPowerOptimizer<T>.DirectionSolver solver = (MatrixView<T> a, ReadOnlySpan<T> g, T kappa, SingularValueCutoff<T> cutoff, Span<T> d, Span<T> sv, Span<T> w) =>
        {
            seen = cutoff;
            d.Clear();
            return new KappaPowerSummary<T>(0, 0, T.Zero, T.NaN, T.Zero);
        };
        var implicitDefault = new KappaPowerOptimizer<T>(T.CreateTruncating(0.5), T.One, null, null, solver);
        Assert.True(implicitDefault.CutoffIsShapeDefault);
        implicitDefault.Update(new T[cols], new Matrix<T>(rows, cols).AsView(), new T[rows]);
        Assert.Equal(SingularValueCutoff<T>.DefaultFor(rows, cols), seen);

        var given = new KappaPowerOptimizer<T>(T.CreateTruncating(0.5), T.One, SingularValueCutoff<T>.Default, null, solver);
        Assert.False(given.CutoffIsShapeDefault);
        given.Update(new T[cols], new Matrix<T>(rows, cols).AsView(), new T[rows]);
        Assert.Equal(SingularValueCutoff<T>.Default, seen);
    }

    [Fact]
    public void Update_RejectsShapeMismatches_NamingTheShapes()
    {
        var optimizer = new HalfInverseGradients<T>();
        var e = Assert.Throws<ArgumentException>(() => optimizer.Update(new T[4], new Matrix<T>(6, 5).AsView(), new T[6]));
        Assert.Contains("6×5", e.Message);
        Assert.Contains("4", e.Message);
        e = Assert.Throws<ArgumentException>(() => optimizer.Update(new T[5], new Matrix<T>(6, 5).AsView(), new T[7]));
        Assert.Equal("lossGradient", e.ParamName);
    }
}

/// <summary>κ-power steps in double.</summary>
public sealed class LeastSquaresStepTestsDouble : LeastSquaresStepTests<double>;

/// <summary>κ-power steps in float.</summary>
public sealed class LeastSquaresStepTestsSingle : LeastSquaresStepTests<float>;
