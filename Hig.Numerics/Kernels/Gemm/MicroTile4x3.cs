// MicroTile4x3: gemm's 4 × 3-vector register tile (see IMicroTile.cs for the formula, the register budget and
// the invariant that makes every tile give the same bits).
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

/// <summary>The 4 × 3-vector tile: 12 accumulators + 3 B vectors + 1 broadcast = 16 registers, for the 16 of AVX2 with FMA.</summary>
internal readonly unsafe struct MicroTile4x3 : IMicroTile
{
    public static int Rows => 4;

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

            a += 4;
            b += nr;
        }

        TVec va = TIsa.Broadcast(alpha);
        if (beta == T.Zero)
        {
            MicroTileStore.Write<T, TVec, TIsa>(c, w, va, c00, c01, c02);
            MicroTileStore.Write<T, TVec, TIsa>(c + ldc, w, va, c10, c11, c12);
            MicroTileStore.Write<T, TVec, TIsa>(c + (2 * ldc), w, va, c20, c21, c22);
            MicroTileStore.Write<T, TVec, TIsa>(c + (3 * ldc), w, va, c30, c31, c32);
        }
        else
        {
            TVec vb = TIsa.Broadcast(beta);
            MicroTileStore.Update<T, TVec, TIsa>(c, w, va, vb, c00, c01, c02);
            MicroTileStore.Update<T, TVec, TIsa>(c + ldc, w, va, vb, c10, c11, c12);
            MicroTileStore.Update<T, TVec, TIsa>(c + (2 * ldc), w, va, vb, c20, c21, c22);
            MicroTileStore.Update<T, TVec, TIsa>(c + (3 * ldc), w, va, vb, c30, c31, c32);
        }
    }
}
