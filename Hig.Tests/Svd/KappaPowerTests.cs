using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// The κ-power step d = V·Λ^(−κ)·Uᵀ·g: the implicit route (which never forms U) against the explicit route and
/// against independent properties (normal equations for κ = 1, A^(−½) applied twice for κ = ½), exact truncation,
/// the summary, and bad arguments.
/// </summary>
public abstract class KappaPowerTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 1, 6, 1 }, { 6, 1, 2 }, { 7, 5, 1 }, { 5, 7, 3 }, { 30, 30, 1 }, { 60, 20, 2 }, { 20, 60, 1 },
        { 50, 40, 1 }, { 40, 50, 2 }, { 130, 110, 1 }, { 110, 130, 1 }, { 300, 40, 1 }, { 40, 300, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ImplicitRouteMatchesExplicitRoute(int m, int n, int r)
    {
        var rng = new Rng((ulong)(m * 17 + n + r));
        Matrix<T> a = TestMatrices.Uniform<T>(m, n, seed: (ulong)(m + (3 * n)));
        Matrix<T> g = TestMatrices.FromDouble<T>(TestMatrices.UniformDouble(m, r, rng));
        foreach (double kappaValue in new[] { 0.0, 0.5, 1.0 })
        {
            T kappa = T.CreateTruncating(kappaValue);
            var d1 = new Matrix<T>(n, r);
            var d2 = new Matrix<T>(n, r);
            var s1 = new T[Math.Min(m, n)];
            var s2 = new T[Math.Min(m, n)];
            KappaPowerSummary<T> implicitSummary = KappaPower.Apply(a.AsReadOnlyView(), g.AsReadOnlyView(), kappa, SingularValueCutoff<T>.Default, d1, s1);
            KappaPowerSummary<T> explicitSummary = KappaPower.ApplyExplicit(a.AsReadOnlyView(), g.AsReadOnlyView(), kappa, SingularValueCutoff<T>.Default, d2, s2);
            Assert.Equal(explicitSummary.KeptRank, implicitSummary.KeptRank);

            // Both routes are backward stable: σ agree to ε·σ_max·p(n), and d, a spectral function of A applied to g,
            // moves by at most about κ·cond(A) relative for a relative backward error ε in A (cond = σ_max/σ_min kept).
            double cond = double.CreateTruncating(implicitSummary.SigmaMax / implicitSummary.SmallestKeptSigma);
            double size = Math.Max(m, n);
            for (int i = 0; i < s1.Length; i++)
            {
                Assert.True(Math.Abs(double.CreateTruncating(s1[i] - s2[i])) <= 30 * size * Eps * double.CreateTruncating(s1[0]), $"σ[{i}]");
            }

            double diff = 0, norm = 0;
            for (int i = 0; i < d1.Data.Length; i++)
            {
                diff = Math.Max(diff, Math.Abs(double.CreateTruncating(d1.Data[i] - d2.Data[i])));
                norm = Math.Max(norm, Math.Abs(double.CreateTruncating(d2.Data[i])));
            }

            double tolerance = 30 * size * Eps * Math.Max(cond, 1) * norm;
            Assert.True(diff <= tolerance, $"κ = {kappaValue}: max |implicit − explicit| = {diff:E3} > {tolerance:E3} (cond {cond:F1})");
        }
    }

    [Theory]
    [InlineData(40, 25)]
    [InlineData(80, 20)]
    [InlineData(25, 40)]
    [InlineData(20, 80)]
    public void KappaOneSolvesTheLeastSquaresProblem(int m, int n)
    {
        var rng = new Rng(31);
        Matrix<T> a = TestMatrices.Uniform<T>(m, n, seed: 4);
        var g = new T[m];
        for (int i = 0; i < m; i++)
        {
            g[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
        }

        var d = new T[n];
        var s = new T[Math.Min(m, n)];
        KappaPower.Apply(a.AsReadOnlyView(), g, T.One, SingularValueCutoff<T>.None, d, s);

        // Residual r = A·d − g and Aᵀr in double: the minimum-norm least-squares solution has Aᵀr = 0 (tall) and
        // A·d = g (wide, full rank). The anchor's normalized residual: ‖Aᵀr‖/(‖A‖²‖d‖ + ‖A‖‖g‖) ≤ c·ε·cond.
        double[] res = new double[m];
        for (int i = 0; i < m; i++)
        {
            var sum = new DoubleDouble(-double.CreateTruncating(g[i]), 0);
            for (int j = 0; j < n; j++)
            {
                sum = sum.AddProduct(double.CreateTruncating(a[i, j]), double.CreateTruncating(d[j]));
            }

            res[i] = sum.Value;
        }

        double anorm = double.CreateTruncating(s[0]), cond = double.CreateTruncating(s[0] / s[^1]);
        double dnorm = Norm(Array.ConvertAll(d, double.CreateTruncating)), gnorm = Norm(Array.ConvertAll(g, double.CreateTruncating));
        double normal = 0;
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < m; i++)
            {
                sum += double.CreateTruncating(a[i, j]) * res[i];
            }

            normal += sum * sum;
        }

        double ratio = Math.Sqrt(normal) / ((anorm * anorm * dnorm) + (anorm * gnorm));
        Assert.True(ratio <= 30 * Math.Max(m, n) * Eps * cond, $"normal-equation residual {ratio:E3}");
        if (m < n)
        {
            Assert.True(Norm(res) <= 30 * Math.Max(m, n) * Eps * cond * gnorm, $"‖A·d − g‖ = {Norm(res):E3}");
        }
    }

    [Fact]
    public void KappaHalfTwiceIsTheInverse()
    {
        // For symmetric positive definite A = Q·Λ·Qᵀ, the κ = ½ step is A^(−½); applied twice it is A⁻¹, so A·d₂ = g.
        int n = 30;
        var rng = new Rng(12);
        var lambda = new double[n];
        for (int i = 0; i < n; i++)
        {
            lambda[i] = Math.Pow(10, -2.0 * i / (n - 1)); // condition 100
        }

        double[,] q = TestMatrices.RandomOrthogonal(n, rng);
        var ad = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++)
                {
                    ad[i, j] += q[i, k] * lambda[k] * q[j, k];
                }
            }
        }

        Matrix<T> a = TestMatrices.FromDouble<T>(ad);
        var g = new T[n];
        for (int i = 0; i < n; i++)
        {
            g[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
        }

        T half = T.CreateTruncating(0.5);
        var d1 = new T[n];
        var d2 = new T[n];
        var s = new T[n];
        KappaPower.Apply(a.AsReadOnlyView(), g, half, SingularValueCutoff<T>.None, d1, s);
        KappaPower.Apply(a.AsReadOnlyView(), d1, half, SingularValueCutoff<T>.None, d2, s);
        double err = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = -double.CreateTruncating(g[i]);
            for (int j = 0; j < n; j++)
            {
                sum += double.CreateTruncating(a[i, j]) * double.CreateTruncating(d2[j]);
            }

            err = Math.Max(err, Math.Abs(sum));
        }

        // Two applications each with relative error O(n·ε·cond^½·…): allow 30·n·ε·cond(A) (cond = 100).
        Assert.True(err <= 30 * n * Eps * 100, $"max |A·A^(−½)·A^(−½)·g − g| = {err:E3}");
    }

    [Theory]
    [InlineData(12, 8, 0.5)]
    [InlineData(12, 8, 1.0)]
    [InlineData(8, 12, 1.0)]
    [InlineData(60, 20, 0.5)]
    public void DirectionsAtOrBelowTheCutOffGetExactlyZeroWeight(int m, int n, double kappaValue)
    {
        // A = U·diag(σ)·Vᵀ with σ_j just under τ·σ_max. With g = u_j, the truncated step is zero but for rounding
        // (‖d‖ ≲ n·ε·σ_min kept^(−κ)); clamping σ_j to the threshold would instead give ‖d‖ ≈ threshold^(−κ), and
        // keeping it (a lower τ) gives ‖d‖ ≈ σ_j^(−κ).
        var rng = new Rng(77);
        int k = Math.Min(m, n), j = k / 2;
        const double tau = 1e-3;
        var sigma = new double[k];
        for (int i = 0; i < k; i++)
        {
            sigma[i] = Math.Pow(10, -1.0 * i / k);
        }

        sigma[j] = 0.9 * tau; // σ_max = 1
        double[,] u = TestMatrices.RandomOrthogonal(m, rng), v = TestMatrices.RandomOrthogonal(n, rng);
        var ad = new double[m, n];
        for (int r = 0; r < m; r++)
        {
            for (int c = 0; c < n; c++)
            {
                for (int p = 0; p < k; p++)
                {
                    ad[r, c] += u[r, p] * sigma[p] * v[c, p];
                }
            }
        }

        Matrix<T> a = TestMatrices.FromDouble<T>(ad);
        var g = new T[m];
        for (int r = 0; r < m; r++)
        {
            g[r] = T.CreateTruncating(u[r, j]);
        }

        T kappa = T.CreateTruncating(kappaValue);
        var d = new T[n];
        var s = new T[k];
        KappaPowerSummary<T> truncated = KappaPower.Apply(a.AsReadOnlyView(), g, kappa, SingularValueCutoff<T>.FromRelative(T.CreateTruncating(tau)), d, s);
        Assert.Equal(k - 1, truncated.KeptRank);
        double smallestKept = double.CreateTruncating(truncated.SmallestKeptSigma);
        double truncatedNorm = Norm(Array.ConvertAll(d, double.CreateTruncating));
        // g's components along the kept u_i are the rounding of U to T: |u_iᵀg| ≲ m·ε, each weighted ≤ σ_min kept^(−κ).
        Assert.True(truncatedNorm <= 10 * m * Eps * Math.Pow(smallestKept, -kappaValue) * Math.Sqrt(k),
            $"truncated ‖d‖ = {truncatedNorm:E3}");
        Assert.True(truncatedNorm < 1e-3 * Math.Pow(tau, -kappaValue)); // far below what clamping would give

        KappaPowerSummary<T> kept = KappaPower.Apply(a.AsReadOnlyView(), g, kappa, SingularValueCutoff<T>.FromRelative(T.CreateTruncating(tau / 10)), d, s);
        Assert.Equal(k, kept.KeptRank);
        double keptNorm = Norm(Array.ConvertAll(d, double.CreateTruncating));
        // σ_j carries a normwise error of about max(m,n)·ε·σ_max, i.e. a relative error of max(m,n)·ε·σ_max/σ_j, which
        // its weight σ_j^(−κ) inherits (times κ ≤ 1); allow 30 times that.
        double relative = 30 * Math.Max(m, n) * Eps / (0.9 * tau);
        Assert.True(Math.Abs(keptNorm - Math.Pow(0.9 * tau, -kappaValue)) <= relative * keptNorm, $"kept ‖d‖ = {keptNorm:E3}");

        // A singular value exactly at the threshold is truncated too ("at or below").
        T atThreshold = s[j];
        KappaPowerSummary<T> at = KappaPower.Apply(a.AsReadOnlyView(), g, kappa, SingularValueCutoff<T>.FromAbsolute(atThreshold), d, s);
        Assert.Equal(j, at.KeptRank);
        Assert.Equal(atThreshold, at.Threshold);
        Assert.True(at.SmallestKeptSigma > at.Threshold);
    }

    [Fact]
    public void SummaryReportsRankSpectrumAndThreshold()
    {
        var rng = new Rng(3);
        double[] sigma = [4, 2, 1, 1e-3, 1e-5, 0];
        Matrix<T> a = TestMatrices.FromDouble<T>(TestMatrices.WithSingularValues(9, 6, sigma, rng));
        var d = new T[6];
        var s = new T[6];
        KappaPowerSummary<T> summary = KappaPower.Apply(a.AsReadOnlyView(), new T[9], T.One, SingularValueCutoff<T>.FromBoth(T.CreateTruncating(1e-2), T.CreateTruncating(0.5)), d, s);
        Assert.Equal(6, summary.Count);
        Assert.Equal(s[0], summary.SigmaMax);
        Assert.Equal(T.Max(T.CreateTruncating(1e-2) * s[0], T.CreateTruncating(0.5)), summary.Threshold);
        Assert.Equal(3, summary.KeptRank);
        Assert.Equal(s[2], summary.SmallestKeptSigma);
        for (int i = 1; i < 6; i++)
        {
            Assert.True(s[i] <= s[i - 1] && s[i] >= T.Zero);
        }

        KappaPowerSummary<T> none = KappaPower.Apply(a.AsReadOnlyView(), new T[9], T.One, SingularValueCutoff<T>.FromAbsolute(T.CreateTruncating(10)), d, s);
        Assert.Equal(0, none.KeptRank);
        Assert.True(T.IsNaN(none.SmallestKeptSigma));
        Assert.Equal(SingularValueCutoff<T>.DefaultRelative, double.CreateTruncating(SingularValueCutoff<T>.Default.Relative), 1e-12);
    }

    [Fact]
    public void MultipleRightHandSidesMatchOneAtATime()
    {
        var rng = new Rng(8);
        Matrix<T> a = TestMatrices.Uniform<T>(70, 30, seed: 6);
        Matrix<T> g = TestMatrices.FromDouble<T>(TestMatrices.UniformDouble(70, 3, rng));
        var d = new Matrix<T>(30, 3);
        var s = new T[30];
        var workspace = new T[KappaPower.WorkspaceLength<T>(70, 30, 3)];
        KappaPower.Apply(a.Clone().AsView(), g.AsReadOnlyView(), T.One, SingularValueCutoff<T>.Default, d.AsView(), s, workspace);
        for (int c = 0; c < 3; c++)
        {
            var gc = new T[70];
            for (int i = 0; i < 70; i++)
            {
                gc[i] = g[i, c];
            }

            var dc = new T[30];
            KappaPower.Apply(a.AsReadOnlyView(), gc, T.One, SingularValueCutoff<T>.Default, dc, s);
            for (int i = 0; i < 30; i++)
            {
                // Same transformations, applied through gemv/ger for the block and dot/axpy for one vector: they differ
                // by rounding only, bounded by the κ = 1 sensitivity 30·m·ε·cond·‖d‖.
                double tol = 30 * 70 * Eps * double.CreateTruncating(s[0] / s[^1]) * Norm(Array.ConvertAll(dc, double.CreateTruncating));
                Assert.True(Math.Abs(double.CreateTruncating(d[i, c] - dc[i])) <= tol);
            }
        }
    }

    [Fact]
    public void BadArgumentsAreRejectedWithClearMessages()
    {
        Matrix<T> a = TestMatrices.Uniform<T>(6, 4, seed: 1);
        var cutoff = SingularValueCutoff<T>.Default;
        var e1 = Assert.Throws<ArgumentException>(() => KappaPower.Apply(a.AsReadOnlyView(), new T[5], T.One, cutoff, new T[4], new T[4]));
        Assert.Contains("6×4", e1.Message, StringComparison.Ordinal);
        Assert.Equal("g", e1.ParamName);
        var e2 = Assert.Throws<ArgumentException>(() => KappaPower.Apply(a.AsReadOnlyView(), new T[6], T.One, cutoff, new T[6], new T[4]));
        Assert.Equal("d", e2.ParamName);
        var e3 = Assert.Throws<ArgumentException>(() => KappaPower.Apply(a.AsReadOnlyView(), new T[6], T.One, cutoff, new T[4], new T[3]));
        Assert.Equal("singularValues", e3.ParamName);
        var e4 = Assert.Throws<ArgumentException>(() => KappaPower.Apply(a.AsView(), new T[6], T.One, cutoff, new T[4], new T[4], new T[3]));
        Assert.Equal("workspace", e4.ParamName);
        var e5 = Assert.Throws<ArgumentException>(() => KappaPower.Apply(a.AsReadOnlyView(), new Matrix<T>(6, 2).AsReadOnlyView(), T.One, cutoff, new Matrix<T>(4, 3).AsView(), new T[4]));
        Assert.Contains("4×3", e5.Message, StringComparison.Ordinal);
        Assert.Contains("6×2", e5.Message, StringComparison.Ordinal);

        var e6 = Assert.Throws<ArgumentOutOfRangeException>(() => KappaPower.Apply(a.AsReadOnlyView(), new T[6], -T.One, cutoff, new T[4], new T[4]));
        Assert.Equal("kappa", e6.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => KappaPower.Apply(a.AsReadOnlyView(), new T[6], T.NaN, cutoff, new T[4], new T[4]));
        var e7 = Assert.Throws<ArgumentOutOfRangeException>(() => SingularValueCutoff<T>.FromRelative(T.CreateTruncating(-1e-6)));
        Assert.Equal("relative", e7.ParamName);
        Assert.Contains("τ", e7.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SingularValueCutoff<T>.FromRelative(T.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => SingularValueCutoff<T>.FromAbsolute(-T.One));

        var e8 = Assert.Throws<ArgumentException>(() => Hig.Numerics.Svd.Thin(a.AsReadOnlyView(), new Matrix<T>(6, 6), new T[4], new Matrix<T>(4, 4), new T[Hig.Numerics.Svd.ThinWorkspaceLength<T>(6, 4)]));
        Assert.Equal("u", e8.ParamName);
        Assert.Contains("6×6", e8.Message, StringComparison.Ordinal);
    }

    private static double Norm(double[] x)
    {
        double sum = 0;
        foreach (double v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum);
    }
}

public sealed class KappaPowerTestsDouble : KappaPowerTests<double>;

public sealed class KappaPowerTestsSingle : KappaPowerTests<float>;
