// MicroTile8x3: gemm's 8 × 3-vector register tile (see IMicroTile.cs for the formula, the register budget and
// the invariant that makes every tile give the same bits).
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

/// <summary>The 8 × 3-vector tile: 24 accumulators + 3 B vectors + 1 broadcast = 28 registers, for the 32 of AVX-512 and ARM64.</summary>
internal readonly unsafe struct MicroTile8x3 : IMicroTile
{
    public static int Rows => 8;

    public static int VectorsPerRow => 3;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TVec, TIsa>(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int w = TIsa.Count;
        int nr = 3 * w;
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
            c00 = TIsa.MultiplyAdd(x, b0, c00);
            c01 = TIsa.MultiplyAdd(x, b1, c01);
            c02 = TIsa.MultiplyAdd(x, b2, c02);
            x = TIsa.Broadcast(a + 1);
            c10 = TIsa.MultiplyAdd(x, b0, c10);
            c11 = TIsa.MultiplyAdd(x, b1, c11);
            c12 = TIsa.MultiplyAdd(x, b2, c12);
            x = TIsa.Broadcast(a + 2);
            c20 = TIsa.MultiplyAdd(x, b0, c20);
            c21 = TIsa.MultiplyAdd(x, b1, c21);
            c22 = TIsa.MultiplyAdd(x, b2, c22);
            x = TIsa.Broadcast(a + 3);
            c30 = TIsa.MultiplyAdd(x, b0, c30);
            c31 = TIsa.MultiplyAdd(x, b1, c31);
            c32 = TIsa.MultiplyAdd(x, b2, c32);
            x = TIsa.Broadcast(a + 4);
            c40 = TIsa.MultiplyAdd(x, b0, c40);
            c41 = TIsa.MultiplyAdd(x, b1, c41);
            c42 = TIsa.MultiplyAdd(x, b2, c42);
            x = TIsa.Broadcast(a + 5);
            c50 = TIsa.MultiplyAdd(x, b0, c50);
            c51 = TIsa.MultiplyAdd(x, b1, c51);
            c52 = TIsa.MultiplyAdd(x, b2, c52);
            x = TIsa.Broadcast(a + 6);
            c60 = TIsa.MultiplyAdd(x, b0, c60);
            c61 = TIsa.MultiplyAdd(x, b1, c61);
            c62 = TIsa.MultiplyAdd(x, b2, c62);
            x = TIsa.Broadcast(a + 7);
            c70 = TIsa.MultiplyAdd(x, b0, c70);
            c71 = TIsa.MultiplyAdd(x, b1, c71);
            c72 = TIsa.MultiplyAdd(x, b2, c72);

            a += 8;
            b += nr;
        }

        TVec va = TIsa.Broadcast(alpha);
        if (beta == T.Zero)
        {
            MicroTileStore.Write<T, TVec, TIsa>(c, w, va, c00, c01, c02);
            MicroTileStore.Write<T, TVec, TIsa>(c + ldc, w, va, c10, c11, c12);
            MicroTileStore.Write<T, TVec, TIsa>(c + (2 * ldc), w, va, c20, c21, c22);
            MicroTileStore.Write<T, TVec, TIsa>(c + (3 * ldc), w, va, c30, c31, c32);
            MicroTileStore.Write<T, TVec, TIsa>(c + (4 * ldc), w, va, c40, c41, c42);
            MicroTileStore.Write<T, TVec, TIsa>(c + (5 * ldc), w, va, c50, c51, c52);
            MicroTileStore.Write<T, TVec, TIsa>(c + (6 * ldc), w, va, c60, c61, c62);
            MicroTileStore.Write<T, TVec, TIsa>(c + (7 * ldc), w, va, c70, c71, c72);
        }
        else
        {
            TVec vb = TIsa.Broadcast(beta);
            MicroTileStore.Update<T, TVec, TIsa>(c, w, va, vb, c00, c01, c02);
            MicroTileStore.Update<T, TVec, TIsa>(c + ldc, w, va, vb, c10, c11, c12);
            MicroTileStore.Update<T, TVec, TIsa>(c + (2 * ldc), w, va, vb, c20, c21, c22);
            MicroTileStore.Update<T, TVec, TIsa>(c + (3 * ldc), w, va, vb, c30, c31, c32);
            MicroTileStore.Update<T, TVec, TIsa>(c + (4 * ldc), w, va, vb, c40, c41, c42);
            MicroTileStore.Update<T, TVec, TIsa>(c + (5 * ldc), w, va, vb, c50, c51, c52);
            MicroTileStore.Update<T, TVec, TIsa>(c + (6 * ldc), w, va, vb, c60, c61, c62);
            MicroTileStore.Update<T, TVec, TIsa>(c + (7 * ldc), w, va, vb, c70, c71, c72);
        }
    }
}
