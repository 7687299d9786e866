using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>Seeded test matrices: uniform, random orthogonal, LAPACK dchkbd's sixteen types, graded and special ones.</summary>
internal static class TestMatrices
{
    /// <summary>Entries uniform in [−1, 1) from a fixed seed.</summary>
    public static Matrix<T> Uniform<T>(int m, int n, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T> => FromDouble<T>(UniformDouble(m, n, new Rng(seed)));

    public static double[,] UniformDouble(int m, int n, Rng rng)
    {
        var a = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = rng.NextUniform(-1.0, 1.0);
            }
        }

        return a;
    }

    /// <summary>A random n×n orthogonal matrix: modified Gram-Schmidt, applied twice, on Gaussian columns (test code, independent of the library).</summary>
    public static double[,] RandomOrthogonal(int n, Rng rng)
    {
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                q[i, j] = rng.NextNormal();
            }
        }

        for (int pass = 0; pass < 2; pass++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;
                    for (int i = 0; i < n; i++)
                    {
                        dot += q[i, k] * q[i, j];
                    }

                    for (int i = 0; i < n; i++)
                    {
                        q[i, j] -= dot * q[i, k];
                    }
                }

                double norm = 0;
                for (int i = 0; i < n; i++)
                {
                    norm += q[i, j] * q[i, j];
                }

                norm = Math.Sqrt(norm);
                for (int i = 0; i < n; i++)
                {
                    q[i, j] /= norm;
                }
            }
        }

        return q;
    }

    /// <summary>U·diag(σ)·Vᵀ (m×n) with random orthogonal U, V; σ has min(m, n) entries.</summary>
    public static double[,] WithSingularValues(int m, int n, double[] sigma, Rng rng)
    {
        double[,] u = RandomOrthogonal(m, rng), v = RandomOrthogonal(n, rng);
        var a = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < sigma.Length; k++)
                {
                    sum += u[i, k] * sigma[k] * v[j, k];
                }

                a[i, j] = sum;
            }
        }

        return a;
    }

    /// <summary>The sixteen matrix types of LAPACK's dchkbd (TESTING/EIG/dchkbd.f), in precision T; type 16 returns the dense bidiagonal.</summary>
    public static double[,] LapackType<T>(int type, int m, int n, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = Math.Min(m, n);
        double ulp = Precision.EpsOf<T>();
        double overflow = double.CreateTruncating(Precision.Max<T>()), underflow = double.CreateTruncating(Precision.SafeMin<T>());
        double large = Math.Sqrt(overflow) * ulp / Math.Max(Math.Max(m, n), 1); // dchkbd's "large" ANORM
        double small = Math.Sqrt(underflow) * Math.Max(m, n) / ulp;             // dchkbd's "small" ANORM
        var a = new double[m, n];
        switch (type)
        {
            case 1:
                return a;
            case 2:
                for (int i = 0; i < k; i++)
                {
                    a[i, i] = 1;
                }

                return a;
            case >= 3 and <= 7:
                {
                    double[] d = Spectrum(type == 4 ? 3 : type == 5 ? 1 : 4, k, 1 / ulp, rng);
                    double scale = type == 6 ? large : type == 7 ? small : 1;
                    for (int i = 0; i < k; i++)
                    {
                        a[i, i] = scale * d[i];
                    }

                    return a;
                }

            case >= 8 and <= 12:
                {
                    double[] d = Spectrum(type == 9 ? 3 : type == 10 ? 1 : 4, k, 1 / ulp, rng);
                    double scale = type == 11 ? large : type == 12 ? small : 1;
                    for (int i = 0; i < k; i++)
                    {
                        d[i] = Math.Abs(d[i]) * scale;
                    }

                    return WithSingularValues(m, n, d, rng);
                }

            case >= 13 and <= 15:
                {
                    double scale = type == 14 ? large : type == 15 ? small : 1;
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            a[i, j] = scale * rng.NextUniform(-1.0, 1.0);
                        }
                    }

                    return a;
                }

            case 16:
                {
                    // Bidiagonal with entries e^x, x uniform on [2·log(ulp), −2·log(ulp)]; upper if m ≥ n, lower otherwise.
                    double span = -2 * Math.Log(ulp);
                    for (int i = 0; i < k; i++)
                    {
                        a[i, i] = Math.Exp(span * rng.NextUniform(-1.0, 1.0));
                        if (i + 1 < k)
                        {
                            if (m >= n)
                            {
                                a[i, i + 1] = Math.Exp(span * rng.NextUniform(-1.0, 1.0));
                            }
                            else
                            {
                                a[i + 1, i] = Math.Exp(span * rng.NextUniform(-1.0, 1.0));
                            }
                        }
                    }

                    return a;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    /// <summary>dlatms modes with random signs: 1 clustered (1, 1/cond, …), 3 geometric 1 … 1/cond, 4 arithmetic 1 … 1/cond.</summary>
    private static double[] Spectrum(int mode, int k, double cond, Rng rng)
    {
        var d = new double[k];
        for (int i = 0; i < k; i++)
        {
            double t = k == 1 ? 0 : (double)i / (k - 1);
            d[i] = mode switch
            {
                1 => i == 0 ? 1 : 1 / cond,
                3 => Math.Pow(cond, -t),
                _ => 1 - (t * (1 - (1 / cond))),
            };
            if (rng.NextDouble() < 0.5)
            {
                d[i] = -d[i];
            }
        }

        return d;
    }

    public static Matrix<T> FromDouble<T>(double[,] a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var result = new Matrix<T>(m, n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                result[i, j] = T.CreateTruncating(a[i, j]);
            }
        }

        return result;
    }

    public static double[,] ToDouble<T>(ReadOnlyMatrixView<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[a.Rows, a.Cols];
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Cols; j++)
            {
                result[i, j] = double.CreateTruncating(a[i, j]);
            }
        }

        return result;
    }
}
