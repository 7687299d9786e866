// RotationKernel: applies a logged run of rotation sweeps to the rows of a row-major matrix Xt (rows are the
// coordinates the rotations mix: Xt holds U or V transposed, so a rotation of columns j, j+1 of U is a rotation of
// the contiguous rows j, j+1 of Xt).
//
// Pairs of sweeps are fused in registers (the register-resident wavefront of Van Zee, van de Geijn &
// Quintana-Ortí, "Restructuring the tridiagonal and bidiagonal QR algorithms for performance", ACM TOMS 40(3), 2014):
// walking down the rows, step i applies rotation i of sweep A (rows i, i+1) and then rotation i−1 of sweep B
// (rows i−1, i). B's rotation i−1 needs exactly A's rotations up to i, which are done, and commutes with A's later
// ones, so the result is that of A followed by B; but each row is loaded once and stored once for two rotations,
// with three rows carried in registers. The matrix is cut into column chunks of four vectors, each small enough
// (rows × 4 vectors) to stay in L2 while every pair of sweeps of the run streams over it.
// A backward sweep (rotations applied in decreasing i) is a forward sweep of the mirrored rows N−1−r with the sine
// negated; a run holds sweeps of one direction (SweepLog splits a log into runs).
// Arithmetic per rotation (c, s) on a pair of rows (x, y): x ← madd(c, x, s·y), y ← madd(c, y, −(s·x)) (madd = Arithmetic.MultiplyAdd), exactly
// Blas.Rot's and element-wise, so results do not depend on the vector width or the chunking.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hig.Numerics;

internal static unsafe class RotationKernel
{
    /// <summary>Rows ahead of the current one that are prefetched (the rows are far apart in memory).</summary>
    private const int PrefetchDistance = 4;

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

        // Per sweep, in application order: the first rotation index (mirrored when backward), the count, and where
        // its first applied rotation sits in c/s (the last logged one, for a backward sweep).
        Span<Sweep> list = sweeps <= 64 ? stackalloc Sweep[sweeps] : new Sweep[sweeps];
        int off = 0;
        for (int q = 0; q < sweeps; q++)
        {
            int l = headers[3 * q], k = headers[(3 * q) + 1];
            list[q] = new Sweep(backward ? n - 1 - (l + k) : l, k, backward ? off + k - 1 : off);
            off += k;
        }

        T sign = backward ? -T.One : T.One;
        int step = backward ? -1 : 1;
        nint ld = backward ? -(nint)xt.RowStride : xt.RowStride;
        int w = TIsa.Count;
        fixed (T* px = xt.Span)
        fixed (T* pc = c)
        fixed (T* ps = s)
        {
            T* row0 = backward ? px + ((nint)(n - 1) * xt.RowStride) : px;
            var ctx = new Context<T>(n, ld, pc, ps, sign, step);
            int j = 0;
            for (; j + (4 * w) <= len; j += 4 * w)
            {
                for (int q = 0; q < sweeps; q += 2)
                {
                    Sweep b = q + 1 < sweeps ? list[q + 1] : Sweep.Empty;
                    PairFour<T, TVec, TIsa>(row0 + j, list[q], b, ctx);
                }
            }

            for (; j + w <= len; j += w)
            {
                for (int q = 0; q < sweeps; q += 2)
                {
                    Sweep b = q + 1 < sweeps ? list[q + 1] : Sweep.Empty;
                    PairOne<T, TVec, TIsa>(row0 + j, list[q], b, ctx);
                }
            }

            for (; j < len; j++)
            {
                foreach (Sweep a in list)
                {
                    SweepScalar(row0 + j, a, ctx);
                }
            }
        }
    }

    /// <summary>Sweeps A then B over a chunk of four vectors per row, fused (see the file header).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PairFour<T, TVec, TIsa>(T* row0, Sweep a, Sweep b, Context<T> ctx)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int w = TIsa.Count;
        int first = Math.Min(a.Lo, b.Count > 0 ? b.Lo + 1 : int.MaxValue);
        int last = Math.Max(a.Lo + a.Count - 1, b.Count > 0 ? b.Lo + b.Count : int.MinValue);
        nint ld = ctx.Ld;
        TVec r00 = default, r01 = default, r02 = default, r03 = default;
        T* p = row0 + ((first - 1) * ld);
        if (first >= 1)
        {
            r00 = TIsa.Load(p);
            r01 = TIsa.Load(p + w);
            r02 = TIsa.Load(p + (2 * w));
            r03 = TIsa.Load(p + (3 * w));
        }

        p += ld;
        TVec r10 = TIsa.Load(p), r11 = TIsa.Load(p + w), r12 = TIsa.Load(p + (2 * w)), r13 = TIsa.Load(p + (3 * w));
        for (int i = first; i <= last; i++)
        {
            T* next = row0 + ((i + 1) * ld);
            TVec r20 = default, r21 = default, r22 = default, r23 = default;
            if (i + 1 < ctx.Rows)
            {
                if (Sse.IsSupported && i + 1 + PrefetchDistance < ctx.Rows)
                {
                    Sse.Prefetch0(next + (PrefetchDistance * ld));
                    Sse.Prefetch0(next + (PrefetchDistance * ld) + (4 * w) - 1);
                }

                r20 = TIsa.Load(next);
                r21 = TIsa.Load(next + w);
                r22 = TIsa.Load(next + (2 * w));
                r23 = TIsa.Load(next + (3 * w));
            }

            int ja = i - a.Lo;
            if ((uint)ja < (uint)a.Count)
            {
                ctx.Coefficients<TVec, TIsa>(a.First + (ctx.Step * ja), out TVec cv, out TVec sv, out TVec nsv);
                Rotate<T, TVec, TIsa>(ref r10, ref r20, cv, sv, nsv);
                Rotate<T, TVec, TIsa>(ref r11, ref r21, cv, sv, nsv);
                Rotate<T, TVec, TIsa>(ref r12, ref r22, cv, sv, nsv);
                Rotate<T, TVec, TIsa>(ref r13, ref r23, cv, sv, nsv);
            }

            int jb = i - 1 - b.Lo;
            if ((uint)jb < (uint)b.Count)
            {
                ctx.Coefficients<TVec, TIsa>(b.First + (ctx.Step * jb), out TVec cv, out TVec sv, out TVec nsv);
                Rotate<T, TVec, TIsa>(ref r00, ref r10, cv, sv, nsv);
                Rotate<T, TVec, TIsa>(ref r01, ref r11, cv, sv, nsv);
                Rotate<T, TVec, TIsa>(ref r02, ref r12, cv, sv, nsv);
                Rotate<T, TVec, TIsa>(ref r03, ref r13, cv, sv, nsv);
            }

            if (i >= 1)
            {
                T* done = next - (2 * ld);
                TIsa.Store(r00, done);
                TIsa.Store(r01, done + w);
                TIsa.Store(r02, done + (2 * w));
                TIsa.Store(r03, done + (3 * w));
            }

            (r00, r01, r02, r03) = (r10, r11, r12, r13);
            (r10, r11, r12, r13) = (r20, r21, r22, r23);
        }

        T* tail = row0 + (last * ld);
        TIsa.Store(r00, tail);
        TIsa.Store(r01, tail + w);
        TIsa.Store(r02, tail + (2 * w));
        TIsa.Store(r03, tail + (3 * w));
        if (last + 1 < ctx.Rows)
        {
            tail += ld;
            TIsa.Store(r10, tail);
            TIsa.Store(r11, tail + w);
            TIsa.Store(r12, tail + (2 * w));
            TIsa.Store(r13, tail + (3 * w));
        }
    }

    /// <summary>The same fused pair over a single vector per row (the last columns of a padded row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PairOne<T, TVec, TIsa>(T* row0, Sweep a, Sweep b, Context<T> ctx)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int first = Math.Min(a.Lo, b.Count > 0 ? b.Lo + 1 : int.MaxValue);
        int last = Math.Max(a.Lo + a.Count - 1, b.Count > 0 ? b.Lo + b.Count : int.MinValue);
        nint ld = ctx.Ld;
        TVec r0 = first >= 1 ? TIsa.Load(row0 + ((first - 1) * ld)) : default;
        TVec r1 = TIsa.Load(row0 + (first * ld));
        for (int i = first; i <= last; i++)
        {
            TVec r2 = i + 1 < ctx.Rows ? TIsa.Load(row0 + ((i + 1) * ld)) : default;
            int ja = i - a.Lo;
            if ((uint)ja < (uint)a.Count)
            {
                ctx.Coefficients<TVec, TIsa>(a.First + (ctx.Step * ja), out TVec cv, out TVec sv, out TVec nsv);
                Rotate<T, TVec, TIsa>(ref r1, ref r2, cv, sv, nsv);
            }

            int jb = i - 1 - b.Lo;
            if ((uint)jb < (uint)b.Count)
            {
                ctx.Coefficients<TVec, TIsa>(b.First + (ctx.Step * jb), out TVec cv, out TVec sv, out TVec nsv);
                Rotate<T, TVec, TIsa>(ref r0, ref r1, cv, sv, nsv);
            }

            if (i >= 1)
            {
                TIsa.Store(r0, row0 + ((i - 1) * ld));
            }

            r0 = r1;
            r1 = r2;
        }

        TIsa.Store(r0, row0 + (last * ld));
        if (last + 1 < ctx.Rows)
        {
            TIsa.Store(r1, row0 + ((last + 1) * ld));
        }
    }

    /// <summary>One sweep on a single column (for rows that are not padded to whole vectors).</summary>
    private static void SweepScalar<T>(T* row0, Sweep a, Context<T> ctx)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < a.Count; j++)
        {
            T* x = row0 + ((a.Lo + j) * ctx.Ld);
            T* y = x + ctx.Ld;
            int o = a.First + (ctx.Step * j);
            T cs = ctx.C[o], sn = ctx.Sign * ctx.S[o];
            T xv = *x, yv = *y;
            *x = Arithmetic.MultiplyAdd(cs, xv, sn * yv);
            *y = Arithmetic.MultiplyAdd(cs, yv, -(sn * xv));
        }
    }

    /// <summary>(x, y) ← (c·x + s·y, c·y − s·x), each one product then one madd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rotate<T, TVec, TIsa>(ref TVec x, ref TVec y, TVec c, TVec s, TVec negS)
        where T : unmanaged
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        TVec xOld = x;
        x = TIsa.MultiplyAdd(c, xOld, TIsa.Multiply(s, y));
        y = TIsa.MultiplyAdd(c, y, TIsa.Multiply(negS, xOld));
    }

    /// <summary>A sweep in application order: rotations Lo … Lo+Count−1; the first applied has c/s index First.</summary>
    private readonly record struct Sweep(int Lo, int Count, int First)
    {
        public static Sweep Empty => new(0, 0, 0);
    }

    /// <summary>The per-run constants the passes share.</summary>
    private readonly struct Context<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public Context(int rows, nint ld, T* c, T* s, T sign, int step)
        {
            Rows = rows;
            Ld = ld;
            C = c;
            S = s;
            Sign = sign;
            Step = step;
        }

        public int Rows { get; }

        public nint Ld { get; }

        public T* C { get; }

        public T* S { get; }

        public T Sign { get; }

        public int Step { get; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Coefficients<TVec, TIsa>(int o, out TVec c, out TVec s, out TVec negS)
            where TVec : struct
            where TIsa : struct, IVectorIsa<T, TVec>
        {
            T sv = Sign * S[o];
            c = TIsa.Broadcast(C[o]);
            s = TIsa.Broadcast(sv);
            negS = TIsa.Broadcast(-sv);
        }
    }
}
