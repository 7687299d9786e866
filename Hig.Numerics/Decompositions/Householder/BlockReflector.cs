// BlockReflector: the compact-WY form of a product of Householder reflectors (Schreiber & Van Loan 1989; Golub &
// Van Loan 4th ed. §5.1.7; LAPACK dlarft 'Forward','Columnwise' and dlarfb 'Left'):
//     H₀·H₁·⋯·H_{p−1} = I − V·T·Vᵀ,
// with V the len×p unit lower trapezoidal matrix of reflector vectors and T p×p upper triangular. Applying the
// block costs two gemm calls (W = Vᵀ·C, C −= V·(op(T)·W)), which is where the blocked QR and the forming of Q get
// their speed. Here V is held transposed as Vt (p×len, one reflector per contiguous row, with its explicit zeros
// and unit), built from the factored matrix by Gather.
// Invariants: T[i,i] = τᵢ; T[0:i, i] = −τᵢ·T[0:i,0:i]·(V[:,0:i]ᵀ·vᵢ); a reflector with τ = 0 contributes nothing.
// VᵀV is formed by a small dot-product kernel over Vt's contiguous rows, upper triangle only, skipping the known
// zeros left of each unit (about half the flops of a general gemm, and no packing); each column of T is then a set of
// dot products of T's rows with a contiguous copy of VᵀV's column (dlarft's dtrmv, vectorized along rows). Gather
// takes the reflectors of a row-major factored matrix (one per column) with one blocked transposed copy.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        if (l.Transposed)
        {
            // Reflector r is row first + r of the storage, already contiguous.
            for (int r = 0; r < p; r++)
            {
                int col = first + r;
                l.Storage.Row(col).Slice(col + 1, len - r - 1).CopyTo(vt.Row(r)[(r + 1)..]);
            }
        }
        else
        {
            // Reflector r is column first + r of the storage: one blocked transposed copy of the p columns (the
            // entries at and left of each unit are overwritten below).
            Transposition.Copy<T>(l.Storage.Slice(first, first, len, p), vt);
        }

        for (int r = 0; r < p; r++)
        {
            Span<T> row = vt.Row(r);
            row[..r].Clear();
            row[r] = T.One;
        }
    }

    /// <summary>
    /// dlarft: the upper triangular T (p×p) of I − V·T·Vᵀ from Vt and the τ's. <paramref name="gram"/> is p×p scratch
    /// (VᵀV in its upper triangle, copies of its columns in the strict lower triangle).
    /// </summary>
    public static void FormT<T>(ReadOnlyMatrixView<T> vt, ReadOnlySpan<T> tau, MatrixView<T> t, MatrixView<T> gram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = vt.Rows;
        UpperGram(vt, gram); // gram = VᵀV on and above the diagonal, the only part read below
        t.Clear();
        for (int i = 0; i < p; i++)
        {
            T ti = tau[i];
            t[i, i] = ti;
            if (ti == T.Zero)
            {
                continue; // H_i = I: its column of T stays zero
            }

            // T[0:i, i] = −τᵢ · T[0:i, 0:i] · gram[0:i, i], upper triangular times vector: each entry is a dot product
            // of a row of T with the column gram[r:i, i], which is first copied into row i of gram, left of the
            // diagonal (gram's strictly lower part is free), so both operands are contiguous.
            Span<T> column = gram.Row(i)[..i];
            for (int q = 0; q < i; q++)
            {
                column[q] = gram[q, i];
            }

            for (int r = 0; r < i; r++)
            {
                t[r, i] = -ti * Blas.DotUnchecked(ref t.Row(r)[r], ref column[r], i - r);
            }
        }
    }

    /// <summary>
    /// gram[i, j] = Σ_c Vt[i, c]·Vt[j, c] for j ≥ i (entries below the diagonal of 4×4 blocks are not written, or hold
    /// the symmetric value). Row j of Vt is zero left of column j, so block (i0, j0) sums over columns j0 … only. The
    /// rows are contiguous, so 4×4 blocks of dot products are formed straight from them (no packing, about half the
    /// flops of a general gemm for VᵀV).
    /// </summary>
    private static void UpperGram<T>(ReadOnlyMatrixView<T> vt, MatrixView<T> gram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = vt.Rows, len = vt.Cols;
        int full = p / 4 * 4;
        for (int i0 = 0; i0 < full; i0 += 4)
        {
            for (int j0 = i0; j0 < full; j0 += 4)
            {
                if (CodePath.VectorRegisters >= 32)
                {
                    DotBlock4x4(vt, i0, j0, len - j0, gram);
                }
                else
                {
                    // 16 registers: the 4×4 block's 16 accumulators, 4 loaded rows and 1 operand would spill.
                    DotBlock2x4(vt, i0, j0, len - j0, gram);
                    DotBlock2x4(vt, i0 + 2, j0, len - j0, gram);
                }
            }
        }

        // Rows or columns past the last full block of four: single dot products.
        for (int i = 0; i < p; i++)
        {
            for (int j = Math.Max(i, full); j < p; j++)
            {
                gram[i, j] = Blas.DotUnchecked(ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(i)), j), ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j)), j), len - j);
            }
        }
    }

    /// <summary>
    /// The upper two rows of <see cref="DotBlock4x4"/>'s block (a &lt; 2), for 16 vector registers: eight accumulators,
    /// six loads per step. Each entry is summed exactly as there (same vector lanes, same reduction, same tail), so the
    /// two block shapes give the same bits.
    /// </summary>
    private static void DotBlock2x4<T>(ReadOnlyMatrixView<T> vt, int i0, int j0, int n, MatrixView<T> gram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T a0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(i0)), j0);
        ref T a1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(i0 + 1)), j0);
        ref T b0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j0)), j0);
        ref T b1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j0 + 1)), j0);
        ref T b2 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j0 + 2)), j0);
        ref T b3 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j0 + 3)), j0);
        Span<T> sums = stackalloc T[8];
        sums.Clear();
        int c = 0, width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            Vector<T> s00 = Vector<T>.Zero, s01 = Vector<T>.Zero, s02 = Vector<T>.Zero, s03 = Vector<T>.Zero;
            Vector<T> s10 = Vector<T>.Zero, s11 = Vector<T>.Zero, s12 = Vector<T>.Zero, s13 = Vector<T>.Zero;
            for (; c <= n - width; c += width)
            {
                Vector<T> y0 = Vector.LoadUnsafe(ref b0, (nuint)c), y1 = Vector.LoadUnsafe(ref b1, (nuint)c);
                Vector<T> y2 = Vector.LoadUnsafe(ref b2, (nuint)c), y3 = Vector.LoadUnsafe(ref b3, (nuint)c);
                Vector<T> x = Vector.LoadUnsafe(ref a0, (nuint)c);
                s00 = VectorMath.MultiplyAdd(x, y0, s00);
                s01 = VectorMath.MultiplyAdd(x, y1, s01);
                s02 = VectorMath.MultiplyAdd(x, y2, s02);
                s03 = VectorMath.MultiplyAdd(x, y3, s03);
                x = Vector.LoadUnsafe(ref a1, (nuint)c);
                s10 = VectorMath.MultiplyAdd(x, y0, s10);
                s11 = VectorMath.MultiplyAdd(x, y1, s11);
                s12 = VectorMath.MultiplyAdd(x, y2, s12);
                s13 = VectorMath.MultiplyAdd(x, y3, s13);
            }

            sums[0] = Vector.Sum(s00);
            sums[1] = Vector.Sum(s01);
            sums[2] = Vector.Sum(s02);
            sums[3] = Vector.Sum(s03);
            sums[4] = Vector.Sum(s10);
            sums[5] = Vector.Sum(s11);
            sums[6] = Vector.Sum(s12);
            sums[7] = Vector.Sum(s13);
        }

        for (; c < n; c++)
        {
            T y0 = Unsafe.Add(ref b0, c), y1 = Unsafe.Add(ref b1, c), y2 = Unsafe.Add(ref b2, c), y3 = Unsafe.Add(ref b3, c);
            T x0 = Unsafe.Add(ref a0, c), x1 = Unsafe.Add(ref a1, c);
            sums[0] = Arithmetic.MultiplyAdd(x0, y0, sums[0]);
            sums[1] = Arithmetic.MultiplyAdd(x0, y1, sums[1]);
            sums[2] = Arithmetic.MultiplyAdd(x0, y2, sums[2]);
            sums[3] = Arithmetic.MultiplyAdd(x0, y3, sums[3]);
            sums[4] = Arithmetic.MultiplyAdd(x1, y0, sums[4]);
            sums[5] = Arithmetic.MultiplyAdd(x1, y1, sums[5]);
            sums[6] = Arithmetic.MultiplyAdd(x1, y2, sums[6]);
            sums[7] = Arithmetic.MultiplyAdd(x1, y3, sums[7]);
        }

        for (int q = 0; q < 8; q++)
        {
            gram[i0 + (q / 4), j0 + (q % 4)] = sums[q];
        }
    }

    /// <summary>gram[i0 + a, j0 + b] = Vt[i0 + a, j0:]·Vt[j0 + b, j0:] for a, b &lt; 4: sixteen accumulators, eight loads per step.</summary>
    private static void DotBlock4x4<T>(ReadOnlyMatrixView<T> vt, int i0, int j0, int n, MatrixView<T> gram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T a0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(i0)), j0);
        ref T a1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(i0 + 1)), j0);
        ref T a2 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(i0 + 2)), j0);
        ref T a3 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(i0 + 3)), j0);
        ref T b0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j0)), j0);
        ref T b1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j0 + 1)), j0);
        ref T b2 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j0 + 2)), j0);
        ref T b3 = ref Unsafe.Add(ref MemoryMarshal.GetReference(vt.Row(j0 + 3)), j0);
        Span<T> sums = stackalloc T[16];
        sums.Clear();
        int c = 0, width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            Vector<T> s00 = Vector<T>.Zero, s01 = Vector<T>.Zero, s02 = Vector<T>.Zero, s03 = Vector<T>.Zero;
            Vector<T> s10 = Vector<T>.Zero, s11 = Vector<T>.Zero, s12 = Vector<T>.Zero, s13 = Vector<T>.Zero;
            Vector<T> s20 = Vector<T>.Zero, s21 = Vector<T>.Zero, s22 = Vector<T>.Zero, s23 = Vector<T>.Zero;
            Vector<T> s30 = Vector<T>.Zero, s31 = Vector<T>.Zero, s32 = Vector<T>.Zero, s33 = Vector<T>.Zero;
            for (; c <= n - width; c += width)
            {
                Vector<T> y0 = Vector.LoadUnsafe(ref b0, (nuint)c), y1 = Vector.LoadUnsafe(ref b1, (nuint)c);
                Vector<T> y2 = Vector.LoadUnsafe(ref b2, (nuint)c), y3 = Vector.LoadUnsafe(ref b3, (nuint)c);
                Vector<T> x = Vector.LoadUnsafe(ref a0, (nuint)c);
                s00 = VectorMath.MultiplyAdd(x, y0, s00);
                s01 = VectorMath.MultiplyAdd(x, y1, s01);
                s02 = VectorMath.MultiplyAdd(x, y2, s02);
                s03 = VectorMath.MultiplyAdd(x, y3, s03);
                x = Vector.LoadUnsafe(ref a1, (nuint)c);
                s10 = VectorMath.MultiplyAdd(x, y0, s10);
                s11 = VectorMath.MultiplyAdd(x, y1, s11);
                s12 = VectorMath.MultiplyAdd(x, y2, s12);
                s13 = VectorMath.MultiplyAdd(x, y3, s13);
                x = Vector.LoadUnsafe(ref a2, (nuint)c);
                s20 = VectorMath.MultiplyAdd(x, y0, s20);
                s21 = VectorMath.MultiplyAdd(x, y1, s21);
                s22 = VectorMath.MultiplyAdd(x, y2, s22);
                s23 = VectorMath.MultiplyAdd(x, y3, s23);
                x = Vector.LoadUnsafe(ref a3, (nuint)c);
                s30 = VectorMath.MultiplyAdd(x, y0, s30);
                s31 = VectorMath.MultiplyAdd(x, y1, s31);
                s32 = VectorMath.MultiplyAdd(x, y2, s32);
                s33 = VectorMath.MultiplyAdd(x, y3, s33);
            }

            sums[0] = Vector.Sum(s00);
            sums[1] = Vector.Sum(s01);
            sums[2] = Vector.Sum(s02);
            sums[3] = Vector.Sum(s03);
            sums[4] = Vector.Sum(s10);
            sums[5] = Vector.Sum(s11);
            sums[6] = Vector.Sum(s12);
            sums[7] = Vector.Sum(s13);
            sums[8] = Vector.Sum(s20);
            sums[9] = Vector.Sum(s21);
            sums[10] = Vector.Sum(s22);
            sums[11] = Vector.Sum(s23);
            sums[12] = Vector.Sum(s30);
            sums[13] = Vector.Sum(s31);
            sums[14] = Vector.Sum(s32);
            sums[15] = Vector.Sum(s33);
        }

        for (; c < n; c++)
        {
            T y0 = Unsafe.Add(ref b0, c), y1 = Unsafe.Add(ref b1, c), y2 = Unsafe.Add(ref b2, c), y3 = Unsafe.Add(ref b3, c);
            T x0 = Unsafe.Add(ref a0, c), x1 = Unsafe.Add(ref a1, c), x2 = Unsafe.Add(ref a2, c), x3 = Unsafe.Add(ref a3, c);
            sums[0] = Arithmetic.MultiplyAdd(x0, y0, sums[0]);
            sums[1] = Arithmetic.MultiplyAdd(x0, y1, sums[1]);
            sums[2] = Arithmetic.MultiplyAdd(x0, y2, sums[2]);
            sums[3] = Arithmetic.MultiplyAdd(x0, y3, sums[3]);
            sums[4] = Arithmetic.MultiplyAdd(x1, y0, sums[4]);
            sums[5] = Arithmetic.MultiplyAdd(x1, y1, sums[5]);
            sums[6] = Arithmetic.MultiplyAdd(x1, y2, sums[6]);
            sums[7] = Arithmetic.MultiplyAdd(x1, y3, sums[7]);
            sums[8] = Arithmetic.MultiplyAdd(x2, y0, sums[8]);
            sums[9] = Arithmetic.MultiplyAdd(x2, y1, sums[9]);
            sums[10] = Arithmetic.MultiplyAdd(x2, y2, sums[10]);
            sums[11] = Arithmetic.MultiplyAdd(x2, y3, sums[11]);
            sums[12] = Arithmetic.MultiplyAdd(x3, y0, sums[12]);
            sums[13] = Arithmetic.MultiplyAdd(x3, y1, sums[13]);
            sums[14] = Arithmetic.MultiplyAdd(x3, y2, sums[14]);
            sums[15] = Arithmetic.MultiplyAdd(x3, y3, sums[15]);
        }

        for (int q = 0; q < 16; q++)
        {
            gram[i0 + (q / 4), j0 + (q % 4)] = sums[q];
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
