// BidiagonalDivideAndConquer: the SVD with vectors of an n×n upper bidiagonal B = bidiag(d, e) by divide and
// conquer, B = U·diag(σ)·Vᵀ. Reference: Gu & Eisenstat, "A divide-and-conquer algorithm for the bidiagonal SVD",
// SIAM J. Matrix Anal. Appl. 16(1), 1995; organised as LAPACK dbdsdc (compq = 'I') with dlasd0 (the tree, here
// iterative), dlasdq (leaves: DivideAndConquerLeaf), dlasd1/dlasd2 (merge and deflation: DivideAndConquerMerge),
// dlasd4/dlasd5 (secular equation: SecularEquation), dlasd3/dlasd8 (Löwner's ẑ, vectors, gemm: MergeVectors).
//
// Steps: (1) B is split into independent blocks wherever |eᵢ| ≤ ε·max(|d|, |e|) (eᵢ set to zero, a perturbation of
// at most ε·‖B‖_max; dbdsdc's split after scaling B to norm 1). (2) Each block of more than LeafSize rows is split
// recursively at its middle row (dlasdt: nl = ⌊n/2⌋ rows above the pivot row, the rest below), the tree held in an
// int workspace in breadth-first order and processed bottom-up, so there is no recursion at all. (3) Leaves are solved
// by the bidiagonal QR with their vectors (high relative accuracy inside each leaf), merges by the secular equation.
// (4) σ is sorted decreasingly with the vectors, and Uᵀ (built one vector per row) is transposed into U.
// Accuracy (Gu & Eisenstat Thm 4.1, via Löwner's ẑ): the result is the exact SVD of B + δB with
// ‖δB‖ ≤ p(n)·ε·‖B‖ and U, V orthogonal to working precision; each σ is accurate to ABSOLUTE precision O(n·ε·‖B‖)
// (not relative: for the library's reported σ, the QR iteration stays in charge).
// Invariants: zero managed allocations (all scratch carved from the caller's workspace); input finite (callers check);
// every loop bounded (secular iterations capped, QR iterations capped); d ≥ 0 sorted decreasing on return.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class BidiagonalDivideAndConquer
{
    /// <summary>Largest subproblem solved by the bidiagonal QR instead of being split (dbdsdc's SMLSIZ, 25).</summary>
    public const int DefaultLeafSize = 25;

    /// <summary>Smallest leaf size accepted: with 3 or more every split has nonempty children.</summary>
    public const int MinLeafSize = 3;

    /// <summary>Elements of T the workspace of <see cref="Decompose"/> needs for order n: 2n² + about 20n (double) or 27n (float).</summary>
    public static int WorkspaceLength<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var carver = WorkspaceCarver<T>.Measure();
        _ = new Plan<T>(ref carver, n);
        return carver.Used;
    }

    /// <summary>
    /// B = U·diag(σ)·Vᵀ for B upper bidiagonal with diagonal <paramref name="d"/> (n) and superdiagonal
    /// <paramref name="e"/> (at least n − 1). On return d holds σ, non-negative and decreasing; e is destroyed;
    /// <paramref name="u"/> (n×n) holds U (σᵢ's left vector in column i) and <paramref name="vt"/> (n×n) holds Vᵀ
    /// (σᵢ's right vector in row i). Row-major views, any row stride.
    /// </summary>
    /// <param name="d">Diagonal of B; singular values on return.</param>
    /// <param name="e">Superdiagonal of B (e[i] at (i, i + 1)); destroyed.</param>
    /// <param name="u">Receives U.</param>
    /// <param name="vt">Receives Vᵀ.</param>
    /// <param name="workspace">At least <see cref="WorkspaceLength{T}(int)"/> elements.</param>
    /// <param name="leafSize">Largest block solved by the QR iteration (default 25; tests use smaller ones to exercise the merges).</param>
    /// <exception cref="SvdNoConvergenceException">A leaf's QR iteration (cap 6·n²) or a secular equation (cap 400 per root) did not converge.</exception>
    public static void Decompose<T>(Span<T> d, Span<T> e, MatrixView<T> u, MatrixView<T> vt, Span<T> workspace, int leafSize = DefaultLeafSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        if (e.Length < n - 1 || u.Rows != n || u.Cols != n || vt.Rows != n || vt.Cols != n)
        {
            throw new ArgumentException($"Order {n} needs e of at least {Math.Max(n - 1, 0)}, u and vt {n}×{n}; got e of {e.Length}, u {u.Rows}×{u.Cols}, vt {vt.Rows}×{vt.Cols}.", nameof(u));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(leafSize, MinLeafSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(workspace.Length, WorkspaceLength<T>(n), nameof(workspace));
        if (n == 0)
        {
            return;
        }

        var carver = WorkspaceCarver<T>.Over(workspace);
        var plan = new Plan<T>(ref carver, n);
        u.Clear();
        vt.Clear();
        MatrixView<T> ut = u; // Uᵀ until the final transposition

        T bnorm = T.Zero;
        for (int i = 0; i < n; i++)
        {
            bnorm = T.Max(bnorm, T.Abs(d[i]));
            if (i < n - 1)
            {
                bnorm = T.Max(bnorm, T.Abs(e[i]));
            }
        }

        T thresh = MachineConstants<T>.Eps * bnorm;
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            if (i == n - 1 || T.Abs(e[i]) <= thresh)
            {
                if (i < n - 1)
                {
                    e[i] = T.Zero;
                }

                SolveBlock(d, e, ut, vt, start, i - start + 1, leafSize, plan);
                start = i + 1;
            }
        }

        SortDecreasing(d, ut, vt, plan);
        TransposeInPlace(u);
    }

    /// <summary>The block of rows [r0, r0 + size): a leaf, or a tree of merges processed bottom-up.</summary>
    private static void SolveBlock<T>(Span<T> d, Span<T> e, MatrixView<T> ut, MatrixView<T> vt, int r0, int size, int leafSize, in Plan<T> plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (size <= leafSize)
        {
            DivideAndConquerLeaf.Solve(d.Slice(r0, size), e.Slice(r0, size - 1), 0, ut.Slice(r0, r0, size, size), vt.Slice(r0, r0, size, size), plan.LeafWork);
            return;
        }

        // Breadth-first tree: node i covers rows [first, first + rows) with sqre extra columns; children follow parents.
        Span<int> first = plan.First, rows = plan.Rows, sqre = plan.Sqre, child = plan.Child;
        int count = 1;
        first[0] = r0;
        rows[0] = size;
        sqre[0] = 0;
        for (int i = 0; i < count; i++)
        {
            if (rows[i] <= leafSize)
            {
                child[i] = -1;
                continue;
            }

            int nl = rows[i] / 2, nr = rows[i] - nl - 1;
            child[i] = count;
            first[count] = first[i];
            rows[count] = nl;
            sqre[count] = 1;
            first[count + 1] = first[i] + nl + 1;
            rows[count + 1] = nr;
            sqre[count + 1] = sqre[i];
            count += 2;
        }

        for (int i = count - 1; i >= 0; i--)
        {
            int f = first[i], nn = rows[i], sq = sqre[i];
            if (child[i] < 0)
            {
                DivideAndConquerLeaf.Solve(d.Slice(f, nn), e.Slice(f, nn - 1 + sq), sq, ut.Slice(f, f, nn, nn), vt.Slice(f, f, nn + sq, nn + sq), plan.LeafWork);
            }
            else
            {
                DivideAndConquerMerge.Merge(d, e, ut, vt, f, rows[child[i]], rows[child[i] + 1], sq, plan.Merge);
            }
        }
    }

    /// <summary>Orders σ decreasingly, permuting the rows of Uᵀ and Vᵀ alike (through the gather buffer).</summary>
    private static void SortDecreasing<T>(Span<T> d, MatrixView<T> ut, MatrixView<T> vt, in Plan<T> plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length;
        Span<T> keys = plan.Merge.Keys[..n];
        Span<int> order = plan.Merge.Order[..n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = -d[i];
            order[i] = i;
        }

        keys.Sort(order);
        var g = new MatrixView<T>(plan.Merge.Gathered, n, n);
        Permute(ut, order, g);
        Permute(vt, order, g);
        for (int i = 0; i < n; i++)
        {
            d[i] = T.Abs(keys[i]);
        }
    }

    private static void Permute<T>(MatrixView<T> x, ReadOnlySpan<int> order, MatrixView<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < order.Length; i++)
        {
            x.Row(order[i]).CopyTo(g.Row(i));
        }

        g.CopyTo(x);
    }

    private static void TransposeInPlace<T>(MatrixView<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = i + 1; j < a.Cols; j++)
            {
                (a[i, j], a[j, i]) = (a[j, i], a[i, j]);
            }
        }
    }

    /// <summary>The workspace: the merge scratch (sized for the whole order), the leaf QR's scratch, the tree.</summary>
    private readonly ref struct Plan<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Plan(scoped ref WorkspaceCarver<T> carver, int n)
        {
            Merge = new MergeWorkspace<T>(ref carver, n);
            LeafWork = carver.Take(DivideAndConquerLeaf.WorkspaceLength(n));
            int nodes = (2 * n) + 1;
            First = carver.TakeInts(nodes);
            Rows = carver.TakeInts(nodes);
            Sqre = carver.TakeInts(nodes);
            Child = carver.TakeInts(nodes);
        }

        public MergeWorkspace<T> Merge { get; }

        public Span<T> LeafWork { get; }

        public Span<int> First { get; }

        public Span<int> Rows { get; }

        public Span<int> Sqre { get; }

        public Span<int> Child { get; }
    }
}
