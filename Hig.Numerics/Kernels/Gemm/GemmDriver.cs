// GemmDriver: the five blocked loops of gemm around the micro-kernel (BLIS ordering), the choice of micro-kernel
// (vector width and register tile) for the code path, and the opt-in split of C between threads.
//
//   for jc in [j0, j1) step NC          — pack B[pc.., jc..] (KC×NC)          → shared L3
//     for pc in [0, K)  step KC         — β applies on the first K block only
//       for ic in [i0, i1) step MC      — pack A[ic.., pc..] (MC×KC)          → L2
//         for jr step NR, ir step MR    — micro-kernel on one MR×NR tile of C
//
// Edge tiles (fewer than MR rows or NR columns left) run the same micro-kernel into a private
// tile and copy the valid part out with the same arithmetic, so every element of C is computed
// identically wherever it sits. Threads take disjoint column (or row) ranges of C and run these
// loops independently: no shared reduction, hence results independent of the thread count.
using System;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace Hig.Numerics;

/// <summary>Which vector width gemm's micro-kernel uses. <see cref="Auto"/> picks the widest the hardware accelerates.</summary>
internal enum GemmIsa
{
    Auto,
    Vector128,
    Vector256,
    Vector512,
}

/// <summary>
/// Which register tile gemm's micro-kernel uses. <see cref="Auto"/> picks the tile that fits the path's vector
/// registers: 8×3 with 32 (AVX-512, ARM64), 6×2 with 16 (SSE, AVX2). Every tile gives the same bits.
/// </summary>
internal enum GemmTile
{
    Auto,
    Tile8x3,
    Tile6x2,
    Tile4x3,
}

internal unsafe struct GemmProblem<T>
    where T : unmanaged
{
    public Transpose TransA;
    public Transpose TransB;
    public T* A;
    public nint Lda;
    public T* B;
    public nint Ldb;
    public T* C;
    public nint Ldc;
    public int M;
    public int N;
    public int K;
    public T Alpha;
    public T Beta;
    public bool SplitColumns;
    public int Chunk;
}

internal static unsafe class GemmDriver
{
    /// <summary>The tile <see cref="GemmTile.Auto"/> stands for on this code path (see <see cref="GemmTile"/>).</summary>
    public static GemmTile DefaultTile => CodePath.VectorRegisters >= 32 ? GemmTile.Tile8x3 : GemmTile.Tile6x2;

    /// <summary>Runs the validated problem (M, N, K ≥ 1) on up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    public static void Run<T>(ref GemmProblem<T> problem, int maxDegreeOfParallelism, GemmIsa isa, GemmTile tile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (isa == GemmIsa.Auto)
        {
            isa = Vector512.IsHardwareAccelerated ? GemmIsa.Vector512
                : Vector256.IsHardwareAccelerated ? GemmIsa.Vector256
                : GemmIsa.Vector128;
        }

        if (tile == GemmTile.Auto)
        {
            tile = DefaultTile;
        }

        switch (isa)
        {
            case GemmIsa.Vector512:
                Run<T, Vector512<T>, Isa512<T>>(ref problem, maxDegreeOfParallelism, tile);
                break;
            case GemmIsa.Vector256:
                Run<T, Vector256<T>, Isa256<T>>(ref problem, maxDegreeOfParallelism, tile);
                break;
            default:
                Run<T, Vector128<T>, Isa128<T>>(ref problem, maxDegreeOfParallelism, tile);
                break;
        }
    }

    private static void Run<T, TVec, TIsa>(ref GemmProblem<T> problem, int maxDegreeOfParallelism, GemmTile tile)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        switch (tile)
        {
            case GemmTile.Tile8x3:
                Run<T, TVec, TIsa, MicroTile8x3>(ref problem, maxDegreeOfParallelism);
                break;
            case GemmTile.Tile4x3:
                Run<T, TVec, TIsa, MicroTile4x3>(ref problem, maxDegreeOfParallelism);
                break;
            default:
                Run<T, TVec, TIsa, MicroTile6x2>(ref problem, maxDegreeOfParallelism);
                break;
        }
    }

    private static void Run<T, TVec, TIsa, TTile>(ref GemmProblem<T> p, int maxDegreeOfParallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
        where TTile : struct, IMicroTile
    {
        int tasks = 1;
        if (maxDegreeOfParallelism > 1 && (long)p.M * p.N * p.K >= GemmBlocking.ParallelThreshold)
        {
            tasks = Math.Min(maxDegreeOfParallelism, WorkerPool.Shared.MaxParallelism);
        }

        if (tasks <= 1)
        {
            Compute<T, TVec, TIsa, TTile>(ref p, 0, p.M, 0, p.N);
            return;
        }

        // Split the larger side of C into equal ranges aligned to the micro-tile.
        int nr = TTile.VectorsPerRow * TIsa.Count;
        p.SplitColumns = p.N >= p.M;
        int extent = p.SplitColumns ? p.N : p.M;
        int quantum = p.SplitColumns ? nr : TTile.Rows;
        int perTask = (extent + tasks - 1) / tasks;
        p.Chunk = (perTask + quantum - 1) / quantum * quantum;
        tasks = (extent + p.Chunk - 1) / p.Chunk;
        fixed (GemmProblem<T>* state = &p)
        {
            WorkerPool.Shared.Run(tasks, &Task<T, TVec, TIsa, TTile>, state);
        }
    }

    private static void Task<T, TVec, TIsa, TTile>(void* state, int task)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
        where TTile : struct, IMicroTile
    {
        ref GemmProblem<T> p = ref *(GemmProblem<T>*)state;
        int start = task * p.Chunk;
        if (p.SplitColumns)
        {
            Compute<T, TVec, TIsa, TTile>(ref p, 0, p.M, start, Math.Min(p.N, start + p.Chunk));
        }
        else
        {
            Compute<T, TVec, TIsa, TTile>(ref p, start, Math.Min(p.M, start + p.Chunk), 0, p.N);
        }
    }

    /// <summary>C[i0..i1, j0..j1] ← α·op(A)[i0..i1, :]·op(B)[:, j0..j1] + β·C[i0..i1, j0..j1] on the calling thread.</summary>
    private static void Compute<T, TVec, TIsa, TTile>(ref GemmProblem<T> p, int i0, int i1, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
        where TTile : struct, IMicroTile
    {
        int mr = TTile.Rows;
        const int kc = GemmBlocking.Kc;
        int mc = GemmBlocking.Mc(mr);
        int nr = TTile.VectorsPerRow * TIsa.Count;
        int nc = GemmBlocking.Nc(nr);

        T* workspace = GemmWorkspace.Rent<T>((mc * kc) + (kc * nc) + (mr * nr));
        T* packedA = workspace;
        T* packedB = packedA + (mc * kc);
        T* edgeTile = packedB + (kc * nc);

        for (int jc = j0; jc < j1; jc += nc)
        {
            int nb = Math.Min(nc, j1 - jc);
            for (int pc = 0; pc < p.K; pc += kc)
            {
                int kb = Math.Min(kc, p.K - pc);
                T beta = pc == 0 ? p.Beta : T.One;
                T* bBlock = p.TransB == Transpose.No ? p.B + ((pc * p.Ldb) + jc) : p.B + ((jc * p.Ldb) + pc);
                GemmPacking.PackB(p.TransB, bBlock, p.Ldb, kb, nb, nr, packedB);

                for (int ic = i0; ic < i1; ic += mc)
                {
                    int mb = Math.Min(mc, i1 - ic);
                    T* aBlock = p.TransA == Transpose.No ? p.A + ((ic * p.Lda) + pc) : p.A + ((pc * p.Lda) + ic);
                    GemmPacking.PackA(p.TransA, aBlock, p.Lda, mb, kb, mr, packedA);

                    for (int jr = 0; jr < nb; jr += nr)
                    {
                        int cols = Math.Min(nr, nb - jr);
                        T* bPanel = packedB + ((nint)jr * kb);
                        for (int ir = 0; ir < mb; ir += mr)
                        {
                            int rows = Math.Min(mr, mb - ir);
                            T* aPanel = packedA + ((nint)ir * kb);
                            T* cTile = p.C + (((ic + ir) * p.Ldc) + jc + jr);
                            if (rows == mr && cols == nr)
                            {
                                TTile.Run<T, TVec, TIsa>(kb, aPanel, bPanel, cTile, p.Ldc, p.Alpha, beta);
                            }
                            else
                            {
                                TTile.Run<T, TVec, TIsa>(kb, aPanel, bPanel, edgeTile, nr, T.One, T.Zero);
                                MergeEdgeTile(edgeTile, nr, cTile, p.Ldc, rows, cols, p.Alpha, beta);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>C ← (β = 0 ? α·acc : madd(α, acc, β·C)) for the valid rows×cols part of an edge tile: the micro-kernel's own formula, element by element.</summary>
    private static void MergeEdgeTile<T>(T* acc, int accStride, T* c, nint ldc, int rows, int cols, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < rows; i++)
        {
            T* accRow = acc + (i * accStride);
            T* cRow = c + (i * ldc);
            for (int j = 0; j < cols; j++)
            {
                cRow[j] = beta == T.Zero ? alpha * accRow[j] : Arithmetic.MultiplyAdd(alpha, accRow[j], beta * cRow[j]);
            }
        }
    }
}
