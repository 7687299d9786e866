// BlockReflector: the compact-WY form of a product of Householder reflectors (Schreiber & Van Loan 1989; Golub &
// Van Loan 4th ed. §5.1.7; LAPACK dlarft 'Forward','Columnwise' and dlarfb 'Left'):
//     H₀·H₁·⋯·H_{p−1} = I − V·T·Vᵀ,
// with V the len×p unit lower trapezoidal matrix of reflector vectors and T p×p upper triangular. Applying the
// block costs two gemm calls (W = Vᵀ·C, C −= V·(op(T)·W)), which is where the blocked QR and the forming of Q get
// their speed. Here V is held transposed as Vt (p×len, one reflector per contiguous row, with its explicit zeros
// and unit), built from the factored matrix by Gather.
// Invariants: T[i,i] = τᵢ; T[0:i, i] = −τᵢ·T[0:i,0:i]·(V[:,0:i]ᵀ·vᵢ); a reflector with τ = 0 contributes nothing.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class BlockReflector
{
    /// <summary>
    /// Copies reflectors <paramref name="first"/> … first+p−1 of the factored logical matrix <paramref name="l"/>
    /// (reflector j lives in column j from row j + 1 down, unit at row j) into Vt (p × (Rows − first)).
    /// </summary>
    public static void Gather<T>(OrientedMatrix<T> l, int first, MatrixView<T> vt)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = vt.Rows, len = vt.Cols;
        vt.Clear();
        for (int r = 0; r < p; r++)
        {
            vt[r, r] = T.One;
        }

        if (l.Transposed)
        {
            for (int r = 0; r < p; r++)
            {
                int col = first + r;
                l.Storage.Row(col).Slice(col + 1, len - r - 1).CopyTo(vt.Row(r)[(r + 1)..]);
            }

            return;
        }

        for (int c = 1; c < len; c++)
        {
            Span<T> row = l.Storage.Row(first + c);
            int upto = Math.Min(c, p);
            for (int r = 0; r < upto; r++)
            {
                vt[r, c] = row[first + r];
            }
        }
    }

    /// <summary>dlarft: the upper triangular T (p×p) of I − V·T·Vᵀ from Vt and the τ's. <paramref name="gram"/> is p×p scratch.</summary>
    public static void FormT<T>(ReadOnlyMatrixView<T> vt, ReadOnlySpan<T> tau, MatrixView<T> t, MatrixView<T> gram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = vt.Rows;
        Blas.Gemm(Transpose.No, Transpose.Yes, T.One, vt, vt, T.Zero, gram); // gram = VᵀV
        t.Clear();
        for (int i = 0; i < p; i++)
        {
            T ti = tau[i];
            t[i, i] = ti;
            if (ti == T.Zero)
            {
                continue; // H_i = I: its column of T stays zero
            }

            // T[0:i, i] = −τᵢ · T[0:i, 0:i] · gram[0:i, i], upper triangular times vector, top row first.
            for (int r = 0; r < i; r++)
            {
                T sum = T.Zero;
                for (int q = r; q < i; q++)
                {
                    sum = T.FusedMultiplyAdd(t[r, q], gram[q, i], sum);
                }

                t[r, i] = -ti * sum;
            }
        }
    }

    /// <summary>
    /// dlarfb 'Left': C ← (I − V·T·Vᵀ)·C, or with <paramref name="transposeT"/> C ← (I − V·Tᵀ·Vᵀ)·C (the transpose,
    /// i.e. H_{p−1}⋯H₀·C). C is the logical len×nc block; <paramref name="w"/> is p×nc scratch.
    /// </summary>
    public static void ApplyLeft<T>(ReadOnlyMatrixView<T> vt, ReadOnlyMatrixView<T> t, bool transposeT, OrientedMatrix<T> c, MatrixView<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (c.Cols == 0)
        {
            return;
        }

        c.LeftMultiply(vt, w);
        MultiplyTriangular(t, transposeT, w);
        c.SubtractTransposedProduct(vt, w);
    }

    /// <summary>W ← T·W or Tᵀ·W in place, T upper triangular (row operations ordered so each reads unmodified rows).</summary>
    private static void MultiplyTriangular<T>(ReadOnlyMatrixView<T> t, bool transposeT, MatrixView<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = t.Rows;
        if (!transposeT)
        {
            // Row i of T·W = Σ_{r ≥ i} T[i,r]·W[r,:]: top to bottom.
            for (int i = 0; i < p; i++)
            {
                Span<T> wi = w.Row(i);
                Blas.Scal(t[i, i], wi);
                for (int r = i + 1; r < p; r++)
                {
                    Blas.Axpy(t[i, r], w.Row(r), wi);
                }
            }

            return;
        }

        // Row i of Tᵀ·W = Σ_{r ≤ i} T[r,i]·W[r,:]: bottom to top.
        for (int i = p - 1; i >= 0; i--)
        {
            Span<T> wi = w.Row(i);
            Blas.Scal(t[i, i], wi);
            for (int r = 0; r < i; r++)
            {
                Blas.Axpy(t[r, i], w.Row(r), wi);
            }
        }
    }
}
