// BidiagonalFactors: the orthogonal factors Q = H₀⋯H_{N−1} and P = G₀⋯G_{N−2} of a reduction A = Q·B·Pᵀ stored as
// Bidiagonalization leaves it, formed explicitly (LAPACK dorgbr 'Q' / 'P') or applied to vectors (dormbr): one at a
// time for a few right-hand sides, by block reflectors for a square matrix of them.
// The left reflectors sit exactly where QR keeps them, so HouseholderQr does the work. The right reflector Gᵢ acts
// on coordinates i+1 … N−1 with its vector in row i from column i+1: viewed through OrientedMatrix as the transpose
// of A[0:N−1, 1:N], these are the reflectors of a QR of an (N−1)×(N−1) matrix, and P = 1 ⊕ (that QR's Q).
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class BidiagonalFactors
{
    /// <summary>
    /// dorgbr 'Q': overwrites the M×Nq block <paramref name="q"/> (its first N columns are the reduced M×N matrix) with
    /// the first Nq columns of Q.
    /// </summary>
    public static void FormLeft<T>(MatrixView<T> q, int n, ReadOnlySpan<T> tauq, SvdOptions options, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        HouseholderQr.FormQ(new OrientedMatrix<T>(q, transposed: false), n, tauq[..n], options, work);

    /// <summary>dorgbr 'P': writes P (N×N) into <paramref name="p"/> from the right reflectors of the reduced M×N matrix <paramref name="a"/>.</summary>
    public static void FormRight<T>(ReadOnlyMatrixView<T> a, ReadOnlySpan<T> taup, MatrixView<T> p, SvdOptions options, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Cols;
        p.Clear();
        p[0, 0] = T.One;
        if (n == 1)
        {
            return;
        }

        // Lay the right reflectors out as the columns of an (N−1)×(N−1) QR factor in p[1:, 1:]: reflector i (row i of
        // a, from column i+1) becomes column i from row i. One blocked transposed copy of a[0:N−1, 1:N]: what lands
        // on and above the diagonal is not a reflector entry and is overwritten as Q is formed.
        MatrixView<T> inner = p.Slice(1, 1, n - 1, n - 1);
        Transposition.Copy(a.Slice(0, 1, n - 1, n - 1), inner);

        HouseholderQr.FormQ(new OrientedMatrix<T>(inner, transposed: false), n - 1, taup[..(n - 1)], options, work);
    }

    /// <summary>dormbr 'Q','L','T': G ← Qᵀ·G for the M×r vectors G.</summary>
    public static void ApplyLeftTranspose<T>(MatrixView<T> a, ReadOnlySpan<T> tauq, MatrixView<T> g, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        HouseholderQr.ApplyTransposeToVectors(new OrientedMatrix<T>(a, transposed: false), a.Cols, tauq, g, work);

    /// <summary>dormbr 'Q','L','N': G ← Q·G for the M×r vectors G (Q's first N columns act; G's rows N… enter as given).</summary>
    public static void ApplyLeft<T>(MatrixView<T> a, ReadOnlySpan<T> tauq, MatrixView<T> g, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        HouseholderQr.ApplyToVectors(new OrientedMatrix<T>(a, transposed: false), a.Cols, tauq, g, work);

    /// <summary>dormbr 'P','L','T': G ← Pᵀ·G for the N×r vectors G.</summary>
    public static void ApplyRightTranspose<T>(MatrixView<T> a, ReadOnlySpan<T> taup, MatrixView<T> g, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Cols;
        if (n > 1)
        {
            HouseholderQr.ApplyTransposeToVectors(RightReflectors(a), n - 1, taup, g.SliceRows(1, n - 1), work);
        }
    }

    /// <summary>dormbr 'P','L','N': G ← P·G for the N×r vectors G.</summary>
    public static void ApplyRight<T>(MatrixView<T> a, ReadOnlySpan<T> taup, MatrixView<T> g, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Cols;
        if (n > 1)
        {
            HouseholderQr.ApplyToVectors(RightReflectors(a), n - 1, taup, g.SliceRows(1, n - 1), work);
        }
    }

    /// <summary>dormbr 'Q','L','N', blocked: C ← Q·C for the M×nc matrix C, Q's block reflectors applied by gemm.</summary>
    public static void ApplyLeftBlocked<T>(MatrixView<T> a, ReadOnlySpan<T> tauq, MatrixView<T> c, SvdOptions options, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        HouseholderQr.Apply(new OrientedMatrix<T>(a, transposed: false), a.Cols, tauq, c, options, work);

    /// <summary>dormbr 'P','L','N', blocked: C ← P·C for the N×nc matrix C (its row 0 is left as it is, P = 1 ⊕ Q′).</summary>
    public static void ApplyRightBlocked<T>(MatrixView<T> a, ReadOnlySpan<T> taup, MatrixView<T> c, SvdOptions options, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Cols;
        if (n > 1)
        {
            HouseholderQr.Apply(RightReflectors(a), n - 1, taup, c.SliceRows(1, n - 1), options, work);
        }
    }

    private static OrientedMatrix<T> RightReflectors<T>(MatrixView<T> a)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(a.Slice(0, 1, a.Cols - 1, a.Cols - 1), transposed: true);
}
