using System;

namespace Hig.Tests.Svd;

/// <summary>
/// Independent singular-value references written for the tests, in double, sharing no code with the library:
/// one-sided (Hestenes) Jacobi, preconditioned as Demmel et al. propose for graded matrices, and bisection on the
/// Golub-Kahan tridiagonal of a bidiagonal.
/// </summary>
internal static class ReferenceSvd
{
    /// <summary>
    /// Singular values (decreasing) by one-sided Jacobi on the columns, iterated until every pair of columns is
    /// orthogonal to working precision relative to their norms: |aₚᵀa_q| ≤ ε·‖aₚ‖·‖a_q‖. For A = B·D (column
    /// scaling) the values are accurate to about ε·cond(B) relative (Demmel &amp; Veselić 1992).
    /// </summary>
    public static double[] Jacobi(double[,] a)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var w = (double[,])a.Clone();
        const double eps = 1.1102230246251565e-16;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (int i = 0; i < m; i++)
                    {
                        alpha += w[i, p] * w[i, p];
                        beta += w[i, q] * w[i, q];
                        gamma += w[i, p] * w[i, q];
                    }

                    if (Math.Abs(gamma) <= eps * Math.Sqrt(alpha) * Math.Sqrt(beta) || gamma == 0)
                    {
                        continue;
                    }

                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + (zeta * zeta)));
                    if (zeta == 0)
                    {
                        t = 1;
                    }

                    double c = 1 / Math.Sqrt(1 + (t * t)), s = c * t;
                    for (int i = 0; i < m; i++)
                    {
                        double x = w[i, p], y = w[i, q];
                        w[i, p] = (c * x) - (s * y);
                        w[i, q] = (s * x) + (c * y);
                    }
                }
            }

            if (!rotated)
            {
                break;
            }
        }

        var sigma = new double[n];
        for (int j = 0; j < n; j++)
        {
            double scale = 0;
            for (int i = 0; i < m; i++)
            {
                scale = Math.Max(scale, Math.Abs(w[i, j]));
            }

            double sum = 0;
            for (int i = 0; i < m && scale > 0; i++)
            {
                sum += (w[i, j] / scale) * (w[i, j] / scale);
            }

            sigma[j] = scale * Math.Sqrt(sum);
        }

        Array.Sort(sigma);
        Array.Reverse(sigma);
        return sigma;
    }

    /// <summary>
    /// Singular values of a possibly graded m×n matrix (m ≥ n) to high relative accuracy: rows sorted by decreasing
    /// max-norm, Householder QR with column pivoting (Businger-Golub), then one-sided Jacobi on Rᵀ — the algorithm of
    /// Demmel, Gu, Eisenstat, Slapničar, Veselić &amp; Drmač, "Computing the singular value decomposition with high
    /// relative accuracy" (Linear Algebra Appl. 299, 1999), accurate for D₁·B·D₂ with B well conditioned.
    /// </summary>
    public static double[] Graded(double[,] a)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        if (m < n)
        {
            return Graded(Transpose(a));
        }

        // Row sorting by decreasing max-norm.
        var rowKey = new double[m];
        var rows = new int[m];
        for (int i = 0; i < m; i++)
        {
            rows[i] = i;
            for (int j = 0; j < n; j++)
            {
                rowKey[i] = Math.Max(rowKey[i], Math.Abs(a[i, j]));
            }
        }

        Array.Sort(rowKey, rows);
        Array.Reverse(rows);
        var w = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[i, j] = a[rows[i], j];
            }
        }

        // Householder QR with column pivoting on the remaining column norms (recomputed, not downdated).
        for (int k = 0; k < n; k++)
        {
            int best = k;
            double bestNorm = -1;
            for (int j = k; j < n; j++)
            {
                double norm = ColumnNorm(w, j, k);
                if (norm > bestNorm)
                {
                    bestNorm = norm;
                    best = j;
                }
            }

            for (int i = 0; i < m; i++)
            {
                (w[i, k], w[i, best]) = (w[i, best], w[i, k]);
            }

            double alpha = w[k, k];
            double xnorm = ColumnNorm(w, k, k);
            if (xnorm == 0)
            {
                continue;
            }

            double beta = alpha >= 0 ? -xnorm : xnorm;
            var v = new double[m];
            v[k] = alpha - beta;
            for (int i = k + 1; i < m; i++)
            {
                v[i] = w[i, k];
            }

            double vnorm2 = 0;
            for (int i = k; i < m; i++)
            {
                vnorm2 += v[i] * v[i];
            }

            for (int j = k; j < n; j++)
            {
                double dot = 0;
                for (int i = k; i < m; i++)
                {
                    dot += v[i] * w[i, j];
                }

                double f = 2 * dot / vnorm2;
                for (int i = k; i < m; i++)
                {
                    w[i, j] -= f * v[i];
                }
            }
        }

        var rt = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                rt[j, i] = w[i, j];
            }
        }

        return Jacobi(rt);
    }

    /// <summary>
    /// Singular values (decreasing) of the upper bidiagonal bidiag(d, e) by bisection on its Golub-Kahan tridiagonal
    /// (zero diagonal, off-diagonal d₁, e₁, d₂, e₂, …), whose positive eigenvalues are the singular values. The Sturm
    /// count of T − x·I is relatively accurate for this zero-diagonal tridiagonal (Demmel &amp; Kahan 1990, §6;
    /// Fernando 1998), so bisection to a relative width of 4ε gives each σ to a few ulps.
    /// </summary>
    public static double[] Bisection(double[] d, double[] e)
    {
        int n = d.Length;
        var b = new double[(2 * n) - 1];
        for (int i = 0; i < n; i++)
        {
            b[2 * i] = d[i];
            if (i < n - 1)
            {
                b[(2 * i) + 1] = e[i];
            }
        }

        double bound = 0;
        for (int i = 0; i < b.Length; i++)
        {
            bound = Math.Max(bound, Math.Abs(b[i]));
        }

        bound *= 2.5; // Gershgorin: every eigenvalue is at most twice the largest off-diagonal entry
        var sigma = new double[n];
        for (int k = 0; k < n; k++)
        {
            // σ_{k} (decreasing) is the eigenvalue with exactly n − 1 − k eigenvalues above it among the 2n.
            int wanted = 2 * n - (n - 1 - k) - 1; // eigenvalues below it: count(x) < wanted+1
            double lo = 0, hi = bound;
            for (int it = 0; it < 2200 && hi - lo > 4 * 1.1102230246251565e-16 * hi && hi > double.Epsilon * 4; it++)
            {
                double mid = lo + ((hi - lo) / 2);
                if (lo > 0 && hi / lo > 4)
                {
                    mid = Math.Sqrt(lo) * Math.Sqrt(hi); // geometric bisection finds tiny values quickly
                }

                if (CountBelow(b, mid) > wanted)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            sigma[n - 1 - k] = lo + ((hi - lo) / 2);
        }

        return sigma;
    }

    /// <summary>Number of eigenvalues of the zero-diagonal tridiagonal with off-diagonal b that are less than x &gt; 0.</summary>
    private static int CountBelow(double[] b, double x)
    {
        // LDLᵀ of T − x·I: q₁ = −x, qᵢ = −x − bᵢ₋₁²/qᵢ₋₁; the count is the number of negative pivots.
        const double pivmin = 1e-300;
        int count = 0;
        double q = -x;
        if (q < 0)
        {
            count++;
        }

        for (int i = 0; i < b.Length; i++)
        {
            if (Math.Abs(q) < pivmin)
            {
                q = -pivmin;
            }

            q = -x - (b[i] / q * b[i]);
            if (q < 0)
            {
                count++;
            }
        }

        return count;
    }

    public static double[,] Transpose(double[,] a)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var t = new double[n, m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    private static double ColumnNorm(double[,] w, int j, int from)
    {
        double scale = 0;
        for (int i = from; i < w.GetLength(0); i++)
        {
            scale = Math.Max(scale, Math.Abs(w[i, j]));
        }

        if (scale == 0)
        {
            return 0;
        }

        double sum = 0;
        for (int i = from; i < w.GetLength(0); i++)
        {
            sum += (w[i, j] / scale) * (w[i, j] / scale);
        }

        return scale * Math.Sqrt(sum);
    }
}
