// PanelCopy: the two data movements gemm's packing is made of, on raw strided memory.
//
//   Copy:      dst[k·ldd + i] = src[k·lds + i]   for k < count, i < width   (rows stay rows)
//   Transpose: dst[k·ldd + i] = src[i·lds + k]   for i < rows,  k < cols    (rows become columns)
//
// Both move bits only (no arithmetic), so every code path below produces identical output; the
// vector paths exist for speed alone. Transpose works on square tiles held in registers, so each
// source row and each destination row is read or written a whole vector at a time instead of one
// strided element at a time: with AVX 4×4 (double) or 8×8 (float) tiles, by the in-lane
// unpack/shuffle followed by a 128-bit lane permute (the textbook in-register transpose); at 128-bit
// width (SSE2, AdvSimd) 2×2 or 4×4 tiles, by interleaving 32- and 64-bit lanes (unpcklps/unpcklpd,
// zip1/zip2). Elements outside whole tiles are moved one by one. Nothing is read or written outside
// the stated index ranges.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Hig.Numerics;

internal static unsafe class PanelCopy
{
    /// <summary>dst[k·ldd + i] = src[k·lds + i] for k &lt; <paramref name="count"/>, i &lt; <paramref name="width"/>.</summary>
    public static void Copy<T>(T* src, nint lds, int count, int width, T* dst, nint ldd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < count; k++)
        {
            CopyRow(src + (k * lds), width, dst + (k * ldd));
        }
    }

    /// <summary>dst[i] = src[i] for i &lt; <paramref name="width"/>, a 256-bit (else 128-bit) vector at a time where the hardware has them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyRow<T>(T* src, int width, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= width - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256.Store(Vector256.Load(src + i), dst + i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= width - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128.Store(Vector128.Load(src + i), dst + i);
            }
        }

        for (; i < width; i++)
        {
            dst[i] = src[i];
        }
    }

    /// <summary>dst[k·ldd + i] = 0 for k &lt; <paramref name="count"/>, <paramref name="from"/> ≤ i &lt; <paramref name="width"/> (the zero padding of edge panels).</summary>
    public static void ClearColumns<T>(T* dst, nint ldd, int count, int from, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < count; k++)
        {
            T* d = dst + (k * ldd);
            for (int i = from; i < width; i++)
            {
                d[i] = T.Zero;
            }
        }
    }

    /// <summary>dst[k·ldd + i] = src[i·lds + k] for i &lt; <paramref name="rows"/>, k &lt; <paramref name="cols"/>.</summary>
    public static void Transpose<T>(T* src, nint lds, int rows, int cols, T* dst, nint ldd)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Whole tiles first (AVX: 4×4 double, 8×8 float; 128-bit: 2×2 double, 4×4 float), then every element they
        // did not cover, one by one.
        int tiledRows = 0, tiledCols = 0;
        if (Avx.IsSupported && (typeof(T) == typeof(double) || typeof(T) == typeof(float)))
        {
            int tile = typeof(T) == typeof(float) ? 8 : 4;
            tiledRows = rows / tile * tile;
            tiledCols = cols / tile * tile;
            if (typeof(T) == typeof(double))
            {
                TransposeTiles4((double*)src, lds, tiledRows, tiledCols, (double*)dst, ldd);
            }
            else
            {
                TransposeTiles8((float*)src, lds, tiledRows, tiledCols, (float*)dst, ldd);
            }
        }
        else if (Lanes128.IsSupported && (typeof(T) == typeof(double) || typeof(T) == typeof(float)))
        {
            int tile = typeof(T) == typeof(float) ? 4 : 2;
            tiledRows = rows / tile * tile;
            tiledCols = cols / tile * tile;
            if (typeof(T) == typeof(double))
            {
                TransposeTiles2((double*)src, lds, tiledRows, tiledCols, (double*)dst, ldd);
            }
            else
            {
                TransposeTiles4((float*)src, lds, tiledRows, tiledCols, (float*)dst, ldd);
            }
        }

        TransposeRemainder(src, lds, tiledRows, tiledCols, rows, cols, dst, ldd);
    }

    /// <summary>
    /// The element-by-element transpose of every (i, k) outside the tiled block [0, <paramref name="tiledRows"/>) ×
    /// [0, <paramref name="tiledCols"/>); with an empty tiled block, the whole transpose (the route without AVX).
    /// </summary>
    internal static void TransposeRemainder<T>(T* src, nint lds, int tiledRows, int tiledCols, int rows, int cols, T* dst, nint ldd)
        where T : unmanaged
    {
        for (int i = 0; i < rows; i++)
        {
            T* s = src + (i * lds);
            for (int k = i < tiledRows ? tiledCols : 0; k < cols; k++)
            {
                dst[(k * ldd) + i] = s[k];
            }
        }
    }

    /// <summary>4×4 double tiles over rows [0, <paramref name="rows4"/>) × cols [0, <paramref name="cols4"/>), both multiples of 4.</summary>
    private static void TransposeTiles4(double* src, nint lds, int rows4, int cols4, double* dst, nint ldd)
    {
        for (int i = 0; i < rows4; i += 4)
        {
            double* s0 = src + (i * lds);
            double* s1 = s0 + lds;
            double* s2 = s1 + lds;
            double* s3 = s2 + lds;
            for (int k = 0; k < cols4; k += 4)
            {
                Vector256<double> r0 = Avx.LoadVector256(s0 + k);
                Vector256<double> r1 = Avx.LoadVector256(s1 + k);
                Vector256<double> r2 = Avx.LoadVector256(s2 + k);
                Vector256<double> r3 = Avx.LoadVector256(s3 + k);

                // t0 = [r0₀ r1₀ r0₂ r1₂], t1 = [r0₁ r1₁ r0₃ r1₃], t2/t3 likewise for r2, r3.
                Vector256<double> t0 = Avx.UnpackLow(r0, r1);
                Vector256<double> t1 = Avx.UnpackHigh(r0, r1);
                Vector256<double> t2 = Avx.UnpackLow(r2, r3);
                Vector256<double> t3 = Avx.UnpackHigh(r2, r3);

                // Column c of the tile = [r0_c r1_c r2_c r3_c]: low lanes (0x20) give c = 0, 1; high lanes (0x31) c = 2, 3.
                double* d = dst + (k * ldd) + i;
                Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
                Avx.Store(d + ldd, Avx.Permute2x128(t1, t3, 0x20));
                Avx.Store(d + (2 * ldd), Avx.Permute2x128(t0, t2, 0x31));
                Avx.Store(d + (3 * ldd), Avx.Permute2x128(t1, t3, 0x31));
            }
        }
    }

    /// <summary>8×8 float tiles over rows [0, <paramref name="rows8"/>) × cols [0, <paramref name="cols8"/>), both multiples of 8.</summary>
    private static void TransposeTiles8(float* src, nint lds, int rows8, int cols8, float* dst, nint ldd)
    {
        for (int i = 0; i < rows8; i += 8)
        {
            float* s = src + (i * lds);
            for (int k = 0; k < cols8; k += 8)
            {
                Vector256<float> r0 = Avx.LoadVector256(s + k);
                Vector256<float> r1 = Avx.LoadVector256(s + lds + k);
                Vector256<float> r2 = Avx.LoadVector256(s + (2 * lds) + k);
                Vector256<float> r3 = Avx.LoadVector256(s + (3 * lds) + k);
                Vector256<float> r4 = Avx.LoadVector256(s + (4 * lds) + k);
                Vector256<float> r5 = Avx.LoadVector256(s + (5 * lds) + k);
                Vector256<float> r6 = Avx.LoadVector256(s + (6 * lds) + k);
                Vector256<float> r7 = Avx.LoadVector256(s + (7 * lds) + k);

                // Pairs interleaved: t0 = [r0₀ r1₀ r0₁ r1₁ | r0₄ r1₄ r0₅ r1₅], t1 = [r0₂ r1₂ r0₃ r1₃ | r0₆ r1₆ r0₇ r1₇], ...
                Vector256<float> t0 = Avx.UnpackLow(r0, r1);
                Vector256<float> t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3);
                Vector256<float> t3 = Avx.UnpackHigh(r2, r3);
                Vector256<float> t4 = Avx.UnpackLow(r4, r5);
                Vector256<float> t5 = Avx.UnpackHigh(r4, r5);
                Vector256<float> t6 = Avx.UnpackLow(r6, r7);
                Vector256<float> t7 = Avx.UnpackHigh(r6, r7);

                // Quads: u0 = [r0₀ r1₀ r2₀ r3₀ | r0₄ r1₄ r2₄ r3₄], u1 = column 1 | 5, u2 = 2 | 6, u3 = 3 | 7; u4..u7 for rows 4..7.
                Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44);
                Vector256<float> u1 = Avx.Shuffle(t0, t2, 0xEE);
                Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44);
                Vector256<float> u3 = Avx.Shuffle(t1, t3, 0xEE);
                Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44);
                Vector256<float> u5 = Avx.Shuffle(t4, t6, 0xEE);
                Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44);
                Vector256<float> u7 = Avx.Shuffle(t5, t7, 0xEE);

                // Column c = low halves (c < 4) or high halves (c ≥ 4) of the rows-0..3 and rows-4..7 quads.
                float* d = dst + (k * ldd) + i;
                Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
                Avx.Store(d + ldd, Avx.Permute2x128(u1, u5, 0x20));
                Avx.Store(d + (2 * ldd), Avx.Permute2x128(u2, u6, 0x20));
                Avx.Store(d + (3 * ldd), Avx.Permute2x128(u3, u7, 0x20));
                Avx.Store(d + (4 * ldd), Avx.Permute2x128(u0, u4, 0x31));
                Avx.Store(d + (5 * ldd), Avx.Permute2x128(u1, u5, 0x31));
                Avx.Store(d + (6 * ldd), Avx.Permute2x128(u2, u6, 0x31));
                Avx.Store(d + (7 * ldd), Avx.Permute2x128(u3, u7, 0x31));
            }
        }
    }

    /// <summary>2×2 double tiles (128-bit) over rows [0, <paramref name="rows2"/>) × cols [0, <paramref name="cols2"/>), both even.</summary>
    private static void TransposeTiles2(double* src, nint lds, int rows2, int cols2, double* dst, nint ldd)
    {
        for (int i = 0; i < rows2; i += 2)
        {
            double* s0 = src + (i * lds);
            double* s1 = s0 + lds;
            for (int k = 0; k < cols2; k += 2)
            {
                Vector128<double> r0 = Vector128.Load(s0 + k), r1 = Vector128.Load(s1 + k);
                double* d = dst + (k * ldd) + i;
                Vector128.Store(Lanes128.InterleaveLow(r0, r1), d);        // column k:     [r0ₖ r1ₖ]
                Vector128.Store(Lanes128.InterleaveHigh(r0, r1), d + ldd); // column k + 1: [r0ₖ₊₁ r1ₖ₊₁]
            }
        }
    }

    /// <summary>4×4 float tiles (128-bit) over rows [0, <paramref name="rows4"/>) × cols [0, <paramref name="cols4"/>), both multiples of 4.</summary>
    private static void TransposeTiles4(float* src, nint lds, int rows4, int cols4, float* dst, nint ldd)
    {
        for (int i = 0; i < rows4; i += 4)
        {
            float* s = src + (i * lds);
            for (int k = 0; k < cols4; k += 4)
            {
                Vector128<float> r0 = Vector128.Load(s + k), r1 = Vector128.Load(s + lds + k);
                Vector128<float> r2 = Vector128.Load(s + (2 * lds) + k), r3 = Vector128.Load(s + (3 * lds) + k);

                // 32-bit interleave: t0 = [r0₀ r1₀ r0₁ r1₁], t1 = [r2₀ r3₀ r2₁ r3₁], t2/t3 the same for lanes 2, 3.
                Vector128<double> t0 = Lanes128.InterleaveLow(r0, r1).AsDouble(), t1 = Lanes128.InterleaveLow(r2, r3).AsDouble();
                Vector128<double> t2 = Lanes128.InterleaveHigh(r0, r1).AsDouble(), t3 = Lanes128.InterleaveHigh(r2, r3).AsDouble();

                // 64-bit interleave of the pairs: column c = [r0_c r1_c r2_c r3_c].
                float* d = dst + (k * ldd) + i;
                Vector128.Store(Lanes128.InterleaveLow(t0, t1).AsSingle(), d);
                Vector128.Store(Lanes128.InterleaveHigh(t0, t1).AsSingle(), d + ldd);
                Vector128.Store(Lanes128.InterleaveLow(t2, t3).AsSingle(), d + (2 * ldd));
                Vector128.Store(Lanes128.InterleaveHigh(t2, t3).AsSingle(), d + (3 * ldd));
            }
        }
    }

    /// <summary>The two-source lane interleaves of 128-bit transposes, on SSE2 (unpck) and AdvSimd (zip1/zip2).</summary>
    private static class Lanes128
    {
        public static bool IsSupported => Sse2.IsSupported || AdvSimd.Arm64.IsSupported;

        /// <summary>[a₀ b₀ a₁ b₁] (float) or [a₀ b₀] (double).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> InterleaveLow(Vector128<float> a, Vector128<float> b) =>
            Sse.IsSupported ? Sse.UnpackLow(a, b) : AdvSimd.Arm64.ZipLow(a, b);

        /// <summary>[a₂ b₂ a₃ b₃].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> InterleaveHigh(Vector128<float> a, Vector128<float> b) =>
            Sse.IsSupported ? Sse.UnpackHigh(a, b) : AdvSimd.Arm64.ZipHigh(a, b);

        /// <summary>[a₀ b₀].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> InterleaveLow(Vector128<double> a, Vector128<double> b) =>
            Sse2.IsSupported ? Sse2.UnpackLow(a, b) : AdvSimd.Arm64.ZipLow(a, b);

        /// <summary>[a₁ b₁].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> InterleaveHigh(Vector128<double> a, Vector128<double> b) =>
            Sse2.IsSupported ? Sse2.UnpackHigh(a, b) : AdvSimd.Arm64.ZipHigh(a, b);
    }
}
