// SvdDiagnostics: LAPACK's SVD test ratios (TESTING/EIG dbdt01 for the reconstruction, dort01 for orthogonality)
// for a decomposition a user holds, so they can check an SVD on their own data. Computed in double whatever T is
// (for float inputs this measures the decomposition, not the checker's own rounding).
using System;
using System.Numerics;

namespace Hig.Numerics;

/// <summary>
/// Audit diagnostics for a singular value decomposition A ≈ U·diag(σ)·Vᵀ: LAPACK's test ratios, each of order 1 for a
/// backward-stable decomposition (LAPACK's test suite fails a ratio ≥ 30). ε is 2^(1−p) of the element type's
/// precision p (LAPACK's dlamch('P')). Allocates; meant for audits and tests, not hot paths.
/// </summary>
public static class SvdDiagnostics
{
    /// <summary>
    /// The three ratios for A (m×n), U (m×p, p ≥ k), σ (length k ≤ min(m,n)) and V (n×q, q ≥ k): the reconstruction
    /// uses the first k columns of U and V, the orthogonality checks use all columns.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes are inconsistent.</exception>
    public static SvdResiduals Residuals<T>(ReadOnlyMatrixView<T> a, ReadOnlyMatrixView<T> u, ReadOnlySpan<T> singularValues, ReadOnlyMatrixView<T> v)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(ReconstructionRatio(a, u, singularValues, v), OrthogonalityRatio(u), OrthogonalityRatio(v));

    /// <summary>
    /// ‖A − U_k·diag(σ)·V_kᵀ‖₁ / (‖A‖₁ · max(m, n) · ε), with dbdt01's guards: when ‖A‖₁ = 0 the ratio is 0 for a zero
    /// residual and 1/ε otherwise; when the residual exceeds ‖A‖₁ it is capped as dbdt01 caps it.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes are inconsistent.</exception>
    public static double ReconstructionRatio<T>(ReadOnlyMatrixView<T> a, ReadOnlyMatrixView<T> u, ReadOnlySpan<T> singularValues, ReadOnlyMatrixView<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, k = singularValues.Length;
        if (u.Rows != m || v.Rows != n || u.Cols < k || v.Cols < k || k > Math.Min(m, n))
        {
            ShapeGuard.ThrowShape(nameof(u),
                $"A is {ShapeGuard.Shape(m, n)}, U is {ShapeGuard.Shape(u.Rows, u.Cols)}, V is {ShapeGuard.Shape(v.Rows, v.Cols)} and σ has {k} values: "
                + "U needs m rows and V n rows, both at least k columns, and k ≤ min(m, n).");
        }

        if (m == 0 || n == 0)
        {
            return 0.0;
        }

        double[] us = new double[m * k];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < k; j++)
            {
                us[(i * k) + j] = double.CreateTruncating(u[i, j]) * double.CreateTruncating(singularValues[j]);
            }
        }

        double[] vk = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                vk[(i * k) + j] = double.CreateTruncating(v[i, j]);
            }
        }

        double[] r = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                r[(i * n) + j] = double.CreateTruncating(a[i, j]);
            }
        }

        Blas.Gemm(Transpose.No, Transpose.Yes, -1.0, new ReadOnlyMatrixView<double>(us, m, k), new ReadOnlyMatrixView<double>(vk, n, k), 1.0, new MatrixView<double>(r, m, n));
        double resid = OneNorm(r, m, n);
        double anorm = OneNorm(ToDouble(a), m, n);
        double eps = double.CreateTruncating(MachineConstants<T>.Ulp);
        double size = Math.Max(m, n);
        if (anorm <= 0.0)
        {
            return resid == 0.0 ? 0.0 : 1.0 / eps;
        }

        if (anorm >= resid)
        {
            return resid / anorm / (size * eps);
        }

        return anorm < 1.0
            ? Math.Min(resid, size * anorm) / anorm / (size * eps)
            : Math.Min(resid / anorm, size) / (size * eps);
    }

    /// <summary>‖I − QᵀQ‖₁ / (rows · ε) for a rows×cols matrix Q that should have orthonormal columns (dort01 'C').</summary>
    public static double OrthogonalityRatio<T>(ReadOnlyMatrixView<T> q)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = q.Rows, cols = q.Cols;
        if (rows == 0 || cols == 0)
        {
            return 0.0;
        }

        double[] qd = ToDouble(q);
        double[] g = new double[cols * cols];
        for (int i = 0; i < cols; i++)
        {
            g[(i * cols) + i] = 1.0;
        }

        Blas.Gemm(Transpose.Yes, Transpose.No, -1.0, new ReadOnlyMatrixView<double>(qd, rows, cols), new ReadOnlyMatrixView<double>(qd, rows, cols), 1.0, new MatrixView<double>(g, cols, cols));
        return OneNorm(g, cols, cols) / rows / double.CreateTruncating(MachineConstants<T>.Ulp);
    }

    private static double[] ToDouble<T>(ReadOnlyMatrixView<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] result = new double[a.Rows * a.Cols];
        for (int i = 0; i < a.Rows; i++)
        {
            ReadOnlySpan<T> row = a.Row(i);
            for (int j = 0; j < a.Cols; j++)
            {
                result[(i * a.Cols) + j] = double.CreateTruncating(row[j]);
            }
        }

        return result;
    }

    /// <summary>The matrix 1-norm: the largest column sum of absolute values.</summary>
    private static double OneNorm(double[] a, int rows, int cols)
    {
        double[] sums = new double[cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                sums[j] += Math.Abs(a[(i * cols) + j]);
            }
        }

        double max = 0.0;
        foreach (double s in sums)
        {
            max = double.IsNaN(s) ? double.NaN : Math.Max(max, s);
        }

        return max;
    }
}
