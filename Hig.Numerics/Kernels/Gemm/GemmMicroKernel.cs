// GemmMicroKernel: the register-tiled inner kernel of gemm (the BLIS/GotoBLAS "micro-kernel").
//
// Computes, for one MR×NR tile of C (MR = 8 rows, NR = 3 vectors of columns),
//     acc[i, j] = Σ_{k < kc} Ap[k·MR + i] · Bp[k·NR + j]        (fused multiply-adds, k in order)
//     C[i, j]   = β == 0 ? α·acc[i, j] : fma(α, acc[i, j], β·C[i, j])
// where Ap is a packed MR×kc micro-panel of op(A) (column by column) and Bp a packed kc×NR
// micro-panel of op(B) (row by row), both produced by GemmPacking.
//
// Register budget: 24 accumulators + 3 B vectors + 1 broadcast = 28 of the 32 vector registers
// of AVX-512 (zmm or ymm). Per k step: 3 vector loads, 8 broadcasts, 24 FMAs.
//
// Invariant that makes gemm width-independent: each C element is accumulated by the same
// sequence of scalar fused multiply-adds, whatever the vector width (each lane is independent),
// so 128-, 256- and 512-bit kernels produce bitwise-identical results.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

internal static unsafe class GemmMicroKernel
{
    /// <summary>MR: rows of C per micro-tile.</summary>
    public const int Rows = 8;

    /// <summary>NR / vector width: vectors of C per micro-tile row.</summary>
    public const int VectorsPerRow = 3;

    /// <summary>NR for the given vector instruction set.</summary>
    public static int Cols<T, TVec, TIsa>()
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec> => VectorsPerRow * TIsa.Count;

    /// <summary>
    /// One full MR×NR tile: C tile ← (β = 0 ? α·acc : fma(α, acc, β·C)), acc = Ap·Bp over kc steps.
    /// <paramref name="c"/> points at the tile's top-left element, rows <paramref name="ldc"/> elements apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TVec, TIsa>(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int w = TIsa.Count;
        int nr = VectorsPerRow * w;
        TVec c00 = TIsa.Zero, c01 = TIsa.Zero, c02 = TIsa.Zero;
        TVec c10 = TIsa.Zero, c11 = TIsa.Zero, c12 = TIsa.Zero;
        TVec c20 = TIsa.Zero, c21 = TIsa.Zero, c22 = TIsa.Zero;
        TVec c30 = TIsa.Zero, c31 = TIsa.Zero, c32 = TIsa.Zero;
        TVec c40 = TIsa.Zero, c41 = TIsa.Zero, c42 = TIsa.Zero;
        TVec c50 = TIsa.Zero, c51 = TIsa.Zero, c52 = TIsa.Zero;
        TVec c60 = TIsa.Zero, c61 = TIsa.Zero, c62 = TIsa.Zero;
        TVec c70 = TIsa.Zero, c71 = TIsa.Zero, c72 = TIsa.Zero;

        for (int k = 0; k < kc; k++)
        {
            TVec b0 = TIsa.Load(b);
            TVec b1 = TIsa.Load(b + w);
            TVec b2 = TIsa.Load(b + (2 * w));

            TVec x = TIsa.Broadcast(a);
            c00 = TIsa.Fma(x, b0, c00);
            c01 = TIsa.Fma(x, b1, c01);
            c02 = TIsa.Fma(x, b2, c02);
            x = TIsa.Broadcast(a + 1);
            c10 = TIsa.Fma(x, b0, c10);
            c11 = TIsa.Fma(x, b1, c11);
            c12 = TIsa.Fma(x, b2, c12);
            x = TIsa.Broadcast(a + 2);
            c20 = TIsa.Fma(x, b0, c20);
            c21 = TIsa.Fma(x, b1, c21);
            c22 = TIsa.Fma(x, b2, c22);
            x = TIsa.Broadcast(a + 3);
            c30 = TIsa.Fma(x, b0, c30);
            c31 = TIsa.Fma(x, b1, c31);
            c32 = TIsa.Fma(x, b2, c32);
            x = TIsa.Broadcast(a + 4);
            c40 = TIsa.Fma(x, b0, c40);
            c41 = TIsa.Fma(x, b1, c41);
            c42 = TIsa.Fma(x, b2, c42);
            x = TIsa.Broadcast(a + 5);
            c50 = TIsa.Fma(x, b0, c50);
            c51 = TIsa.Fma(x, b1, c51);
            c52 = TIsa.Fma(x, b2, c52);
            x = TIsa.Broadcast(a + 6);
            c60 = TIsa.Fma(x, b0, c60);
            c61 = TIsa.Fma(x, b1, c61);
            c62 = TIsa.Fma(x, b2, c62);
            x = TIsa.Broadcast(a + 7);
            c70 = TIsa.Fma(x, b0, c70);
            c71 = TIsa.Fma(x, b1, c71);
            c72 = TIsa.Fma(x, b2, c72);

            a += Rows;
            b += nr;
        }

        TVec va = TIsa.Broadcast(alpha);
        if (beta == T.Zero)
        {
            StoreRow<T, TVec, TIsa>(c, w, va, c00, c01, c02);
            StoreRow<T, TVec, TIsa>(c + ldc, w, va, c10, c11, c12);
            StoreRow<T, TVec, TIsa>(c + (2 * ldc), w, va, c20, c21, c22);
            StoreRow<T, TVec, TIsa>(c + (3 * ldc), w, va, c30, c31, c32);
            StoreRow<T, TVec, TIsa>(c + (4 * ldc), w, va, c40, c41, c42);
            StoreRow<T, TVec, TIsa>(c + (5 * ldc), w, va, c50, c51, c52);
            StoreRow<T, TVec, TIsa>(c + (6 * ldc), w, va, c60, c61, c62);
            StoreRow<T, TVec, TIsa>(c + (7 * ldc), w, va, c70, c71, c72);
        }
        else
        {
            TVec vb = TIsa.Broadcast(beta);
            UpdateRow<T, TVec, TIsa>(c, w, va, vb, c00, c01, c02);
            UpdateRow<T, TVec, TIsa>(c + ldc, w, va, vb, c10, c11, c12);
            UpdateRow<T, TVec, TIsa>(c + (2 * ldc), w, va, vb, c20, c21, c22);
            UpdateRow<T, TVec, TIsa>(c + (3 * ldc), w, va, vb, c30, c31, c32);
            UpdateRow<T, TVec, TIsa>(c + (4 * ldc), w, va, vb, c40, c41, c42);
            UpdateRow<T, TVec, TIsa>(c + (5 * ldc), w, va, vb, c50, c51, c52);
            UpdateRow<T, TVec, TIsa>(c + (6 * ldc), w, va, vb, c60, c61, c62);
            UpdateRow<T, TVec, TIsa>(c + (7 * ldc), w, va, vb, c70, c71, c72);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T, TVec, TIsa>(T* c, int w, TVec alpha, TVec acc0, TVec acc1, TVec acc2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        TIsa.Store(TIsa.Multiply(alpha, acc0), c);
        TIsa.Store(TIsa.Multiply(alpha, acc1), c + w);
        TIsa.Store(TIsa.Multiply(alpha, acc2), c + (2 * w));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateRow<T, TVec, TIsa>(T* c, int w, TVec alpha, TVec beta, TVec acc0, TVec acc1, TVec acc2)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        TIsa.Store(TIsa.Fma(alpha, acc0, TIsa.Multiply(beta, TIsa.Load(c))), c);
        TIsa.Store(TIsa.Fma(alpha, acc1, TIsa.Multiply(beta, TIsa.Load(c + w))), c + w);
        TIsa.Store(TIsa.Fma(alpha, acc2, TIsa.Multiply(beta, TIsa.Load(c + (2 * w)))), c + (2 * w));
    }
}
