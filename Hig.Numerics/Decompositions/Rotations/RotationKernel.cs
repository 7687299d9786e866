// RotationKernel: applies a logged sequence of adjacent-column plane rotations to a row-major matrix X (rows × k).
//
// X's rows are taken in tiles of L rows (L = 4 SIMD vectors). Each tile's columns [lo, hi] are copied transposed into
// a scratch (one column of X per L-wide row of the tile), every logged sweep is run over the tile — a rotation of
// columns j, j+1 of X is then a rotation of two contiguous L-wide rows, four independent vector chains that keep
// both FMA pipes busy — and the tile is copied back. The tile stays in L1/L2 while all logged sweeps pass over it,
// so X is read and written once per log instead of once per sweep.
// Arithmetic per rotation (c, s) on a pair (x, y): x ← fma(c, x, s·y), y ← fma(c, y, −(s·x)), exactly Blas.Rot's,
// element-wise, so results do not depend on the vector width or on how rows are grouped into tiles.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hig.Numerics;

internal static unsafe class RotationKernel
{
    /// <summary>Vectors per tile: four independent chains hide the FMA latency of the carried rotation.</summary>
    private const int VectorsPerTile = 4;

    /// <summary>Rows per tile for <typeparamref name="T"/> with the widest accelerated vectors (at most 64).</summary>
    public static int TileRows<T>()
        where T : unmanaged => VectorsPerTile * (Vector512.IsHardwareAccelerated ? Vector512<T>.Count
            : Vector256.IsHardwareAccelerated ? Vector256<T>.Count : Vector128<T>.Count);

    /// <summary>Scratch a tile needs for matrices with <paramref name="cols"/> columns.</summary>
    public static int TileLength<T>(int cols)
        where T : unmanaged => TileRows<T>() * Math.Max(cols, 1);

    public static void ApplyToColumns<T>(MatrixView<T> x, int lo, int hi, ReadOnlySpan<int> headers, ReadOnlySpan<T> c, ReadOnlySpan<T> s, Span<T> tile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Apply<T, Vector512<T>, Isa512<T>>(x, lo, hi, headers, c, s, tile);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Apply<T, Vector256<T>, Isa256<T>>(x, lo, hi, headers, c, s, tile);
        }
        else
        {
            Apply<T, Vector128<T>, Isa128<T>>(x, lo, hi, headers, c, s, tile);
        }
    }

    private static void Apply<T, TVec, TIsa>(MatrixView<T> x, int lo, int hi, ReadOnlySpan<int> headers, ReadOnlySpan<T> c, ReadOnlySpan<T> s, Span<T> tile)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int lanes = VectorsPerTile * TIsa.Count;
        int width = hi - lo + 1;
        int rows = x.Rows;
        fixed (T* pt = tile)
        fixed (T* pc = c)
        fixed (T* ps = s)
        {
            for (int r0 = 0; r0 < rows; r0 += lanes)
            {
                int count = Math.Min(lanes, rows - r0);
                Pack(x, r0, count, lo, width, lanes, pt);
                int offset = 0;
                for (int h = 0; h < headers.Length; h += 3)
                {
                    int sweepLo = headers[h] - lo, n = headers[h + 1];
                    if (headers[h + 2] != 0)
                    {
                        SweepBackward<T, TVec, TIsa>(pt + ((nint)sweepLo * lanes), n, lanes, pc + offset, ps + offset);
                    }
                    else
                    {
                        SweepForward<T, TVec, TIsa>(pt + ((nint)sweepLo * lanes), n, lanes, pc + offset, ps + offset);
                    }

                    offset += n;
                }

                Unpack(x, r0, count, lo, width, lanes, pt);
            }
        }
    }

    /// <summary>tile[j·lanes + r] = X[r0 + r, lo + j]; lanes past the last row are zero.</summary>
    private static void Pack<T>(MatrixView<T> x, int r0, int count, int lo, int width, int lanes, T* tile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (count < lanes)
        {
            new Span<T>(tile, width * lanes).Clear();
        }

        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<T> row = x.Row(r0 + r).Slice(lo, width);
            T* t = tile + r;
            for (int j = 0; j < width; j++)
            {
                t[(nint)j * lanes] = row[j];
            }
        }
    }

    private static void Unpack<T>(MatrixView<T> x, int r0, int count, int lo, int width, int lanes, T* tile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < count; r++)
        {
            Span<T> row = x.Row(r0 + r).Slice(lo, width);
            T* t = tile + r;
            for (int j = 0; j < width; j++)
            {
                row[j] = t[(nint)j * lanes];
            }
        }
    }

    /// <summary>Rotations j = 0 … n−1 on tile rows (j, j+1), in increasing j; the lower row is carried in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SweepForward<T, TVec, TIsa>(T* t, int n, int lanes, T* c, T* s)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int w = TIsa.Count;
        TVec x0 = TIsa.Load(t), x1 = TIsa.Load(t + w), x2 = TIsa.Load(t + (2 * w)), x3 = TIsa.Load(t + (3 * w));
        for (int j = 0; j < n; j++)
        {
            T* next = t + lanes;
            TVec cv = TIsa.Broadcast(c + j), sv = TIsa.Broadcast(s + j), nsv = TIsa.Broadcast(-s[j]);
            TVec y0 = TIsa.Load(next), y1 = TIsa.Load(next + w), y2 = TIsa.Load(next + (2 * w)), y3 = TIsa.Load(next + (3 * w));
            TIsa.Store(TIsa.Fma(cv, x0, TIsa.Multiply(sv, y0)), t);
            TIsa.Store(TIsa.Fma(cv, x1, TIsa.Multiply(sv, y1)), t + w);
            TIsa.Store(TIsa.Fma(cv, x2, TIsa.Multiply(sv, y2)), t + (2 * w));
            TIsa.Store(TIsa.Fma(cv, x3, TIsa.Multiply(sv, y3)), t + (3 * w));
            x0 = TIsa.Fma(cv, y0, TIsa.Multiply(nsv, x0));
            x1 = TIsa.Fma(cv, y1, TIsa.Multiply(nsv, x1));
            x2 = TIsa.Fma(cv, y2, TIsa.Multiply(nsv, x2));
            x3 = TIsa.Fma(cv, y3, TIsa.Multiply(nsv, x3));
            t = next;
        }

        TIsa.Store(x0, t);
        TIsa.Store(x1, t + w);
        TIsa.Store(x2, t + (2 * w));
        TIsa.Store(x3, t + (3 * w));
    }

    /// <summary>Rotations j = n−1 … 0 on tile rows (j, j+1), in decreasing j; the upper row is carried in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SweepBackward<T, TVec, TIsa>(T* t0, int n, int lanes, T* c, T* s)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int w = TIsa.Count;
        T* t = t0 + ((nint)n * lanes);
        TVec y0 = TIsa.Load(t), y1 = TIsa.Load(t + w), y2 = TIsa.Load(t + (2 * w)), y3 = TIsa.Load(t + (3 * w));
        for (int j = n - 1; j >= 0; j--)
        {
            T* prev = t - lanes;
            TVec cv = TIsa.Broadcast(c + j), sv = TIsa.Broadcast(s + j), nsv = TIsa.Broadcast(-s[j]);
            TVec x0 = TIsa.Load(prev), x1 = TIsa.Load(prev + w), x2 = TIsa.Load(prev + (2 * w)), x3 = TIsa.Load(prev + (3 * w));
            TIsa.Store(TIsa.Fma(cv, y0, TIsa.Multiply(nsv, x0)), t);
            TIsa.Store(TIsa.Fma(cv, y1, TIsa.Multiply(nsv, x1)), t + w);
            TIsa.Store(TIsa.Fma(cv, y2, TIsa.Multiply(nsv, x2)), t + (2 * w));
            TIsa.Store(TIsa.Fma(cv, y3, TIsa.Multiply(nsv, x3)), t + (3 * w));
            y0 = TIsa.Fma(cv, x0, TIsa.Multiply(sv, y0));
            y1 = TIsa.Fma(cv, x1, TIsa.Multiply(sv, y1));
            y2 = TIsa.Fma(cv, x2, TIsa.Multiply(sv, y2));
            y3 = TIsa.Fma(cv, x3, TIsa.Multiply(sv, y3));
            t = prev;
        }

        TIsa.Store(y0, t);
        TIsa.Store(y1, t + w);
        TIsa.Store(y2, t + (2 * w));
        TIsa.Store(y3, t + (3 * w));
    }
}
