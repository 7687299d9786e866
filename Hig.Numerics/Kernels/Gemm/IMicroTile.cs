// IMicroTile: the register-tiled inner kernel of gemm (the BLIS/GotoBLAS "micro-kernel"), in several tile shapes,
// one for each size of vector register file.
//
// A tile of MR rows × NR = V vectors of columns computes, for one MR×NR block of C,
//     acc[i, j] = Σ_{k < kc} Ap[k·MR + i] · Bp[k·NR + j]        (madd = Arithmetic.MultiplyAdd, k in order)
//     C[i, j]   = β == 0 ? α·acc[i, j] : madd(α, acc[i, j], β·C[i, j])
// where Ap is a packed MR×kc micro-panel of op(A) (column by column) and Bp a packed kc×NR micro-panel of op(B)
// (row by row), both produced by GemmPacking. Per k step: V vector loads, MR broadcasts, MR·V multiply-adds.
//
// Register budget (accumulators + B vectors + one broadcast, + one product register where madd is a multiply and
// an add): the tile must fit the vector register file of the path or the JIT spills accumulators to the stack on
// every step (measured: 8×3 on AVX2's 16 registers ran at 0.55–0.6 of OpenBLAS's Haswell kernel).
//   MicroTile8x3: 24 + 3 + 1 = 28       for the 32 registers of AVX-512 (EVEX) and ARM64 (AdvSimd)
//   MicroTile6x2: 12 + 2 + 1 (+ 1) = 16 for the 16 registers of SSE (no FMA) and AVX2
//   MicroTile4x3: 12 + 3 + 1 = 16       an alternative for 16 registers with FMA
// GemmKernelChoice picks the tile once, from the same JIT-time constants CodePath reports.
//
// Invariant that makes gemm independent of the tile and the vector width: each C element is accumulated by the same
// sequence of scalar multiply-adds over k, whatever the tile shape and the width (lanes are independent and every
// tile walks k in order within the same KC blocks), so every (width, tile) pair gives bitwise-identical results.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

/// <summary>A gemm micro-kernel of <see cref="Rows"/> × <see cref="VectorsPerRow"/> vectors (see the file header).</summary>
internal unsafe interface IMicroTile
{
    /// <summary>MR: rows of C per tile.</summary>
    static abstract int Rows { get; }

    /// <summary>Vectors of C per tile row (NR = VectorsPerRow · lanes).</summary>
    static abstract int VectorsPerRow { get; }

    /// <summary>
    /// One full MR×NR tile: C tile ← (β = 0 ? α·acc : madd(α, acc, β·C)), acc = Ap·Bp over <paramref name="kc"/> steps.
    /// <paramref name="c"/> points at the tile's top-left element, rows <paramref name="ldc"/> elements apart.
    /// </summary>
    static abstract void Run<T, TVec, TIsa>(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>;
}

/// <summary>The write-back of one tile row, shared by the tile shapes: C ← α·acc (β = 0) or madd(α, acc, β·C).</summary>
internal static unsafe class MicroTileStore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<T, TVec, TIsa>(T* c, int w, TVec alpha, TVec acc0, TVec acc1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        TIsa.Store(TIsa.Multiply(alpha, acc0), c);
        TIsa.Store(TIsa.Multiply(alpha, acc1), c + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<T, TVec, TIsa>(T* c, int w, TVec alpha, TVec acc0, TVec acc1, TVec acc2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        Write<T, TVec, TIsa>(c, w, alpha, acc0, acc1);
        TIsa.Store(TIsa.Multiply(alpha, acc2), c + (2 * w));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update<T, TVec, TIsa>(T* c, int w, TVec alpha, TVec beta, TVec acc0, TVec acc1)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        TIsa.Store(TIsa.MultiplyAdd(alpha, acc0, TIsa.Multiply(beta, TIsa.Load(c))), c);
        TIsa.Store(TIsa.MultiplyAdd(alpha, acc1, TIsa.Multiply(beta, TIsa.Load(c + w))), c + w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update<T, TVec, TIsa>(T* c, int w, TVec alpha, TVec beta, TVec acc0, TVec acc1, TVec acc2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        Update<T, TVec, TIsa>(c, w, alpha, beta, acc0, acc1);
        TIsa.Store(TIsa.MultiplyAdd(alpha, acc2, TIsa.Multiply(beta, TIsa.Load(c + (2 * w)))), c + (2 * w));
    }
}
