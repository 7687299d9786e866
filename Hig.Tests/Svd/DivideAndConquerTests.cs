using System;
using System.Collections.Generic;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// The divide-and-conquer bidiagonal SVD (BidiagonalDivideAndConquer) against independent references: LAPACK's test
/// ratios recomputed in DoubleDouble (Ratios: ‖B − UΣVᵀ‖₁/(‖B‖₁·n·ε) as dbdt01/dbdt03, ‖I − UᵀU‖₁/(n·ε) and the same
/// for V as dort01), the tests' own one-sided Jacobi (ReferenceSvd.Jacobi, in double) and the library's QR iteration.
/// </summary>
/// <remarks>
/// Pass mark 30 for every ratio, as LapackSuiteTests (svd.in's THRESH is 50): Gu &amp; Eisenstat's Theorem 4.1 bounds
/// the backward error and the loss of orthogonality by a modest multiple of n·ε, and LAPACK's ratios divide by
/// exactly that, so a correct code gives ratios of order one. The singular values are only ABSOLUTELY accurate
/// (|σ̂ − σ| ≤ p(n)·ε·‖B‖, the perturbation theory of the backward error), so they are compared with the references
/// by max|σ̂ᵢ − σᵢ|/(n·ε·σ_max) &lt; 30, the normalization of LAPACK's ddrvbd when it compares drivers' singular
/// values. ε is 2^(1−p) of T.
/// </remarks>
public abstract class DivideAndConquerTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double Threshold = 30;

    private static readonly double Eps = Precision.EpsOf<T>();

    public static IEnumerable<object[]> RandomCases()
    {
        // Around the leaf size 25 and its doubles (51 = 25 + 1 + 25, 52 splits 26 | 25), odd and even splits.
        int[] sizes = [1, 2, 3, 4, 5, 7, 10, 24, 25, 26, 27, 49, 50, 51, 52, 53, 64, 77, 100, 101, 127, 128, 199, 256, 300];
        foreach (int n in sizes)
        {
            yield return [n, BidiagonalDivideAndConquer.DefaultLeafSize];
        }

        // Tiny leaves: deep trees, many merges of small and unequal children.
        foreach (int n in new[] { 4, 5, 6, 7, 8, 9, 13, 31, 60, 97 })
        {
            yield return [n, 3];
            yield return [n, 4];
        }
    }

    public static IEnumerable<object[]> StructuredCases()
    {
        string[] kinds = ["graded", "clustered", "mirrored", "mirrored-zero-pivot", "equal-diagonal", "zeros", "wide-range", "tiny-pivots"];
        foreach (string kind in kinds)
        {
            foreach (int n in new[] { 27, 61, 130 })
            {
                yield return [kind, n, BidiagonalDivideAndConquer.DefaultLeafSize];
            }

            yield return [kind, 40, 3];
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void RandomBidiagonalsPassTheRatios(int n, int leafSize)
    {
        var rng = new Rng((ulong)((n * 31) + leafSize));
        var d = new double[n];
        var e = new double[Math.Max(n - 1, 0)];
        for (int i = 0; i < n; i++)
        {
            d[i] = rng.NextUniform(-1.0, 1.0);
        }

        for (int i = 0; i < e.Length; i++)
        {
            e[i] = rng.NextUniform(-1.0, 1.0);
        }

        CheckAll(d, e, leafSize, jacobi: n <= 128, $"random n = {n}, leaf {leafSize}");
    }

    [Theory]
    [MemberData(nameof(StructuredCases))]
    public void StructuredBidiagonalsPassTheRatios(string kind, int n, int leafSize)
    {
        var rng = new Rng((ulong)((n * 7) + kind.Length));
        (double[] d, double[] e) = Structured(kind, n, rng);
        CheckAll(d, e, leafSize, jacobi: true, $"{kind} n = {n}, leaf {leafSize}");
    }

    [Fact]
    public void ResultsAreBitwiseReproducible()
    {
        int n = 140;
        (double[] d0, double[] e0) = Structured("clustered", n, new Rng(5));
        (T[] s1, Matrix<T> u1, Matrix<T> vt1) = Run(d0, e0, BidiagonalDivideAndConquer.DefaultLeafSize);
        (T[] s2, Matrix<T> u2, Matrix<T> vt2) = Run(d0, e0, BidiagonalDivideAndConquer.DefaultLeafSize);
        Assert.Equal(s1, s2);
        Assert.Equal(u1.Data, u2.Data);
        Assert.Equal(vt1.Data, vt2.Data);
    }

    [Fact]
    public void WithAWorkspaceNothingIsAllocated()
    {
        int n = 120;
        var rng = new Rng(9);
        T[] d0 = new T[n], e0 = new T[n - 1], d = new T[n], e = new T[n - 1];
        for (int i = 0; i < n; i++)
        {
            d0[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
            if (i < n - 1)
            {
                e0[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
            }
        }

        var u = new Matrix<T>(n, n);
        var vt = new Matrix<T>(n, n);
        var work = new T[BidiagonalDivideAndConquer.WorkspaceLength<T>(n)];

        void Run()
        {
            d0.CopyTo(d, 0);
            e0.CopyTo(e, 0);
            BidiagonalDivideAndConquer.Decompose<T>(d, e, u, vt, work);
        }

        Run(); // warm-up: gemm's per-thread packing buffers are created on first use
        Allocations.AssertSteadyStateAllocatesNothing(Run, callsPerWindow: 1, "divide-and-conquer bidiagonal SVD with a workspace");
    }

    [Fact]
    public void ATooShortWorkspaceIsRejected()
    {
        int n = 30;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BidiagonalDivideAndConquer.Decompose<T>(new T[n], new T[n - 1], new Matrix<T>(n, n), new Matrix<T>(n, n), new T[BidiagonalDivideAndConquer.WorkspaceLength<T>(n) - 1]));
        Assert.Equal("workspace", ex.ParamName);
    }

    /// <summary>Bidiagonals built to reach every deflation path of the merge, and graded and wide-ranging ones.</summary>
    private static (double[] D, double[] E) Structured(string kind, int n, Rng rng)
    {
        var d = new double[n];
        var e = new double[n - 1];
        double eps = Eps;
        switch (kind)
        {
            case "graded":
                // Entries decreasing geometrically over 15 orders of magnitude (σ from 1 down to about 1e-15).
                for (int i = 0; i < n; i++)
                {
                    double g = Math.Pow(1e-15, (double)i / n);
                    d[i] = g * rng.NextUniform(0.5, 1.0);
                    if (i < n - 1)
                    {
                        e[i] = g * rng.NextUniform(0.5, 1.0);
                    }
                }

                break;
            case "clustered":
                // σ clustered within about 1e3·ε around 1 in groups: poles of the merges a few tol apart.
                for (int i = 0; i < n; i++)
                {
                    d[i] = 1 + (1e3 * eps * rng.NextUniform(-1.0, 1.0));
                    if (i < n - 1)
                    {
                        e[i] = 1e3 * eps * rng.NextUniform(0.1, 1.0);
                    }
                }

                break;
            case "mirrored":
            case "mirrored-zero-pivot":
                {
                    // The rows below the middle repeat those above, joined through a coupling of 100·ε: the two halves
                    // have singular values equal to second order in the coupling, so the top merge deflates close
                    // pole pairs (with the zero pivot also every z of the left half and z₀).
                    int h = (n - 1) / 2;
                    for (int i = 0; i < h; i++)
                    {
                        d[i] = rng.NextUniform(-1.0, 1.0);
                        d[h + 1 + i] = d[i];
                        if (i < h - 1)
                        {
                            e[i] = rng.NextUniform(-1.0, 1.0);
                            e[h + 1 + i] = e[i];
                        }
                    }

                    e[h - 1] = 100 * eps;
                    d[h] = kind == "mirrored" ? 0.5 : 0;
                    e[h] = 0.5;
                    for (int i = (2 * h) + 1; i < n; i++)
                    {
                        d[i] = rng.NextUniform(-1.0, 1.0);
                        e[i - 1] = rng.NextUniform(-1.0, 1.0);
                    }

                    break;
                }

            case "equal-diagonal":
                // d = 1 with e just above the splitting threshold: all σ within 4·ε of 1, deflated as close poles.
                for (int i = 0; i < n; i++)
                {
                    d[i] = 1;
                    if (i < n - 1)
                    {
                        e[i] = 2 * eps;
                    }
                }

                break;
            case "zeros":
                // Random with exact zeros on about a tenth of the diagonal and a twentieth of the superdiagonal.
                for (int i = 0; i < n; i++)
                {
                    d[i] = rng.NextDouble() < 0.1 ? 0 : rng.NextUniform(-1.0, 1.0);
                    if (i < n - 1)
                    {
                        e[i] = rng.NextDouble() < 0.05 ? 0 : rng.NextUniform(-1.0, 1.0);
                    }
                }

                break;
            case "wide-range":
                // dchkbd's type 16: entries e^x, x uniform on [2·log ε, −2·log ε] (over 60 orders of magnitude in double).
                {
                    double span = -2 * Math.Log(eps);
                    for (int i = 0; i < n; i++)
                    {
                        d[i] = Math.Exp(span * rng.NextUniform(-1.0, 1.0));
                        if (i < n - 1)
                        {
                            e[i] = Math.Exp(span * rng.NextUniform(-1.0, 1.0));
                        }
                    }

                    break;
                }

            case "tiny-pivots":
                // Random, with tiny diagonal entries (ε² relative) at every fifth row: small z in many merges.
                for (int i = 0; i < n; i++)
                {
                    d[i] = i % 5 == 2 ? eps * eps * rng.NextUniform(-1.0, 1.0) : rng.NextUniform(-1.0, 1.0);
                    if (i < n - 1)
                    {
                        e[i] = rng.NextUniform(-1.0, 1.0);
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        return (d, e);
    }

    private static (T[] S, Matrix<T> U, Matrix<T> Vt) Run(double[] d0, double[] e0, int leafSize)
    {
        int n = d0.Length;
        T[] d = new T[n], e = new T[Math.Max(n - 1, 0)];
        for (int i = 0; i < n; i++)
        {
            d[i] = T.CreateTruncating(d0[i]);
        }

        for (int i = 0; i < e.Length; i++)
        {
            e[i] = T.CreateTruncating(e0[i]);
        }

        var u = new Matrix<T>(n, n);
        var vt = new Matrix<T>(n, n);
        BidiagonalDivideAndConquer.Decompose<T>(d, e, u, vt, new T[BidiagonalDivideAndConquer.WorkspaceLength<T>(n)], leafSize);
        return (d, u, vt);
    }

    private static void CheckAll(double[] d0, double[] e0, int leafSize, bool jacobi, string what)
    {
        int n = d0.Length;
        (T[] s, Matrix<T> u, Matrix<T> vt) = Run(d0, e0, leafSize);

        // The bidiagonal actually decomposed, in T.
        var b = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            b[i, i] = double.CreateTruncating(T.CreateTruncating(d0[i]));
            if (i + 1 < n)
            {
                b[i, i + 1] = double.CreateTruncating(T.CreateTruncating(e0[i]));
            }
        }

        var failures = new List<string>();
        for (int i = 0; i < n; i++)
        {
            if (!(s[i] >= T.Zero) || (i > 0 && s[i] > s[i - 1]))
            {
                failures.Add($"σ not sorted non-negative at {i}");
            }
        }

        Matrix<T> v = vt.Transposed();
        Check(failures, "reconstruction", Ratios.Reconstruction(b, u, s, v));
        Check(failures, "‖I − UᵀU‖", Ratios.Orthogonality<T>(u));
        Check(failures, "‖I − VᵀV‖", Ratios.Orthogonality<T>(v));

        // The QR iteration's values of the same bidiagonal (high relative accuracy).
        T[] dq = new T[n], eq = new T[Math.Max(n - 1, 0)];
        for (int i = 0; i < n; i++)
        {
            dq[i] = T.CreateTruncating(d0[i]);
        }

        for (int i = 0; i < eq.Length; i++)
        {
            eq[i] = T.CreateTruncating(e0[i]);
        }

        var none = new NoRotations<T>();
        BidiagonalQr.Diagonalize<T, NoRotations<T>>(dq, eq, ref none, new T[BidiagonalQr.WorkspaceLength(n)]);
        var qr = new double[n];
        for (int i = 0; i < n; i++)
        {
            qr[i] = Math.Abs(double.CreateTruncating(dq[i]));
        }

        Array.Sort(qr);
        Array.Reverse(qr);
        Check(failures, "σ vs QR iteration", ValueRatio(s, qr));
        if (jacobi)
        {
            Check(failures, "σ vs Jacobi", ValueRatio(s, ReferenceSvd.Jacobi(b)));
        }

        Assert.True(failures.Count == 0, $"{what}: " + string.Join("; ", failures));
    }

    /// <summary>max|σ̂ᵢ − σᵢ| / (n·ε·σ_max).</summary>
    private static double ValueRatio(T[] s, double[] reference)
    {
        int n = s.Length;
        if (n == 0 || reference[0] == 0)
        {
            return 0;
        }

        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            worst = Math.Max(worst, Math.Abs(double.CreateTruncating(s[i]) - reference[i]));
        }

        return worst / (n * Eps * reference[0]);
    }

    private static void Check(List<string> failures, string what, double ratio)
    {
        if (!(ratio < Threshold))
        {
            failures.Add($"{what} ratio {ratio:G4}");
        }
    }
}

public sealed class DivideAndConquerTestsDouble : DivideAndConquerTests<double>;

public sealed class DivideAndConquerTestsSingle : DivideAndConquerTests<float>;
