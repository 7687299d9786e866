// MicroTile6x2: gemm's 6 × 2-vector register tile (see IMicroTile.cs for the formula, the register budget and
// the invariant that makes every tile give the same bits).
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

/// <summary>The 6 × 2-vector tile: 12 accumulators + 2 B vectors + 1 broadcast (+ 1 product without FMA) = 15–16 registers, for the 16 of SSE and AVX2.</summary>
internal readonly unsafe struct MicroTile6x2 : IMicroTile
{
    public static int Rows => 6;

    public static int VectorsPerRow => 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TVec, TIsa>(int kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int w = TIsa.Count;
        int nr = 2 * w;
        TVec c00 = TIsa.Zero, c01 = TIsa.Zero;
        TVec c10 = TIsa.Zero, c11 = TIsa.Zero;
        TVec c20 = TIsa.Zero, c21 = TIsa.Zero;
        TVec c30 = TIsa.Zero, c31 = TIsa.Zero;
        TVec c40 = TIsa.Zero, c41 = TIsa.Zero;
        TVec c50 = TIsa.Zero, c51 = TIsa.Zero;

        for (int k = 0; k < kc; k++)
        {
            TVec b0 = TIsa.Load(b);
            TVec b1 = TIsa.Load(b + w);

            TVec x = TIsa.Broadcast(a);
            c00 = TIsa.MultiplyAdd(x, b0, c00);
            c01 = TIsa.MultiplyAdd(x, b1, c01);
            x = TIsa.Broadcast(a + 1);
            c10 = TIsa.MultiplyAdd(x, b0, c10);
            c11 = TIsa.MultiplyAdd(x, b1, c11);
            x = TIsa.Broadcast(a + 2);
            c20 = TIsa.MultiplyAdd(x, b0, c20);
            c21 = TIsa.MultiplyAdd(x, b1, c21);
            x = TIsa.Broadcast(a + 3);
            c30 = TIsa.MultiplyAdd(x, b0, c30);
            c31 = TIsa.MultiplyAdd(x, b1, c31);
            x = TIsa.Broadcast(a + 4);
            c40 = TIsa.MultiplyAdd(x, b0, c40);
            c41 = TIsa.MultiplyAdd(x, b1, c41);
            x = TIsa.Broadcast(a + 5);
            c50 = TIsa.MultiplyAdd(x, b0, c50);
            c51 = TIsa.MultiplyAdd(x, b1, c51);

            a += 6;
            b += nr;
        }

        TVec va = TIsa.Broadcast(alpha);
        if (beta == T.Zero)
        {
            MicroTileStore.Write<T, TVec, TIsa>(c, w, va, c00, c01);
            MicroTileStore.Write<T, TVec, TIsa>(c + ldc, w, va, c10, c11);
            MicroTileStore.Write<T, TVec, TIsa>(c + (2 * ldc), w, va, c20, c21);
            MicroTileStore.Write<T, TVec, TIsa>(c + (3 * ldc), w, va, c30, c31);
            MicroTileStore.Write<T, TVec, TIsa>(c + (4 * ldc), w, va, c40, c41);
            MicroTileStore.Write<T, TVec, TIsa>(c + (5 * ldc), w, va, c50, c51);
        }
        else
        {
            TVec vb = TIsa.Broadcast(beta);
            MicroTileStore.Update<T, TVec, TIsa>(c, w, va, vb, c00, c01);
            MicroTileStore.Update<T, TVec, TIsa>(c + ldc, w, va, vb, c10, c11);
            MicroTileStore.Update<T, TVec, TIsa>(c + (2 * ldc), w, va, vb, c20, c21);
            MicroTileStore.Update<T, TVec, TIsa>(c + (3 * ldc), w, va, vb, c30, c31);
            MicroTileStore.Update<T, TVec, TIsa>(c + (4 * ldc), w, va, vb, c40, c41);
            MicroTileStore.Update<T, TVec, TIsa>(c + (5 * ldc), w, va, vb, c50, c51);
        }
    }
}
