// KappaPowerDriver: d = V·Λ^(−κ)·Uᵀ·g without forming U or V (docs/svd.md, "How the κ-apply avoids forming U").
//
// Works on A in place, or on a transposed copy (the public overload documents that A's contents are unspecified):
//   1. Reject NaN/±Inf, permute rows and columns of A by decreasing norm, scale by 2^e: in place
//      (SvdPreparation.LoadInPlace), except for a tall A that gets the QR pre-step, which is written transposed into
//      a padded workspace buffer (SvdPreparation.LoadCopy of Aᵀ) so that the QR's reflectors run along contiguous
//      rows as in the wide case (no per-panel transposed copies; the apply of Qᵀ to G reads contiguous reflectors).
//      g is checked and its rows gathered in A's row order into the workspace (G, m×r).
//   2. Tall A (m ≥ n): QR first when m ≥ ratio·n, G ← Qᵀ·G (dormqr, as dgelss, each reflector applied as the QR
//      generates it); bidiagonalize R (or A itself);
//      G ← Q_Bᵀ·G. Wide A (m < n): LQ of A always (the QR of Aᵀ through OrientedMatrix, reflectors along A's
//      contiguous rows, no transposed copy), bidiagonalize L's k×k triangle; here g meets the right side of that
//      triangle's SVD, so G ← P_Bᵀ·G instead.
//   3. Bidiagonal QR with RightHandSideSink: the side that multiplies g is applied to the k×r block H as it happens;
//      the other side is logged.
//   4. Weights: Hᵢ ← sign(dᵢ)·wᵢ·Hᵢ with wᵢ = σᵢ^(−κ) above the cut-off and exactly 0 at or below it.
//   5. The logged rotations are replayed on H (in reverse, transposed), then the remaining reflectors: P_B (tall) or
//      Q_B and the LQ reflectors (wide), then the column permutation is undone into d.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class KappaPowerDriver
{
    public static int WorkspaceLength<T>(int m, int n, int r, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var carver = WorkspaceCarver<T>.Measure();
        _ = new Plan<T>(ref carver, m, n, r, options);
        return carver.Used;
    }

    public static KappaPowerSummary<T> Apply<T>(MatrixView<T> a, ReadOnlyMatrixView<T> g, T kappa, SingularValueCutoff<T> cutoff, MatrixView<T> d, Span<T> singularValues, Span<T> workspace, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, r = g.Cols;
        SvdInput.RequireFinite(g, nameof(g));
        if (Math.Min(m, n) == 0)
        {
            d.Clear();
            return KappaWeights.Summarize(ReadOnlySpan<T>.Empty, cutoff);
        }

        var carver = WorkspaceCarver<T>.Over(workspace);
        var plan = new Plan<T>(ref carver, m, n, r, options);
        int k = plan.K;
        OrientedMatrix<T> lq;
        ReadOnlySpan<int> gOrder, dOrder;
        if (plan.TransposedLoad)
        {
            // L = Aᵀ (n×m) is written permuted and scaled into a padded buffer: the QR's reflectors then run along its
            // contiguous rows (as for a wide A), and A itself is only read. L's rows are A's columns.
            var lt = new MatrixView<T>(plan.Lt, n, m, Transposition.PaddedStride<T>(m));
            plan.Preparation.LoadCopy(a, transposed: true, lt, options.SortByNorm);
            lq = new OrientedMatrix<T>(lt, transposed: true);
            gOrder = plan.Preparation.ColOrder;
            dOrder = plan.Preparation.RowOrder;
        }
        else
        {
            plan.Preparation.LoadInPlace(a, options.SortByNorm, plan.Stage);
            lq = new OrientedMatrix<T>(a, transposed: plan.Wide);
            gOrder = plan.Preparation.RowOrder;
            dOrder = plan.Preparation.ColOrder;
        }

        var gw = new MatrixView<T>(plan.G, plan.GRows, r);
        for (int i = 0; i < m; i++)
        {
            g.Row(gOrder[i]).CopyTo(gw.Row(i));
        }

        MatrixView<T> h = gw.SliceRows(0, k);
        MatrixView<T> b;
        if (plan.PreFactorize)
        {
            // Tall: G ← Qᵀ·G as the reflectors are generated. Wide: g meets the other side, nothing to apply here.
            HouseholderQr.Factor(lq, plan.Buffers.TauQr, options, plan.Stage, plan.Wide ? default : gw);

            b = new MatrixView<T>(plan.R, k, k);
            SvdDriver.UpperTriangleFromTransposed(lq.Storage, b);
        }
        else
        {
            b = a;
        }

        Bidiagonalization.Reduce(b, plan.Buffers.D, plan.Buffers.E, plan.Buffers.TauQ, plan.Buffers.TauP, options, plan.Stage);
        if (plan.Wide)
        {
            BidiagonalFactors.ApplyRightTranspose(b, plan.Buffers.TauP, h, plan.Stage);
        }
        else
        {
            BidiagonalFactors.ApplyLeftTranspose(b, plan.Buffers.TauQ, gw.SliceRows(0, b.Rows), plan.Stage);
        }

        Span<T> qrWork = plan.Stage[..BidiagonalQr.WorkspaceLength(k)];
        var sink = new RightHandSideSink<T>(h, leftOnTheFly: !plan.Wide, plan.Stage[qrWork.Length..]);
        BidiagonalQr.Diagonalize(plan.Buffers.D, plan.Buffers.E[..(k - 1)], ref sink, qrWork);

        for (int i = 0; i < k; i++)
        {
            singularValues[i] = T.Abs(plan.Buffers.D[i]);
        }

        SvdDriver.Unscale(singularValues, plan.Preparation.Exponent);
        for (int i = 0; i < k; i++)
        {
            plan.Buffers.D[i] = T.CopySign(singularValues[i], plan.Buffers.D[i]); // keep the sign with the unscaled value
        }

        singularValues.Sort();
        singularValues.Reverse();
        KappaPowerSummary<T> summary = KappaWeights.Summarize(singularValues, cutoff);
        for (int i = 0; i < k; i++)
        {
            T weight = KappaWeights.Weight(T.Abs(plan.Buffers.D[i]), kappa, summary.Threshold);
            Span<T> row = h.Row(i);
            if (weight == T.Zero)
            {
                row.Clear(); // exactly zero, whatever Uᵀg held
            }
            else
            {
                Blas.Scal(T.IsNegative(plan.Buffers.D[i]) ? -weight : weight, row);
            }
        }

        sink.ReplayOnto(h, plan.Replay);
        MatrixView<T> result;
        if (plan.Wide)
        {
            BidiagonalFactors.ApplyLeft(b, plan.Buffers.TauQ, h, plan.Stage);
            gw.SliceRows(k, n - k).Clear();
            HouseholderQr.ApplyToVectors(lq, k, plan.Buffers.TauQr, gw, plan.Stage);
            result = gw;
        }
        else
        {
            BidiagonalFactors.ApplyRight(b, plan.Buffers.TauP, h, plan.Stage);
            result = h;
        }

        for (int j = 0; j < n; j++)
        {
            result.Row(j).CopyTo(d.Row(dOrder[j]));
        }

        return summary;
    }

    /// <summary>The κ-power workspace: preparation (A's own row and column orders), G, R, the bidiagonal, stage scratch.</summary>
    private ref struct Plan<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Plan(scoped ref WorkspaceCarver<T> carver, int m, int n, int r, SvdOptions options)
        {
            K = Math.Min(m, n);
            Wide = m < n;
            int rows = Math.Max(m, n);
            PreFactorize = Wide || SvdDriver.UsesPreFactorization(rows, K, options);
            TransposedLoad = PreFactorize && !Wide;
            Preparation = TransposedLoad ? new SvdPreparation<T>(ref carver, n, m) : new SvdPreparation<T>(ref carver, m, n);
            Lt = carver.Take(TransposedLoad ? Transposition.PaddedLength<T>(n, m) : 0);
            GRows = rows;
            G = carver.Take(rows * r);
            R = carver.Take(PreFactorize ? K * K : 0);
            Buffers = new ReductionBuffers<T>(ref carver, K);
            Replay = carver.Take(K * r);
            int stage = SvdDriver.StageLength<T>(rows, K, K, PreFactorize, options);
            stage = Math.Max(stage, HouseholderQr.WorkspaceLength(rows, r, options.BlockSize));
            stage = Math.Max(stage, BidiagonalQr.WorkspaceLength(K) + RightHandSideSink<T>.WorkspaceLength(K));
            Stage = carver.Take(stage);
        }

        public int K { get; }

        public bool Wide { get; }

        public bool PreFactorize { get; }

        /// <summary>Tall and pre-factorized: the QR runs on a transposed, permuted, scaled copy of A (<see cref="Lt"/>).</summary>
        public bool TransposedLoad { get; }

        /// <summary>Aᵀ's copy (n rows of padded stride) when <see cref="TransposedLoad"/>, else empty.</summary>
        public Span<T> Lt { get; }

        /// <summary>A field, not a property: loading sets its flags and exponent in place.</summary>
        public SvdPreparation<T> Preparation;

        public int GRows { get; }

        public Span<T> G { get; }

        public Span<T> R { get; }

        public ReductionBuffers<T> Buffers { get; }

        public Span<T> Replay { get; }

        public Span<T> Stage { get; }
    }
}
