// RotationKernel: applies a logged batch of rotation sweeps to the rows of a row-major matrix Xt (rows are the
// coordinates the rotations mix: Xt holds U or V transposed, so a rotation of columns j, j+1 of U is a rotation of
// the contiguous rows j, j+1 of Xt).
//
// Wavefront order (Van Zee, van de Geijn & Quintana-Ortí, "Restructuring the tridiagonal and bidiagonal QR
// algorithms for performance", ACM TOMS 40(3), 2014, §4): for a chunk of Chunk columns of Xt, time step t applies
// rotation i = t − 2·s of every sweep s of the batch (in sweep order). Rotation (s, i) then runs after (s, i−1) and
// (s−1, i+1), the two rotations it depends on, and before (s, i+1) and (s+1, i−1), so the order is equivalent to
// applying the sweeps one after another; but the rows touched at time t lie in a band of about 2·S rows, which stays
// in L1 while every sweep passes over it. Each row chunk is thus loaded and stored once per batch instead of once
// per sweep (LAPACK dlasr's way, which makes dgesvd slow).
// A backward sweep (rotations applied in decreasing i) is a forward sweep of the mirrored rows N−1−r with the sine
// negated; a batch holds sweeps of one direction (the caller flushes on a change).
// Arithmetic per rotation (c, s) on a pair of rows (x, y): x ← fma(c, x, s·y), y ← fma(c, y, −(s·x)), exactly
// Blas.Rot's and element-wise, so results do not depend on the vector width or the chunking.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hig.Numerics;

internal static unsafe class RotationKernel
{
    /// <summary>Rows ahead of the wavefront that are prefetched.</summary>
    private const int PrefetchDistance = 6;

    /// <summary>Vectors per inner group (four independent rotations in flight).</summary>
    private const int VectorsPerGroup = 4;

    /// <summary>Bytes of each row handled per wavefront pass: the band of about 2·S rows of this width stays in L1.</summary>
    private const int ChunkBytes = 512;

    /// <summary>
    /// Applies a run of sweeps to <paramref name="xt"/> (rows × len). <paramref name="headers"/> holds (lo, count, ·)
    /// per sweep, three ints each; <paramref name="backward"/> says every sweep of the run goes in decreasing index
    /// order. The rotations of the run are consecutive in <paramref name="c"/> and <paramref name="s"/>.
    /// </summary>
    public static void Apply<T>(MatrixView<T> xt, ReadOnlySpan<int> headers, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Apply<T, Vector512<T>, Isa512<T>>(xt, headers, backward, c, s);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Apply<T, Vector256<T>, Isa256<T>>(xt, headers, backward, c, s);
        }
        else
        {
            Apply<T, Vector128<T>, Isa128<T>>(xt, headers, backward, c, s);
        }
    }

    private static void Apply<T, TVec, TIsa>(MatrixView<T> xt, ReadOnlySpan<int> headers, bool backward, ReadOnlySpan<T> c, ReadOnlySpan<T> s)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int sweeps = headers.Length / 3;
        int n = xt.Rows, len = xt.Cols;
        if (sweeps == 0 || len == 0)
        {
            return;
        }

        // Per sweep: first pair index in application order (mirrored when backward), count, and the c/s index of the
        // first rotation applied (the last logged one, for a backward sweep).
        Span<int> lo = stackalloc int[sweeps];
        Span<int> count = stackalloc int[sweeps];
        Span<int> first = stackalloc int[sweeps];
        int tMin = int.MaxValue, tMax = int.MinValue, off = 0;
        for (int q = 0; q < sweeps; q++)
        {
            int l = headers[3 * q], k = headers[(3 * q) + 1];
            lo[q] = backward ? n - 1 - (l + k) : l; // mirrored: pair (i, i+1) ↦ (n−2−i, n−1−i)
            count[q] = k;
            first[q] = backward ? off + k - 1 : off;
            off += k;
            tMin = Math.Min(tMin, lo[q] + (2 * q));
            tMax = Math.Max(tMax, lo[q] + k - 1 + (2 * q));
        }

        T sign = backward ? -T.One : T.One;
        int step = backward ? -1 : 1;
        nint ld = backward ? -(nint)xt.RowStride : xt.RowStride;
        int groupWidth = VectorsPerGroup * TIsa.Count;
        int chunk = Math.Max(groupWidth, ChunkBytes / sizeof(T) / groupWidth * groupWidth);
        fixed (T* px = xt.Span)
        fixed (T* pc = c)
        fixed (T* ps = s)
        {
            T* row0 = backward ? px + ((nint)(n - 1) * xt.RowStride) : px;
            int j = 0;
            while (j + groupWidth <= len)
            {
                int groups = Math.Min(chunk, len - j) / groupWidth;
                Wavefront<T, TVec, TIsa>(row0 + j, ld, groups, n - 1, lo, count, first, step, tMin, tMax, pc, ps, sign);
                j += groups * groupWidth;
            }

            // The last partial chunk, one element column at a time, with the same arithmetic.
            for (; j < len; j++)
            {
                WavefrontScalar(row0 + j, ld, lo, count, first, step, tMin, tMax, pc, ps, sign);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wavefront<T, TVec, TIsa>(T* row0, nint ld, int groups, int tMaxRow, ReadOnlySpan<int> lo, ReadOnlySpan<int> count, ReadOnlySpan<int> first, int step, int tMin, int tMax, T* c, T* s, T sign)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int w = TIsa.Count;
        int sweeps = lo.Length;
        int lines = groups * 4 * w * sizeof(T) / 64;
        for (int t = tMin; t <= tMax; t++)
        {
            // The leading sweep reaches row t + 1 now; fetch a row a few steps ahead so it arrives from L3/memory
            // before it is needed (the rows are far apart, which hardware prefetchers do not follow).
            if (Sse.IsSupported && t + PrefetchDistance <= tMaxRow)
            {
                byte* ahead = (byte*)(row0 + ((t + PrefetchDistance) * ld));
                for (int l = 0; l < lines; l++)
                {
                    Sse.Prefetch0(ahead + (64 * l));
                }
            }

            for (int q = 0; q < sweeps; q++)
            {
                int j = t - (2 * q) - lo[q];
                if ((uint)j >= (uint)count[q])
                {
                    continue;
                }

                int i = lo[q] + j;
                T* x = row0 + (i * ld);
                T* y = x + ld;
                int o = first[q] + (step * j);
                T sv0 = sign * s[o];
                TVec cv = TIsa.Broadcast(c[o]), sv = TIsa.Broadcast(sv0), nsv = TIsa.Broadcast(-sv0);
                for (int g = 0; g < groups; g++)
                {
                    TVec x0 = TIsa.Load(x), x1 = TIsa.Load(x + w), x2 = TIsa.Load(x + (2 * w)), x3 = TIsa.Load(x + (3 * w));
                    TVec y0 = TIsa.Load(y), y1 = TIsa.Load(y + w), y2 = TIsa.Load(y + (2 * w)), y3 = TIsa.Load(y + (3 * w));
                    TIsa.Store(TIsa.Fma(cv, x0, TIsa.Multiply(sv, y0)), x);
                    TIsa.Store(TIsa.Fma(cv, x1, TIsa.Multiply(sv, y1)), x + w);
                    TIsa.Store(TIsa.Fma(cv, x2, TIsa.Multiply(sv, y2)), x + (2 * w));
                    TIsa.Store(TIsa.Fma(cv, x3, TIsa.Multiply(sv, y3)), x + (3 * w));
                    TIsa.Store(TIsa.Fma(cv, y0, TIsa.Multiply(nsv, x0)), y);
                    TIsa.Store(TIsa.Fma(cv, y1, TIsa.Multiply(nsv, x1)), y + w);
                    TIsa.Store(TIsa.Fma(cv, y2, TIsa.Multiply(nsv, x2)), y + (2 * w));
                    TIsa.Store(TIsa.Fma(cv, y3, TIsa.Multiply(nsv, x3)), y + (3 * w));
                    x += 4 * w;
                    y += 4 * w;
                }
            }
        }
    }

    private static void WavefrontScalar<T>(T* row0, nint ld, ReadOnlySpan<int> lo, ReadOnlySpan<int> count, ReadOnlySpan<int> first, int step, int tMin, int tMax, T* c, T* s, T sign)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int sweeps = lo.Length;
        for (int t = tMin; t <= tMax; t++)
        {
            for (int q = 0; q < sweeps; q++)
            {
                int j = t - (2 * q) - lo[q];
                if ((uint)j >= (uint)count[q])
                {
                    continue;
                }

                int i = lo[q] + j;
                T* x = row0 + (i * ld);
                T* y = x + ld;
                int o = first[q] + (step * j);
                T cs = c[o], sn = sign * s[o];
                T xv = *x, yv = *y;
                *x = T.FusedMultiplyAdd(cs, xv, sn * yv);
                *y = T.FusedMultiplyAdd(cs, yv, -(sn * xv));
            }
        }
    }
}
