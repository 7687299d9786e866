// SvdDriver: FIRST SIMPLE IMPLEMENTATION (one-sided Jacobi) so the public API can be compiled against;
// it is replaced by the Golub-Kahan pipeline described in docs/svd.md.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class SvdDriver
{
    public static int ValuesWorkspaceLength<T>(int m, int n, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T> => VectorsWorkspaceLength<T>(m, n, false, options) + (2 * m * n);

    public static int VectorsWorkspaceLength<T>(int m, int n, bool full, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = Math.Max(m, n), cols = Math.Min(m, n);
        return (rows * cols) + (cols * cols);
    }

    public static void Values<T>(ReadOnlyMatrixView<T> a, Span<T> s, Span<T> workspace, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, k = Math.Min(m, n);
        var u = new MatrixView<T>(workspace, m, k);
        var v = new MatrixView<T>(workspace[(m * k)..], n, k);
        Vectors(a, u, s, v, workspace[((m * k) + (n * k))..], false, options);
    }

    public static void Vectors<T>(ReadOnlyMatrixView<T> a, MatrixView<T> u, Span<T> s, MatrixView<T> v, Span<T> workspace, bool full, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SvdInput.RequireFinite(a, nameof(a));
        int m = a.Rows, n = a.Cols, k = Math.Min(m, n);
        bool transposed = m < n;
        int rows = Math.Max(m, n);
        var w = new MatrixView<T>(workspace, rows, k);
        var right = new MatrixView<T>(workspace[(rows * k)..], k, k);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < k; j++)
            {
                w[i, j] = transposed ? a[j, i] : a[i, j];
            }
        }

        right.Clear();
        for (int i = 0; i < k; i++)
        {
            right[i, i] = T.One;
        }

        T eps = MachineConstants<T>.Ulp;
        for (int sweep = 0; sweep < 80; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < k - 1; p++)
            {
                for (int q = p + 1; q < k; q++)
                {
                    T alpha = T.Zero, beta = T.Zero, gamma = T.Zero;
                    for (int i = 0; i < rows; i++)
                    {
                        alpha += w[i, p] * w[i, p];
                        beta += w[i, q] * w[i, q];
                        gamma += w[i, p] * w[i, q];
                    }

                    if (T.Abs(gamma) <= eps * T.Sqrt(alpha * beta))
                    {
                        continue;
                    }

                    rotated = true;
                    T zeta = (beta - alpha) / (gamma + gamma);
                    T t = T.CopySign(T.One, zeta) / (T.Abs(zeta) + T.Sqrt(T.One + (zeta * zeta)));
                    T c = T.One / T.Sqrt(T.One + (t * t));
                    T sn = c * t;
                    for (int i = 0; i < rows; i++)
                    {
                        T x = w[i, p], y = w[i, q];
                        w[i, p] = (c * x) - (sn * y);
                        w[i, q] = (sn * x) + (c * y);
                    }

                    for (int i = 0; i < k; i++)
                    {
                        T x = right[i, p], y = right[i, q];
                        right[i, p] = (c * x) - (sn * y);
                        right[i, q] = (sn * x) + (c * y);
                    }
                }
            }

            if (!rotated)
            {
                break;
            }
        }

        int[] order = new int[k];
        T[] norms = new T[k];
        for (int j = 0; j < k; j++)
        {
            T sum = T.Zero;
            for (int i = 0; i < rows; i++)
            {
                sum += w[i, j] * w[i, j];
            }

            norms[j] = T.Sqrt(sum);
            order[j] = j;
        }

        Array.Sort(order, (x, y) => norms[y].CompareTo(norms[x]));
        MatrixView<T> left = transposed ? v : u, rightOut = transposed ? u : v;
        left.Clear();
        rightOut.Clear();
        for (int jj = 0; jj < k; jj++)
        {
            int j = order[jj];
            s[jj] = norms[j];
            for (int i = 0; i < rows; i++)
            {
                left[i, jj] = norms[j] > T.Zero ? w[i, j] / norms[j] : T.Zero;
            }

            for (int i = 0; i < k; i++)
            {
                rightOut[i, jj] = right[i, j];
            }
        }

        _ = full;
    }
}
