using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// The secular solver of the divide-and-conquer merge alone: its roots are the singular values of the broken arrow
/// M = [z; 0 diag(d₁ … d_{k−1})] (d₀ = 0), which the tests' own Jacobi computes from M directly, and they interlace
/// strictly with the poles in the offset representation σ = d_o + τ.
/// </summary>
/// <remarks>
/// Jacobi's values of M are within a small multiple of k·ε·‖M‖ of the exact ones (one-sided Jacobi is backward stable
/// column by column); the solver stops when |g| is below the rounding error of evaluating g itself, so its roots are
/// within a few ulps of ‖M‖ (Li 1993, §4). The pass mark 30·k·ε·‖M‖ is the merge tests' normalization (ε = 2^(1−p)).
/// </remarks>
public abstract class SecularEquationTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    [Theory]
    [InlineData(1, 1UL)]
    [InlineData(2, 2UL)]
    [InlineData(5, 3UL)]
    [InlineData(40, 4UL)]
    [InlineData(150, 5UL)]
    public void RootsAreTheBrokenArrowsSingularValues(int k, ulong seed)
    {
        (T[] d, T[] z) = Problem(k, seed);
        T rho = T.Zero;
        foreach (T x in z)
        {
            rho += x * x;
        }

        T norm = T.Sqrt(rho);
        var zn = new T[k];
        for (int j = 0; j < k; j++)
        {
            zn[j] = z[j] / norm;
        }

        var m = new double[k, k];
        for (int j = 0; j < k; j++)
        {
            m[0, j] = double.CreateTruncating(z[j]);
            if (j > 0)
            {
                m[j, j] = double.CreateTruncating(d[j]);
            }
        }

        double[] reference = ReferenceSvd.Jacobi(m); // decreasing
        double tolerance = 30 * k * Eps * reference[0];
        for (int i = 0; i < k; i++)
        {
            SecularEquation.Solve<T>(d, zn, rho, i, out int origin, out T tau);
            Assert.True(origin == i || origin == i + 1, $"root {i}: origin {origin}");
            Assert.True(origin == i ? tau > T.Zero : tau < T.Zero, $"root {i}: τ = {tau} from pole {origin} breaks interlacing");
            double sigma = double.CreateTruncating(d[origin] + tau);
            double expected = reference[k - 1 - i];
            Assert.True(Math.Abs(sigma - expected) <= tolerance, $"root {i}: {sigma:R} vs Jacobi {expected:R}");
        }
    }

    [Fact]
    public void AnIterationCapThatIsTooSmallIsReportedAsNoConvergence()
    {
        // Forty poles: the two-pole initial guess is not the root, so one iteration cannot meet the stopping test for
        // every root; the cap must end in the library's exception, not in an unconverged σ.
        (T[] d, T[] z) = Problem(40, 4);
        T rho = T.Zero;
        foreach (T x in z)
        {
            rho += x * x;
        }

        var zn = Array.ConvertAll(z, x => x / T.Sqrt(rho));
        Assert.Throws<SvdNoConvergenceException>(() =>
        {
            for (int i = 0; i < d.Length; i++)
            {
                SecularEquation.Solve<T>(d, zn, rho, i, out _, out _, maxIterations: 1);
            }
        });
    }

    /// <summary>d₀ = 0 then increasing poles in (0, 2) with some pairs only 1e3·ε apart; z with some entries of 1e3·ε.</summary>
    private static (T[] D, T[] Z) Problem(int k, ulong seed)
    {
        var rng = new Rng(seed);
        var d = new T[k];
        var z = new T[k];
        double current = 0;
        for (int j = 0; j < k; j++)
        {
            if (j > 0)
            {
                current += rng.NextDouble() < 0.2 ? 1e3 * Eps : rng.NextUniform(0.2, 2.0) / k;
            }

            d[j] = T.CreateTruncating(current);
            double zj = rng.NextDouble() < 0.2 ? 1e3 * Eps : rng.NextUniform(0.1, 1.0);
            z[j] = T.CreateTruncating(rng.NextDouble() < 0.5 ? -zj : zj);
        }

        return (d, z);
    }
}

public sealed class SecularEquationTestsDouble : SecularEquationTests<double>;

public sealed class SecularEquationTestsSingle : SecularEquationTests<float>;
