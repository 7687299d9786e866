using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// LAPACK's test ratios computed independently of the library (naive loops, sums in DoubleDouble), so the library's
/// SvdDiagnostics is itself checked against them.
/// </summary>
internal static class Ratios
{
    /// <summary>‖A − U_k·diag(σ)·V_kᵀ‖₁ / (‖A‖₁·max(m, n)·ε), with dbdt01's guards; ε of T.</summary>
    public static double Reconstruction<T>(double[,] a, ReadOnlyMatrixView<T> u, ReadOnlySpan<T> s, ReadOnlyMatrixView<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.GetLength(0), n = a.GetLength(1), k = s.Length;
        if (m == 0 || n == 0)
        {
            return 0;
        }

        double resid = 0, anorm = 0;
        for (int j = 0; j < n; j++)
        {
            double col = 0, acol = 0;
            for (int i = 0; i < m; i++)
            {
                var sum = new DoubleDouble(-a[i, j], 0);
                for (int p = 0; p < k; p++)
                {
                    sum = sum.AddProduct(double.CreateTruncating(u[i, p]) * double.CreateTruncating(s[p]), double.CreateTruncating(v[j, p]));
                }

                col += Math.Abs(sum.Value);
                acol += Math.Abs(a[i, j]);
            }

            resid = Math.Max(resid, col);
            anorm = Math.Max(anorm, acol);
        }

        double eps = Precision.EpsOf<T>(), size = Math.Max(m, n);
        if (anorm <= 0)
        {
            return resid == 0 ? 0 : 1 / eps;
        }

        return anorm >= resid ? resid / anorm / (size * eps)
            : anorm < 1 ? Math.Min(resid, size * anorm) / anorm / (size * eps)
            : Math.Min(resid / anorm, size) / (size * eps);
    }

    /// <summary>‖I − QᵀQ‖₁ / (rows·ε).</summary>
    public static double Orthogonality<T>(ReadOnlyMatrixView<T> q)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = q.Rows, cols = q.Cols;
        if (rows == 0 || cols == 0)
        {
            return 0;
        }

        double norm = 0;
        for (int j = 0; j < cols; j++)
        {
            double col = 0;
            for (int i = 0; i < cols; i++)
            {
                var sum = new DoubleDouble(i == j ? -1 : 0, 0);
                for (int r = 0; r < rows; r++)
                {
                    sum = sum.AddProduct(double.CreateTruncating(q[r, i]), double.CreateTruncating(q[r, j]));
                }

                col += Math.Abs(sum.Value);
            }

            norm = Math.Max(norm, col);
        }

        return norm / rows / Precision.EpsOf<T>();
    }
}
