// DivideAndConquerLeaf: the SVD of one leaf of the divide-and-conquer tree, an n×(n + sqre) upper bidiagonal block
// (sqre ∈ {0, 1}; with sqre = 1 its last column holds only e[n − 1]), with its vectors.
//     B_leaf = U·[diag(σ) 0]·Vᵀ,   U n×n,   V (n + sqre)×(n + sqre), V's last column spanning B_leaf's null space.
// Reference: LAPACK dlasdq as dlasd0 calls it on the leaves. With sqre = 1 the extra column is first rotated away from
// the right (our own chase, bottom to top, which keeps the block upper bidiagonal: the rotation of columns (j, n)
// that zeroes the fill in row j moves the fill one row up), then the square block goes to the bidiagonal QR
// (BidiagonalQr, dbdsqr's algorithm) with the rotations applied straight to the rows of Uᵀ and Vᵀ (RowRotationSink).
// Negative σ are made positive by negating the matching right vector. Storage: Uᵀ and Vᵀ, one vector per row.
// Invariants: on return d ≥ 0 (in no particular order), e[0 … n − 2 + sqre] = 0, and rows of ut and vt orthonormal.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class DivideAndConquerLeaf
{
    /// <summary>Scratch for a leaf of up to <paramref name="n"/> rows.</summary>
    public static int WorkspaceLength(int n) => BidiagonalQr.WorkspaceLength(n);

    /// <summary>
    /// Decomposes the leaf whose diagonal is <paramref name="d"/> (n) and superdiagonal <paramref name="e"/>
    /// (n − 1 + sqre); <paramref name="ut"/> (n×n) and <paramref name="vt"/> ((n + sqre)×(n + sqre)) are set to
    /// Uᵀ and Vᵀ.
    /// </summary>
    public static void Solve<T>(Span<T> d, Span<T> e, int sqre, MatrixView<T> ut, MatrixView<T> vt, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        SetIdentity(ut);
        SetIdentity(vt);
        if (sqre == 1)
        {
            // Fill f starts as e[n − 1] at (n − 1, n); the rotation of columns (j, n) maps row j's (d[j], f) to
            // (r, 0) and row j − 1's (e[j − 1], 0) to (c·e[j − 1], −s·e[j − 1]).
            T fill = e[n - 1];
            e[n - 1] = T.Zero;
            for (int j = n - 1; j >= 0 && fill != T.Zero; j--)
            {
                GivensRotation.Generate(d[j], fill, out T c, out T s, out T r);
                d[j] = r;
                Blas.Rot(vt.Row(j), vt.Row(n), c, s);
                if (j > 0)
                {
                    fill = -(s * e[j - 1]);
                    e[j - 1] = c * e[j - 1];
                }
            }
        }

        var sink = new RowRotationSink<T>(ut, vt);
        BidiagonalQr.Diagonalize(d, e[..Math.Max(n - 1, 0)], ref sink, workspace);
        for (int i = 0; i < n; i++)
        {
            if (d[i] < T.Zero)
            {
                d[i] = -d[i];
                Span<T> row = vt.Row(i);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = -row[j];
                }
            }
        }
    }

    private static void SetIdentity<T>(MatrixView<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        a.Clear();
        for (int i = 0; i < a.Rows; i++)
        {
            a[i, i] = T.One;
        }
    }
}
