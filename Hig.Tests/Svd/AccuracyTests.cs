using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// High relative accuracy: the bidiagonal stage on graded bidiagonals (against bisection on the Golub-Kahan
/// tridiagonal) and the whole SVD on graded matrices D₁·B·D₂ (against Demmel et al.'s preconditioned Jacobi), both
/// references written in the tests, in double.
/// </summary>
/// <remarks>
/// Tolerances follow LAPACK's own acceptance test for singular values (dchkbd test 10 via dsvdch): a relative error of
/// THRESH·max(n/10, 1)·ε with THRESH = 30. For D₁·B·D₂ the singular values are determined to a relative accuracy of
/// cond(B) times the row- and column-wise relative perturbation (Demmel et al. 1999, Thm 2.14), so the bound is
/// multiplied by cond(B), which the reference computes.
/// </remarks>
public abstract class AccuracyTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    public static TheoryData<string, int> GradedBidiagonals() => new()
    {
        { "decreasing", 12 }, { "decreasing", 40 }, { "increasing", 40 }, { "scrambled", 40 }, { "scrambled", 90 },
        { "tiny-offdiagonal", 30 }, { "alternating", 40 },
    };

    [Theory]
    [MemberData(nameof(GradedBidiagonals))]
    public void BidiagonalQrHasHighRelativeAccuracy(string pattern, int n)
    {
        var rng = new Rng((ulong)n * 7 + (ulong)pattern.Length);
        double span = typeof(T) == typeof(double) ? 1e-30 : 1e-18; // dynamic range of the grading, well inside T's range
        var d = new double[n];
        var e = new double[n - 1];
        for (int i = 0; i < n; i++)
        {
            double t = (double)i / (n - 1);
            double scale = pattern switch
            {
                "decreasing" => Math.Pow(span, t),
                "increasing" => Math.Pow(span, 1 - t),
                "alternating" => i % 2 == 0 ? 1 : span,
                _ => Math.Pow(span, rng.NextDouble()),
            };
            d[i] = scale * rng.NextUniform(0.5, 1.0) * (rng.NextDouble() < 0.5 ? -1 : 1);
            if (i < n - 1)
            {
                double es = pattern switch
                {
                    "tiny-offdiagonal" => span * 1e-3,
                    "scrambled" => Math.Pow(span, rng.NextDouble()),
                    _ => scale,
                };
                e[i] = es * rng.NextUniform(0.5, 1.0) * (rng.NextDouble() < 0.5 ? -1 : 1);
            }
        }

        T[] dt = Array.ConvertAll(d, x => T.CreateTruncating(x)), et = Array.ConvertAll(e, x => T.CreateTruncating(x));
        double[] reference = ReferenceSvd.Bisection(Array.ConvertAll(dt, double.CreateTruncating), Array.ConvertAll(et, double.CreateTruncating));

        T[] dv = (T[])dt.Clone(), ev = (T[])et.Clone();
        var none = new NoRotations<T>();
        BidiagonalQr.Diagonalize(dv, ev, ref none, new T[BidiagonalQr.WorkspaceLength(n)]);
        double[] computed = SortedMagnitudes(dv);

        // LAPACK dsvdch's acceptance with THRESH = 30: relative error 30·max(n/10, 1)·ε, plus its absolute slack
        // ⁴√underflow/√overflow·σ₁ + underflow/ε for values near or below the underflow threshold of T.
        double tolerance = 30 * Math.Max(n / 10.0, 1) * Eps;
        double underflow = double.CreateTruncating(Precision.SafeMin<T>()), overflow = double.CreateTruncating(Precision.Max<T>());
        double slack = (Math.Sqrt(Math.Sqrt(underflow)) / Math.Sqrt(overflow) * reference[0]) + (underflow / Eps);
        for (int i = 0; i < n; i++)
        {
            double err = Math.Abs(computed[i] - reference[i]);
            Assert.True(err <= (tolerance * reference[i]) + slack,
                $"σ[{i}] = {computed[i]:E6} vs reference {reference[i]:E6}: relative error {err / reference[i]:E2} > {tolerance:E2}");
        }
    }

    public static TheoryData<string, int, int> GradedShapes() => new()
    {
        { "increasing", 24, 24 }, { "decreasing", 24, 24 }, { "scrambled", 24, 24 },
        { "scrambled", 40, 30 }, { "scrambled", 30, 40 }, { "scrambled", 80, 20 }, { "scrambled", 20, 80 },
        { "increasing", 110, 100 }, { "scrambled", 100, 110 },
    };

    [Theory]
    [MemberData(nameof(GradedShapes))]
    public void GradedMatricesKeepTheirSmallSingularValues(string order, int m, int n)
    {
        var rng = new Rng((ulong)(m * 131 + n * 7 + order.Length));
        double[] d1 = Grading(m, order, rng), d2 = Grading(n, order, rng);
        double[,] b = TestMatrices.UniformDouble(m, n, rng);
        var ad = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ad[i, j] = d1[i] * b[i, j] * d2[j];
            }
        }

        Matrix<T> a = TestMatrices.FromDouble<T>(ad);
        ad = TestMatrices.ToDouble<T>(a);
        double[] reference = ReferenceSvd.Graded(ad);
        double[] bSigma = ReferenceSvd.Jacobi(b);
        double condB = bSigma[0] / bSigma[^1];

        T[] values = Hig.Numerics.Svd.Values(a);
        SvdResult<T> thin = Hig.Numerics.Svd.Thin(a);
        double tolerance = 30 * Math.Max(Math.Min(m, n) / 10.0, 1) * Eps * condB;
        for (int i = 0; i < reference.Length; i++)
        {
            double relValues = Math.Abs(double.CreateTruncating(values[i]) - reference[i]) / reference[i];
            double relThin = Math.Abs(double.CreateTruncating(thin.SingularValues[i]) - reference[i]) / reference[i];
            Assert.True(relValues <= tolerance && relThin <= tolerance,
                $"σ[{i}] = {values[i]:E6} (thin {thin.SingularValues[i]:E6}) vs reference {reference[i]:E6}: relative error {Math.Max(relValues, relThin):E2} > {tolerance:E2} (cond(B) = {condB:F1})");
        }

        Assert.True(Ratios.Reconstruction(ad, thin.U, thin.SingularValues, thin.V) < 30);
    }

    /// <summary>Diagonal scalings spanning 1e-15 … 1 in increasing, decreasing or scrambled order.</summary>
    private static double[] Grading(int n, string order, Rng rng)
    {
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = n == 1 ? 0 : (double)i / (n - 1);
            d[i] = Math.Pow(1e-15, order == "decreasing" ? t : 1 - t);
        }

        if (order == "scrambled")
        {
            rng.Shuffle(d.AsSpan());
        }

        return d;
    }

    private static double[] SortedMagnitudes(T[] d)
    {
        double[] r = Array.ConvertAll(d, x => Math.Abs(double.CreateTruncating(x)));
        Array.Sort(r);
        Array.Reverse(r);
        return r;
    }
}

public sealed class AccuracyTestsDouble : AccuracyTests<double>;

public sealed class AccuracyTestsSingle : AccuracyTests<float>;
