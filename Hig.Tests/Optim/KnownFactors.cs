using System;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Optim;

/// <summary>
/// A matrix A = U·diag(σ)·Vᵀ built from factors the test chooses, so the exact pseudo-inverse and κ-power steps are known
/// without calling the library's SVD. U (m×n) and V (n×n) have orthonormal columns, made by modified Gram-Schmidt with
/// one re-orthogonalization pass ("twice is enough", Giraud et al. 2005) in double precision.
/// </summary>
internal sealed class KnownFactors
{
    public KnownFactors(Rng rng, int m, int n, double[] sigma)
    {
        if (sigma.Length != n || m < n)
        {
            throw new ArgumentException("KnownFactors needs m ≥ n and n singular values.");
        }

        U = Orthonormal(rng, m, n);
        V = Orthonormal(rng, n, n);
        Sigma = sigma;
        A = new double[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                var sum = default(DoubleDouble);
                for (int k = 0; k < n; k++)
                {
                    sum = sum.AddProduct(U[i, k] * sigma[k], V[j, k]);
                }

                A[i, j] = sum.Value;
            }
        }
    }

    public double[,] U { get; }

    public double[,] V { get; }

    public double[] Sigma { get; }

    public double[,] A { get; }

    public int Rows => A.GetLength(0);

    public int Cols => A.GetLength(1);

    /// <summary>Σᵢ vᵢ·wᵢ·(uᵢᵀg) with weights w, accumulated accurately: the exact κ-power step for these factors.</summary>
    public double[] Apply(Func<double, double> weight, double[] g)
    {
        int m = Rows, n = Cols;
        var d = new double[n];
        for (int k = 0; k < n; k++)
        {
            var projection = default(DoubleDouble);
            for (int i = 0; i < m; i++)
            {
                projection = projection.AddProduct(U[i, k], g[i]);
            }

            double coefficient = weight(Sigma[k]) * projection.Value;
            for (int j = 0; j < n; j++)
            {
                d[j] += V[j, k] * coefficient;
            }
        }

        return d;
    }

    /// <summary>Column k of U.</summary>
    public double[] LeftVector(int k)
    {
        var u = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            u[i] = U[i, k];
        }

        return u;
    }

    /// <summary>Column k of V.</summary>
    public double[] RightVector(int k)
    {
        var v = new double[Cols];
        for (int j = 0; j < Cols; j++)
        {
            v[j] = V[j, k];
        }

        return v;
    }

    /// <summary>A rounded to <typeparamref name="T"/>.</summary>
    public Matrix<T> MatrixOf<T>()
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var a = new Matrix<T>(Rows, Cols);
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                a[i, j] = T.CreateTruncating(A[i, j]);
            }
        }

        return a;
    }

    private static double[,] Orthonormal(Rng rng, int m, int n)
    {
        var q = new double[m, n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                q[i, j] = rng.NextNormal();
            }

            for (int pass = 0; pass < 2; pass++)
            {
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;
                    for (int i = 0; i < m; i++)
                    {
                        dot += q[i, k] * q[i, j];
                    }

                    for (int i = 0; i < m; i++)
                    {
                        q[i, j] -= dot * q[i, k];
                    }
                }
            }

            double norm = 0;
            for (int i = 0; i < m; i++)
            {
                norm += q[i, j] * q[i, j];
            }

            norm = Math.Sqrt(norm);
            for (int i = 0; i < m; i++)
            {
                q[i, j] /= norm;
            }
        }

        return q;
    }
}
