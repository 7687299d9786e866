// SvdDriver: the SVD pipeline behind Svd (docs/svd.md walks through it stage by stage).
//
//   1. SvdPreparation: reject NaN/±Inf, choose the power-of-two scaling, order rows and columns by norm, and write the
//      logical matrix L (A, or Aᵀ when m < n; M×N with M ≥ N) into the buffer that will end up holding U_L (or, on
//      the thin route with the QR pre-step, Lᵀ into the workspace, step 2).
//   2. If M ≥ ratio·N (SvdOptions.PreFactorizationRatio, default 1.6): Householder QR, L = Q·R, and only the N×N
//      factor R is bidiagonalized (dgesvd's "path with QR first"). The thin route holds Lᵀ (N×M, padded rows) in the
//      workspace for this, so the QR's reflectors run along contiguous rows, and writes U = Q·[U_R; 0] into the output
//      by applying Q's block reflectors (dormqr), without forming Q; the full route forms Q (M×M) in U itself and
//      multiplies it by U_R in place.
//   3. Golub-Kahan bidiagonalization (dgebrd), Q_B and P_B formed explicitly (dorgbr).
//   4. Bidiagonal QR (dbdsqr) with the rotations accumulated into Q_B and P_B in blocks (VectorAccumulator).
//   5. Signs fixed (σ ≥ 0), values sorted decreasing with their vectors, permutations and scaling undone.
// Values only skips the vectors. Without the QR pre-step, and on the full route, the U (or V) output doubles as the
// working copy of L, so the workspace is O(N²) there; the thin route with the QR pre-step and the values-only route
// need M·N.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class SvdDriver
{
    /// <summary>Elements of the scratch block through which U ← U·X is formed in place (rows = this / N, at least 64).</summary>
    private const int ProductElements = 1 << 15;

    public static bool UsesPreFactorization(int rows, int cols, SvdOptions options) =>
        rows >= options.PreFactorizationRatio * cols;

    public static int ValuesWorkspaceLength<T>(int m, int n, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var carver = WorkspaceCarver<T>.Measure();
        _ = new ValuesPlan<T>(ref carver, m, n, options);
        return carver.Used;
    }

    public static int VectorsWorkspaceLength<T>(int m, int n, bool full, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var carver = WorkspaceCarver<T>.Measure();
        _ = new VectorsPlan<T>(ref carver, m, n, full, options);
        return carver.Used;
    }

    public static void Values<T>(ReadOnlyMatrixView<T> a, Span<T> s, Span<T> workspace, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols;
        if (Math.Min(m, n) == 0)
        {
            return;
        }

        var carver = WorkspaceCarver<T>.Over(workspace);
        var plan = new ValuesPlan<T>(ref carver, m, n, options);
        int rows = plan.Rows, cols = plan.Cols;
        MatrixView<T> b;
        if (plan.PreFactorize)
        {
            // The QR runs on Lᵀ (N×M, padded rows) so that its reflectors run along contiguous rows, without the
            // per-panel transposed copies; no vectors are wanted, so the orders the preparation finds are not needed.
            var lt = new MatrixView<T>(plan.Buffer, cols, rows, Transposition.PaddedStride<T>(rows));
            plan.Preparation.LoadCopy(a, m >= n, lt, options.SortByNorm);
            var l = new OrientedMatrix<T>(lt, transposed: true);
            HouseholderQr.Factor(l, plan.Buffers.TauQr, options, plan.Stage);
            b = new MatrixView<T>(plan.R, cols, cols);
            UpperTriangleFromTransposed(lt, b);
        }
        else
        {
            b = new MatrixView<T>(plan.Buffer, rows, cols);
            plan.Preparation.LoadCopy(a, m < n, b, options.SortByNorm);
        }

        Bidiagonalization.Reduce(b, plan.Buffers.D, plan.Buffers.E, plan.Buffers.TauQ, plan.Buffers.TauP, options, plan.Stage);
        var sink = new NoRotations<T>();
        BidiagonalQr.Diagonalize(plan.Buffers.D, plan.Buffers.E[..(cols - 1)], ref sink, plan.Stage);
        for (int i = 0; i < cols; i++)
        {
            s[i] = T.Abs(plan.Buffers.D[i]);
        }

        s.Sort();
        s.Reverse();
        Unscale(s, plan.Preparation.Exponent);
    }

    public static void Vectors<T>(ReadOnlyMatrixView<T> a, MatrixView<T> u, Span<T> s, MatrixView<T> v, Span<T> workspace, bool full, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols;
        if (Math.Min(m, n) == 0)
        {
            SetIdentity(u);
            SetIdentity(v);
            return;
        }

        bool transposed = m < n;
        MatrixView<T> uL = transposed ? v : u; // receives the left vectors of L
        MatrixView<T> vL = transposed ? u : v; // receives the right vectors of L (N×N)
        var carver = WorkspaceCarver<T>.Over(workspace);
        var plan = new VectorsPlan<T>(ref carver, m, n, full, options);
        int rows = plan.Rows, cols = plan.Cols;
        if (plan.TransposedLoad)
        {
            ThinViaTransposedQr(a, uL, s, vL, ref plan, options);
            return;
        }

        MatrixView<T> work = uL.Slice(0, 0, rows, cols);
        plan.Preparation.LoadCopy(a, transposed, work, options.SortByNorm);

        MatrixView<T> left = work; // the matrix whose columns the left rotations act on
        if (plan.PreFactorize)
        {
            // Only the full route gets here with the QR pre-step (the thin one took ThinViaTransposedQr): Q is formed
            // M×M in U itself.
            HouseholderQr.Factor(new OrientedMatrix<T>(work, transposed: false), plan.Buffers.TauQr, options, plan.Stage);
            MatrixView<T> r = new(plan.R, cols, cols);
            work.Slice(0, 0, cols, cols).CopyTo(r);
            ClearBelowDiagonal(r);
            Bidiagonalization.Reduce(r, plan.Buffers.D, plan.Buffers.E, plan.Buffers.TauQ, plan.Buffers.TauP, options, plan.Stage);
            VectorStage(r, r, s, vL, ref plan, options);
            HouseholderQr.FormQ(new OrientedMatrix<T>(uL, transposed: false), cols, plan.Buffers.TauQr, options, plan.Stage);
            left = r;
        }
        else
        {
            Bidiagonalization.Reduce(work, plan.Buffers.D, plan.Buffers.E, plan.Buffers.TauQ, plan.Buffers.TauP, options, plan.Stage);
            VectorStage(work, full ? uL : work, s, vL, ref plan, options);
        }

        if (plan.PreFactorize)
        {
            MultiplyInPlace(work, left, plan.Stage);
        }

        if (plan.Preparation.RowsPermuted)
        {
            NormOrdering.ScatterRows(uL, plan.Preparation.RowOrder, plan.Stage);
        }

        if (plan.Preparation.ColsPermuted)
        {
            NormOrdering.ScatterRows(vL, plan.Preparation.ColOrder, plan.Stage);
        }
    }

    /// <summary>
    /// The thin route with the QR pre-step: Lᵀ (N×M) is loaded into the padded workspace buffer, factored there (the
    /// reflectors along its contiguous rows), R's SVD is found in N×N buffers, and U_L = Q·[U_R; 0] is written by
    /// applying Q's block reflectors to U_R padded with zero rows in the output (4·M·N² − 2·N³ flops, where forming Q
    /// and one gemm took 6·M·N² − 4N³/3). The preparation's orders refer to Lᵀ: its row order is
    /// L's column order (V's rows) and its column order is L's row order (U's rows).
    /// </summary>
    private static void ThinViaTransposedQr<T>(ReadOnlyMatrixView<T> a, MatrixView<T> uL, Span<T> s, MatrixView<T> vL, ref VectorsPlan<T> plan, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = plan.Rows, cols = plan.Cols;
        var lt = new MatrixView<T>(plan.Lt, cols, rows, Transposition.PaddedStride<T>(rows));
        plan.Preparation.LoadCopy(a, a.Rows >= a.Cols, lt, options.SortByNorm);
        var l = new OrientedMatrix<T>(lt, transposed: true);
        HouseholderQr.Factor(l, plan.Buffers.TauQr, options, plan.Stage, blockT: plan.BlockT);

        var r = new MatrixView<T>(plan.R, cols, cols);
        UpperTriangleFromTransposed(lt, r);
        Bidiagonalization.Reduce(r, plan.Buffers.D, plan.Buffers.E, plan.Buffers.TauQ, plan.Buffers.TauP, options, plan.Stage);
        VectorStage(r, r, s, vL, ref plan, options);
        MatrixView<T> u = uL.Slice(0, 0, rows, cols);
        r.CopyTo(u.SliceRows(0, cols));
        u.SliceRows(cols, rows - cols).Clear();
        HouseholderQr.Apply(l, cols, plan.Buffers.TauQr, u, options, plan.Stage, plan.BlockT);
        if (plan.Preparation.ColsPermuted)
        {
            NormOrdering.ScatterRows(uL, plan.Preparation.ColOrder, plan.Stage);
        }

        if (plan.Preparation.RowsPermuted)
        {
            NormOrdering.ScatterRows(vL, plan.Preparation.RowOrder, plan.Stage);
        }
    }

    /// <summary>Whether the vectors of an order-n bidiagonal come from divide and conquer (see <see cref="SvdOptions.Vectors"/>).</summary>
    internal static bool UsesDivideAndConquer(int n, SvdOptions options) =>
        options.Vectors == SvdVectorAlgorithm.DivideAndConquer && n > BidiagonalDivideAndConquer.DefaultLeafSize;

    /// <summary>
    /// The bidiagonal stage with vectors. <paramref name="reduced"/> (rows×N) holds the bidiagonalized matrix with its
    /// reflectors on entry and the left singular vectors of L (or of R) on return; <paramref name="formed"/> is where
    /// Q_B is formed when it is formed at all (<paramref name="reduced"/> itself, or on the full route the M×M U whose
    /// first N columns <paramref name="reduced"/> is); <paramref name="vL"/> receives V; <paramref name="s"/> the
    /// singular values, decreasing and unscaled.
    /// </summary>
    private static void VectorStage<T>(MatrixView<T> reduced, MatrixView<T> formed, Span<T> s, MatrixView<T> vL, ref VectorsPlan<T> plan, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = plan.Cols;
        if (!UsesDivideAndConquer(cols, options))
        {
            BidiagonalFactors.FormRight(reduced, plan.Buffers.TauP, vL, options, plan.Stage);
            BidiagonalFactors.FormLeft(formed, cols, plan.Buffers.TauQ, options, plan.Stage);
            DiagonalizeAndSort(reduced, s, vL, ref plan);
            return;
        }

        // Divide and conquer: B = U_D·Σ·V_Dᵀ, the values from a values-only QR iteration on a copy of the bidiagonal
        // (high relative accuracy; divide and conquer's own σ are accurate to O(n·ε·‖B‖) only). Both sets are
        // decreasing and agree to that absolute accuracy, so the i-th value goes with the i-th pair of vectors.
        // Stage layout: values (n), a copy of e (n), U_D and V_Dᵀ (n² each), then one scratch area used in turn by the
        // QR iteration, divide and conquer, the reflector applications and the product.
        int n = cols;
        Span<T> stage = plan.Stage;
        Span<T> values = stage[..n], offDiagonal = stage.Slice(n, n);
        var ud = new MatrixView<T>(stage.Slice(2 * n, n * n), n, n);
        var vdt = new MatrixView<T>(stage.Slice((2 * n) + (n * n), n * n), n, n);
        Span<T> scratch = stage[((2 * n) + (2 * n * n))..];

        plan.Buffers.D.CopyTo(values);
        plan.Buffers.E[..(n - 1)].CopyTo(offDiagonal);
        var none = new NoRotations<T>();
        BidiagonalQr.Diagonalize(values, offDiagonal[..(n - 1)], ref none, scratch);
        for (int i = 0; i < n; i++)
        {
            values[i] = T.Abs(values[i]);
        }

        values.Sort();
        values.Reverse();
        BidiagonalDivideAndConquer.Decompose(plan.Buffers.D, plan.Buffers.E, ud, vdt, scratch);

        // V = P_B·V_D: the right reflectors applied to V_D (dormbr 'P', blocked), 2·n³ flops where forming P_B and a
        // product took 10/3·n³. Then U the same way when the reduced matrix is square (its storage is free once the
        // reflectors are applied); a tall one is U's own storage, so Q_B is formed there and multiplied.
        Transposition.Copy<T>(vdt, vL);
        BidiagonalFactors.ApplyRightBlocked(reduced, plan.Buffers.TauP, vL, options, scratch);
        if (reduced.Rows == n)
        {
            BidiagonalFactors.ApplyLeftBlocked(reduced, plan.Buffers.TauQ, ud, options, scratch);
            ud.CopyTo(reduced);
        }
        else
        {
            BidiagonalFactors.FormLeft(formed, cols, plan.Buffers.TauQ, options, scratch);
            MultiplyInPlace(reduced, ud, scratch);
        }

        values.CopyTo(s);
        Unscale(s, plan.Preparation.Exponent);
    }

    /// <summary>
    /// The bidiagonal QR with the rotations accumulated into <paramref name="left"/> (U_B) and <paramref name="vL"/>
    /// (V), then signs fixed, values sorted with their vectors and unscaled into <paramref name="s"/>.
    /// </summary>
    private static void DiagonalizeAndSort<T>(MatrixView<T> left, Span<T> s, MatrixView<T> vL, ref VectorsPlan<T> plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = plan.Cols;
        Span<T> qrWork = plan.Stage[..BidiagonalQr.WorkspaceLength(cols)];
        var sink = new VectorAccumulator<T>(left, vL, plan.Stage[qrWork.Length..]);
        BidiagonalQr.Diagonalize(plan.Buffers.D, plan.Buffers.E[..(cols - 1)], ref sink, qrWork);
        sink.Flush();

        SortWithVectors(plan.Buffers.D, left, vL, plan.Order, plan.OrderScratch, plan.Stage);
        for (int i = 0; i < cols; i++)
        {
            s[i] = plan.Buffers.D[plan.Order[i]];
        }

        Unscale(s, plan.Preparation.Exponent);
    }

    /// <summary>
    /// Makes every singular value non-negative (negating the matching right vector, as dbdsqr) and orders them
    /// decreasingly with their vectors: on return order[i] is the index, in d, of the i-th largest.
    /// </summary>
    private static void SortWithVectors<T>(Span<T> d, MatrixView<T> left, MatrixView<T> right, Span<int> order, Span<int> orderScratch, Span<T> rowScratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        for (int r = 0; r < right.Rows; r++)
        {
            Span<T> row = right.Row(r);
            for (int i = 0; i < n; i++)
            {
                if (d[i] < T.Zero)
                {
                    row[i] = -row[i];
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            d[i] = T.Abs(d[i]);
        }

        if (!NormOrdering.Decreasing<T>(d, order, orderScratch))
        {
            NormOrdering.GatherColumns(left, order, rowScratch);
            NormOrdering.GatherColumns(right, order, rowScratch);
        }
    }

    private static int ProductRows(int n) => Math.Max(64, ProductElements / Math.Max(n, 1));

    /// <summary>X ← X·Y for X (rows×N) and Y (N×N), a block of rows at a time through scratch.</summary>
    private static void MultiplyInPlace<T>(MatrixView<T> x, MatrixView<T> y, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Cols, rows = ProductRows(n);
        for (int r0 = 0; r0 < x.Rows; r0 += rows)
        {
            int rb = Math.Min(rows, x.Rows - r0);
            var block = new MatrixView<T>(scratch, rb, n);
            MatrixView<T> xs = x.Slice(r0, 0, rb, n);
            Blas.Gemm(Transpose.No, Transpose.No, T.One, xs, y, T.Zero, block);
            block.CopyTo(xs);
        }
    }

    /// <summary>
    /// R (k×k) ← the upper triangle of the first k columns of a factored L held transposed in <paramref name="lt"/>
    /// (a blocked transposition, then the reflectors below the diagonal cleared).
    /// </summary>
    internal static void UpperTriangleFromTransposed<T>(ReadOnlyMatrixView<T> lt, MatrixView<T> r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Transposition.Copy<T>(lt.Slice(0, 0, r.Rows, r.Cols), r);
        ClearBelowDiagonal(r);
    }

    private static void ClearBelowDiagonal<T>(MatrixView<T> r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 1; i < r.Rows; i++)
        {
            r.Row(i)[..Math.Min(i, r.Cols)].Clear();
        }
    }

    internal static void Unscale<T>(Span<T> s, int exponent)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (exponent == 0)
        {
            return;
        }

        for (int i = 0; i < s.Length; i++)
        {
            s[i] = T.ScaleB(s[i], -exponent);
        }
    }

    private static void SetIdentity<T>(MatrixView<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        a.Clear();
        for (int i = 0; i < Math.Min(a.Rows, a.Cols); i++)
        {
            a[i, i] = T.One;
        }
    }

    /// <summary>Scratch a reduction stage needs: QR and forming Q (M×Nq), bidiagonalization, the product, the row permutations.</summary>
    internal static int StageLength<T>(int rows, int cols, int formedCols, bool preFactorize, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nb = options.BlockSize;
        int bRows = preFactorize ? cols : rows;
        int length = Math.Max(HouseholderQr.WorkspaceLength(rows, formedCols, nb), Bidiagonalization.WorkspaceLength(bRows, cols, nb));
        length = Math.Max(length, ProductRows(cols) * cols);
        return Math.Max(length, 2 * Math.Max(rows, formedCols));
    }

    /// <summary>The values-only workspace: preparation, a copy of L (transposed when pre-factorized, then also R), the bidiagonal and the τ's, stage scratch.</summary>
    private ref struct ValuesPlan<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public ValuesPlan(scoped ref WorkspaceCarver<T> carver, int m, int n, SvdOptions options)
        {
            Rows = Math.Max(m, n);
            Cols = Math.Min(m, n);
            PreFactorize = UsesPreFactorization(Rows, Cols, options);

            // Pre-factorized: L is held transposed (N×M with padded rows) and R gets its own N×N buffer.
            Preparation = PreFactorize ? new SvdPreparation<T>(ref carver, Cols, Rows) : new SvdPreparation<T>(ref carver, Rows, Cols);
            Buffer = carver.Take(PreFactorize ? Transposition.PaddedLength<T>(Cols, Rows) : Rows * Cols);
            R = carver.Take(PreFactorize ? Cols * Cols : 0);
            Buffers = new ReductionBuffers<T>(ref carver, Cols);
            Stage = carver.Take(Math.Max(StageLength<T>(Rows, Cols, Cols, PreFactorize, options), BidiagonalQr.WorkspaceLength(Cols)));
        }

        public Span<T> R { get; }

        public int Rows { get; }

        public int Cols { get; }

        public bool PreFactorize { get; }

        /// <summary>A field, not a property: loading sets its flags and exponent in place.</summary>
        public SvdPreparation<T> Preparation;

        public Span<T> Buffer { get; }

        public ReductionBuffers<T> Buffers { get; }

        public Span<T> Stage { get; }
    }

    /// <summary>The workspace of the routes with vectors (L itself lives in the U or V output).</summary>
    private ref struct VectorsPlan<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public VectorsPlan(scoped ref WorkspaceCarver<T> carver, int m, int n, bool full, SvdOptions options)
        {
            Rows = Math.Max(m, n);
            Cols = Math.Min(m, n);
            PreFactorize = UsesPreFactorization(Rows, Cols, options);
            TransposedLoad = PreFactorize && !full;
            Preparation = TransposedLoad ? new SvdPreparation<T>(ref carver, Cols, Rows) : new SvdPreparation<T>(ref carver, Rows, Cols);
            Lt = carver.Take(TransposedLoad ? Transposition.PaddedLength<T>(Cols, Rows) : 0);
            BlockT = carver.Take(TransposedLoad ? HouseholderQr.BlockTLength(Cols, options.BlockSize) : 0);
            Buffers = new ReductionBuffers<T>(ref carver, Cols);
            Order = carver.TakeInts(Cols);
            OrderScratch = carver.TakeInts(Cols);
            R = carver.Take(PreFactorize ? Cols * Cols : 0);
            int rotations = BidiagonalQr.WorkspaceLength(Cols) + VectorAccumulator<T>.WorkspaceLength(PreFactorize ? Cols : Rows, Cols);
            if (UsesDivideAndConquer(Cols, options))
            {
                int scratch = Math.Max(Math.Max(BidiagonalQr.WorkspaceLength(Cols), BidiagonalDivideAndConquer.WorkspaceLength<T>(Cols)), ProductRows(Cols) * Cols);
                scratch = Math.Max(scratch, Math.Max(HouseholderQr.WorkspaceLength(Cols, Cols, options.BlockSize), HouseholderQr.WorkspaceLength(Rows, Cols, options.BlockSize)));
                rotations = (2 * Cols) + (2 * Cols * Cols) + scratch;
            }

            Stage = carver.Take(Math.Max(StageLength<T>(Rows, Cols, full ? Rows : Cols, PreFactorize, options), rotations));
        }

        public int Rows { get; }

        public int Cols { get; }

        public bool PreFactorize { get; }

        /// <summary>Thin with the QR pre-step: Lᵀ is held in <see cref="Lt"/> (N rows of padded stride) and the preparation's orders refer to it.</summary>
        public bool TransposedLoad { get; }

        /// <summary>A field, not a property: loading sets its flags and exponent in place.</summary>
        public SvdPreparation<T> Preparation;

        public Span<T> Lt { get; }

        /// <summary>The QR panels' T factors, kept for applying Q (thin route with the QR pre-step only).</summary>
        public Span<T> BlockT { get; }

        public ReductionBuffers<T> Buffers { get; }

        public Span<int> Order { get; }

        public Span<int> OrderScratch { get; }

        public Span<T> R { get; }

        public Span<T> Stage { get; }
    }
}
