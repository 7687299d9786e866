// HouseholderQr: QR factorization L = Q·R of a logical M×N matrix by Householder reflectors, blocked in compact-WY
// form, and the operations on its orthogonal factor Q = H₀·H₁·⋯·H_{k−1} (k = min(M, N)).
// References: Golub & Van Loan 4th ed. §5.2.2 (Alg. 5.2.1) and §5.2.3 (block Householder QR); LAPACK dgeqr2/dgeqrf
// (factor), dorg2r/dorgqr (form Q), dorm2r (apply Q or Qᵀ to a few vectors) and dormqr (apply Q to a matrix, by
// blocks). Through OrientedMatrix the same code is the LQ factorization of a wide row-major A (QR of Aᵀ, dgelqf):
// the reflectors then run along A's contiguous rows.
//
// Storage (as LAPACK): R on and above the diagonal of L, reflector vᵢ below the diagonal of column i (vᵢ(i) = 1
// implicit), τᵢ in tau. Blocked: panels of nb columns are factored unblocked, then the trailing columns are
// updated with one block reflector (two gemm calls), when N exceeds the crossover.
// Accuracy: backward stable, column-wise: the computed R is the exact R of L + δL with ‖δL e_j‖ ≤ c·M·N·ε·‖L e_j‖
// (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., Thm 19.4); Q is orthogonal to working precision.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class HouseholderQr
{
    /// <summary>Scratch that <see cref="Factor"/>, <see cref="FormQ"/> and the apply methods need for a logical M×N (or M×Nq) matrix.</summary>
    public static int WorkspaceLength(int rows, int cols, int blockSize) =>
        (blockSize * (rows + 32)) + (blockSize * rows) + (2 * blockSize * blockSize) + (blockSize * cols) + rows + cols;

    /// <summary>Panels wider than this are themselves factored blocked, with this inner block size (two-level blocking).</summary>
    private const int InnerBlock = 16;

    /// <summary>
    /// Panels with fewer elements than this are factored unblocked: gemm calls on tiny blocks cost more than they save.
    /// 2¹³ (was 2¹⁵): forming the bidiagonal factors of 256×256 and 512×512 took 0.91–0.94 of the time, measured alone.
    /// </summary>
    private const int InnerBlockedMinimum = 1 << 13;

    /// <summary>
    /// dgeqrf: factors <paramref name="l"/> in place; τ goes to <paramref name="tau"/> (length min(M, N)). When
    /// <paramref name="g"/> (M×r) is not empty it receives Qᵀ·G (the dgels/dgelss right-hand-side treatment): each
    /// reflector is applied to G right after it is generated, while it is still in cache, in the order H₀, H₁, …, so
    /// the arithmetic is that of <see cref="ApplyTransposeToVectors"/> after the factorization. When
    /// <paramref name="blockT"/> (<see cref="BlockTLength"/>) is not empty it keeps the T factor of every panel that
    /// updated trailing columns, for <see cref="Apply"/> to reuse instead of forming it again.
    /// </summary>
    public static void Factor<T>(OrientedMatrix<T> l, Span<T> tau, SvdOptions options, Span<T> work, MatrixView<T> g = default, Span<T> blockT = default)
        where T : unmanaged, IFloatingPointIeee754<T> => FactorBlocked(l, tau, options.BlockSize, work, g, blockT);

    /// <summary>Length of the panel T factors <see cref="Factor"/> can keep for k reflectors: one nb×nb block per panel.</summary>
    public static int BlockTLength(int reflectors, int blockSize)
    {
        int nb = Math.Max(1, Math.Min(blockSize, reflectors));
        return (reflectors + nb - 1) / nb * nb * nb;
    }

    /// <summary>Panel j's T factor (jb×jb) in the storage <see cref="Factor"/> keeps them in.</summary>
    private static MatrixView<T> StoredT<T>(Span<T> blockT, int j, int jb, int nb)
        where T : unmanaged, IFloatingPointIeee754<T> => new(blockT.Slice(j / nb * nb * nb, jb * jb), jb, jb);

    /// <summary>
    /// Blocked QR with panels of <paramref name="nb"/> columns. A panel is factored on a contiguous copy (see
    /// <see cref="ContiguousPanel"/>), itself blocked with <see cref="InnerBlock"/> when wider than that, so the
    /// panel's work is mostly gemm too; each panel then updates the trailing columns with one block reflector.
    /// </summary>
    private static void FactorBlocked<T>(OrientedMatrix<T> l, Span<T> tau, int nb, Span<T> work, MatrixView<T> g, Span<T> blockT = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = l.Rows, n = l.Cols, k = Math.Min(m, n);
        nb = Math.Max(1, Math.Min(nb, k));
        for (int j = 0; j < k; j += nb)
        {
            int jb = Math.Min(nb, k - j);
            OrientedMatrix<T> panel = l.Slice(j, j, m - j, jb);
            OrientedMatrix<T> contiguous = ContiguousPanel(panel, work, out Span<T> rest);
            MatrixView<T> gPanel = g.IsEmpty ? g : g.SliceRows(j, m - j);
            if (jb > InnerBlock && jb * (m - j) >= InnerBlockedMinimum)
            {
                FactorBlocked(contiguous, tau.Slice(j, jb), InnerBlock, rest, gPanel);
            }
            else
            {
                FactorUnblocked(contiguous, tau.Slice(j, jb), rest, gPanel);
            }

            RestorePanel(panel, contiguous);
            if (j + jb < n)
            {
                Scratch<T> s = new(work, jb, m - j, n - j - jb);
                BlockReflector.Gather(panel, 0, s.Vt);
                BlockReflector.FormT(s.Vt, tau.Slice(j, jb), s.TFactor, s.Gram);
                BlockReflector.ApplyLeft(s.Vt, s.TFactor, transposeT: true, l.Slice(j, j + jb, m - j, n - j - jb), s.W);
                if (!blockT.IsEmpty)
                {
                    s.TFactor.CopyTo(StoredT(blockT, j, jb, nb));
                }
            }
        }
    }

    /// <summary>
    /// dorgqr: overwrites the factored logical M×Nq matrix <paramref name="l"/> (its first <paramref name="reflectors"/>
    /// columns hold the reflectors; Nq ≥ reflectors) with the first Nq columns of Q = H₀⋯H_{k−1}.
    /// </summary>
    public static void FormQ<T>(OrientedMatrix<T> l, int reflectors, ReadOnlySpan<T> tau, SvdOptions options, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nq = l.Cols, m = l.Rows;
        for (int j = reflectors; j < nq; j++)
        {
            for (int i = 0; i < m; i++)
            {
                l[i, j] = i == j ? T.One : T.Zero;
            }
        }

        FormQBlocked(l, reflectors, tau, options.BlockSize, work);
    }

    /// <summary>
    /// Blocked dorgqr on a matrix whose columns past the reflectors already hold identity columns: panels of
    /// <paramref name="nb"/>, each formed on a contiguous copy (blocked again inside when wider than
    /// <see cref="InnerBlock"/>).
    /// </summary>
    private static void FormQBlocked<T>(OrientedMatrix<T> l, int k, ReadOnlySpan<T> tau, int nb, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = l.Rows, nq = l.Cols;
        nb = Math.Max(1, Math.Min(nb, k));

        // Backward accumulation by blocks (dorgqr): the block of reflectors j … j+jb−1 is applied to the columns
        // already formed to its right, then its own columns are formed unblocked.
        for (int j = (k - 1) / nb * nb; j >= 0; j -= nb)
        {
            int jb = Math.Min(nb, k - j);
            OrientedMatrix<T> panel = l.Slice(j, j, m - j, jb);
            if (j + jb < nq)
            {
                Scratch<T> s = new(work, jb, m - j, nq - j - jb);
                BlockReflector.Gather(panel, 0, s.Vt);
                BlockReflector.FormT(s.Vt, tau.Slice(j, jb), s.TFactor, s.Gram);
                BlockReflector.ApplyLeft(s.Vt, s.TFactor, transposeT: false, l.Slice(j, j + jb, m - j, nq - j - jb), s.W);
            }

            OrientedMatrix<T> contiguous = ContiguousPanel(panel, work, out Span<T> rest);
            if (jb > InnerBlock && jb * (m - j) >= InnerBlockedMinimum)
            {
                FormQBlocked(contiguous, jb, tau.Slice(j, jb), InnerBlock, rest);
            }
            else
            {
                FormQUnblocked(contiguous, jb, tau.Slice(j, jb), rest);
            }

            RestorePanel(panel, contiguous);
            ClearAbove(l, j, jb);
        }
    }

    /// <summary>Zeroes rows 0 … <paramref name="col"/>−1 of the logical columns col … col+width−1, a contiguous run per storage row.</summary>
    private static void ClearAbove<T>(OrientedMatrix<T> l, int col, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (l.Transposed)
        {
            for (int c = col; c < col + width; c++)
            {
                l.Storage.Row(c)[..col].Clear();
            }

            return;
        }

        for (int i = 0; i < col; i++)
        {
            l.Storage.Row(i).Slice(col, width).Clear();
        }
    }

    /// <summary>
    /// dormqr 'Left','No transpose', blocked: C ← Q·C for the M×Nc matrix <paramref name="c"/>, Q from the first
    /// <paramref name="reflectors"/> reflectors of the factored <paramref name="l"/>, applied as block reflectors of
    /// <see cref="SvdOptions.BlockSize"/> from the last block to the first (two gemm calls each). For C = [X; 0]
    /// with X k×Nc this is Q·[X; 0] = Q_thin·X in 4·M·k·Nc − 2·k²·Nc flops, without forming Q (which alone costs
    /// 4·M·k² − 4k³/3) and multiplying by it (2·M·k·Nc more). <paramref name="blockT"/>, when not empty, holds the
    /// T factors kept by <see cref="Factor"/> (same options, all min(M, N) reflectors): those panels' T is not formed
    /// again (the same bits: same reflectors, same arithmetic).
    /// </summary>
    public static void Apply<T>(OrientedMatrix<T> l, int reflectors, ReadOnlySpan<T> tau, MatrixView<T> c, SvdOptions options, Span<T> work, Span<T> blockT = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = l.Rows, nc = c.Cols;
        int nb = Math.Max(1, Math.Min(options.BlockSize, reflectors));
        for (int j = (reflectors - 1) / nb * nb; j >= 0; j -= nb)
        {
            int jb = Math.Min(nb, reflectors - j);
            Scratch<T> s = new(work, jb, m - j, nc);
            BlockReflector.Gather(l.Slice(j, j, m - j, jb), 0, s.Vt);
            MatrixView<T> t = s.TFactor;
            if (!blockT.IsEmpty && j + jb < l.Cols)
            {
                t = StoredT(blockT, j, jb, nb); // Factor kept it: this panel updated trailing columns
            }
            else
            {
                BlockReflector.FormT(s.Vt, tau.Slice(j, jb), t, s.Gram);
            }

            BlockReflector.ApplyLeft(s.Vt, t, transposeT: false, new OrientedMatrix<T>(c.SliceRows(j, m - j), transposed: false), s.W);
        }
    }

    /// <summary>dorm2r 'Left','Transpose': G ← Qᵀ·G for the M×r set of vectors G, Q from the first k reflectors of <paramref name="l"/>.</summary>
    public static void ApplyTransposeToVectors<T>(OrientedMatrix<T> l, int reflectors, ReadOnlySpan<T> tau, MatrixView<T> g, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < reflectors; i++)
        {
            ApplyOneToVectors(l, i, tau[i], g, work);
        }
    }

    /// <summary>dorm2r 'Left','No transpose': G ← Q·G for the M×r set of vectors G.</summary>
    public static void ApplyToVectors<T>(OrientedMatrix<T> l, int reflectors, ReadOnlySpan<T> tau, MatrixView<T> g, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = reflectors - 1; i >= 0; i--)
        {
            ApplyOneToVectors(l, i, tau[i], g, work);
        }
    }

    private static void ApplyOneToVectors<T>(OrientedMatrix<T> l, int i, T tau, MatrixView<T> g, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero)
        {
            return;
        }

        int len = l.Rows - i;
        Span<T> v = work[..len];
        l.CopyColumn(i, i, v);
        v[0] = T.One;
        HouseholderReflector.ApplyToVectors(tau, v, g.SliceRows(i, len), work.Slice(len, g.Cols));
    }

    /// <summary>
    /// The panel as a view whose columns are contiguous, for the level-2 panel stages: a panel of a non-transposed
    /// (row-major, column reflectors) matrix is copied transposed into the start of <paramref name="work"/> and viewed
    /// through a transposed OrientedMatrix — every reflector then runs along a contiguous row, so its dot products
    /// and updates stream. A panel of transposed storage is returned as is. <paramref name="rest"/> is the scratch
    /// left for the stage; <see cref="RestorePanel"/> copies the result back.
    /// </summary>
    private static OrientedMatrix<T> ContiguousPanel<T>(OrientedMatrix<T> panel, Span<T> work, out Span<T> rest)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (panel.Transposed || panel.Cols <= 1)
        {
            rest = work;
            return panel;
        }

        int len = panel.Rows, width = panel.Cols;
        var copy = new MatrixView<T>(work[..Transposition.PaddedLength<T>(width, len)], width, len, Transposition.PaddedStride<T>(len));
        Transposition.Copy<T>(panel.Storage, copy);
        rest = work[Transposition.PaddedLength<T>(width, len)..];
        return new OrientedMatrix<T>(copy, transposed: true);
    }

    /// <summary>Copies a panel processed by <see cref="ContiguousPanel"/> back, when it was a copy.</summary>
    private static void RestorePanel<T>(OrientedMatrix<T> panel, OrientedMatrix<T> contiguous)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!panel.Transposed && contiguous.Transposed)
        {
            Transposition.Copy<T>(contiguous.Storage, panel.Storage);
        }
    }

    /// <summary>dgeqr2: the unblocked factorization, one reflector at a time (level 2); G ← Hᵢ·G for each when G is not empty.</summary>
    private static void FactorUnblocked<T>(OrientedMatrix<T> l, Span<T> tau, Span<T> work, MatrixView<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = l.Rows, n = l.Cols, k = Math.Min(m, n);
        for (int i = 0; i < k; i++)
        {
            int len = m - i;
            Span<T> v = work[..len];
            l.CopyColumn(i, i, v);
            tau[i] = HouseholderReflector.Generate(ref v[0], v[1..]);
            T beta = v[0];
            v[0] = T.One;
            if (i < n - 1)
            {
                HouseholderReflector.ApplyLeft(tau[i], v, l.Slice(i, i + 1, len, n - i - 1), work.Slice(len, n - i - 1));
            }

            if (!g.IsEmpty)
            {
                HouseholderReflector.ApplyToVectors(tau[i], v, g.SliceRows(i, len), work.Slice(len, g.Cols));
            }

            v[0] = beta;

            l.WriteColumn(i, i, v);
        }
    }

    /// <summary>dorg2r: forms Q from k reflectors in place; columns k … are expected to be identity columns already.</summary>
    private static void FormQUnblocked<T>(OrientedMatrix<T> l, int k, ReadOnlySpan<T> tau, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = l.Rows, nq = l.Cols;
        for (int i = k - 1; i >= 0; i--)
        {
            int len = m - i;
            Span<T> v = work[..len];
            l.CopyColumn(i, i, v);
            v[0] = T.One;
            if (i < nq - 1)
            {
                HouseholderReflector.ApplyLeft(tau[i], v, l.Slice(i, i + 1, len, nq - i - 1), work.Slice(len, nq - i - 1));
            }

            // Column i of Q = H_i·e_i = e_i − τᵢ·vᵢ (rows i …), zero above.
            for (int r = 1; r < len; r++)
            {
                v[r] = -tau[i] * v[r];
            }

            v[0] = T.One - tau[i];
            l.WriteColumn(i, i, v);
            for (int r = 0; r < i; r++)
            {
                l[r, i] = T.Zero;
            }
        }
    }

    /// <summary>The blocked stages' scratch carved from one span: Vt (p×len), T and its Gram matrix (p×p), W (p×nc).</summary>
    private readonly ref struct Scratch<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Scratch(Span<T> work, int p, int len, int nc)
        {
            Vt = new MatrixView<T>(work, p, len);
            work = work[(p * len)..];
            TFactor = new MatrixView<T>(work, p, p);
            work = work[(p * p)..];
            Gram = new MatrixView<T>(work, p, p);
            work = work[(p * p)..];
            W = new MatrixView<T>(work, p, nc);
        }

        public MatrixView<T> Vt { get; }

        public MatrixView<T> TFactor { get; }

        public MatrixView<T> Gram { get; }

        public MatrixView<T> W { get; }
    }
}
