// NarrowProduct: C ← A·B (optionally ⊙ a row-scaling matrix D) for a narrow B, the shape of the small networks' layer
// products (b·s rows of sensitivities times a 20×20 weight matrix; b rows of activations times a 4×20 one).
//
// Each row of C is Σ_p A[r, p]·B[p, :]: a broadcast of A[r, p] times a contiguous row of B, accumulated in vector
// registers for eight rows of A at a time (the row-broadcast form of the register-tiled gemm, Goto & van de Geijn 2008,
// with B small enough to stay in L1 and no packing). Blas.Gemm packs both operands and tiles C in 8×24 (double) or
// 8×48 (float) blocks, so for n ≈ 20 columns and short k most of its work is packing and padding; this kernel has
// neither.
//
// Invariant (determinism, agreement with Blas.Gemm): every element of C is the sequence of multiply-adds (Arithmetic.MultiplyAdd) over p
// in order, starting from 0, exactly as Blas.Gemm computes it for k ≤ 256 (then α = 1 and β = 0 change nothing), and
// the optional product with D is one more rounding, as Elementwise.Multiply. So the result is bitwise that of Gemm
// followed by Elementwise.Multiply, for every vector width and alignment.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class NarrowProduct
{
    /// <summary>Rows of A (and C) per register block: eight independent accumulator chains hide the multiply-add latency.</summary>
    private const int RowBlock = 8;

    /// <summary>Widest B (columns) this kernel is used for; wider products go to Blas.Gemm.</summary>
    public const int MaxColumns = 32;

    /// <summary>Longest inner dimension: Blas.Gemm rounds its accumulators back into C every 256 steps.</summary>
    public const int MaxDepth = 256;

    /// <summary>Whether C = A·B with B k×n is done here (n ≤ <see cref="MaxColumns"/>, k ≤ <see cref="MaxDepth"/>).</summary>
    public static bool Applies(int k, int n) => n <= MaxColumns && k <= MaxDepth;

    /// <summary>
    /// c ← a·b, then, when <paramref name="scale"/> is not empty, c[r, :] ← c[r, :] ⊙ scale[r / rowsPerScale, :].
    /// a is m×k, b k×n (row-major, contiguous rows), c m×n; shapes are the caller's responsibility (checked here).
    /// </summary>
    public static void Multiply<T>(ReadOnlyMatrixView<T> a, ReadOnlyMatrixView<T> b, MatrixView<T> c, ReadOnlyMatrixView<T> scale, int rowsPerScale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, k = a.Cols, n = b.Cols;
        NnGuard.MatrixShape(b.Rows, b.Cols, k, n, nameof(b), "the right factor");
        NnGuard.MatrixShape(c.Rows, c.Cols, m, n, nameof(c), "the product");
        bool scaled = !scale.Span.IsEmpty;
        if (scaled)
        {
            NnGuard.MatrixShape(scale.Rows, scale.Cols, (m + rowsPerScale - 1) / rowsPerScale, n, nameof(scale), "the row scaling");
        }

        ref T a0 = ref MemoryMarshal.GetReference(a.Span);
        ref T b0 = ref MemoryMarshal.GetReference(b.Span);
        ref T c0 = ref MemoryMarshal.GetReference(c.Span);
        ref T s0 = ref MemoryMarshal.GetReference(scale.Span);
        int lda = a.RowStride, ldb = b.RowStride, ldc = c.RowStride, lds = scale.RowStride;
        int r = 0;
        for (; r < m; r += RowBlock)
        {
            int rows = m - r < RowBlock ? m - r : RowBlock;
            ref T ar = ref Unsafe.Add(ref a0, (nint)r * lda);
            ref T cr = ref Unsafe.Add(ref c0, (nint)r * ldc);
            int col = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                col = Blocks<T, Vector512<T>, Isa512<T>>(col, n, ref ar, lda, ref b0, ldb, ref cr, ldc, rows, k, scaled, ref s0, lds, r, rowsPerScale);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                col = Blocks<T, Vector256<T>, Isa256<T>>(col, n, ref ar, lda, ref b0, ldb, ref cr, ldc, rows, k, scaled, ref s0, lds, r, rowsPerScale);
            }

            col = Blocks<T, Vector128<T>, Isa128<T>>(col, n, ref ar, lda, ref b0, ldb, ref cr, ldc, rows, k, scaled, ref s0, lds, r, rowsPerScale);
            for (; col < n; col++)
            {
                for (int i = 0; i < rows; i++)
                {
                    ref T ai = ref Unsafe.Add(ref ar, (nint)i * lda);
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++)
                    {
                        sum = Arithmetic.MultiplyAdd(Unsafe.Add(ref ai, p), Unsafe.Add(ref b0, ((nint)p * ldb) + col), sum);
                    }

                    if (scaled)
                    {
                        sum *= Unsafe.Add(ref s0, ((nint)((r + i) / rowsPerScale) * lds) + col);
                    }

                    Unsafe.Add(ref cr, ((nint)i * ldc) + col) = sum;
                }
            }
        }
    }

    /// <summary>Whole vectors of columns from <paramref name="col"/> on, one <see cref="Block"/> each; returns the first column left over.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Blocks<T, TVec, TIsa>(int col, int n, ref T ar, int lda, ref T b0, int ldb, ref T cr, int ldc, int rows, int k,
        bool scaled, ref T s0, int lds, int firstRow, int rowsPerScale)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        for (; col <= n - TIsa.Count; col += TIsa.Count)
        {
            Block<T, TVec, TIsa>(ref ar, lda, ref Unsafe.Add(ref b0, col), ldb, ref Unsafe.Add(ref cr, col), ldc, rows, k,
                scaled, ref Unsafe.Add(ref s0, col), lds, firstRow, rowsPerScale);
        }

        return col;
    }

    /// <summary>One vector of columns for up to eight rows; rows beyond <paramref name="rows"/> are not read or written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block<T, TVec, TIsa>(ref T a, int lda, ref T b, int ldb, ref T c, int ldc, int rows, int k,
        bool scaled, ref T s, int lds, int firstRow, int rowsPerScale)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        TVec c0 = TIsa.Zero, c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        // Rows past the block's end read row 0 again (their results are not stored).
        ref T a1 = ref Unsafe.Add(ref a, rows > 1 ? 1 * lda : 0);
        ref T a2 = ref Unsafe.Add(ref a, rows > 2 ? 2 * lda : 0);
        ref T a3 = ref Unsafe.Add(ref a, rows > 3 ? 3 * lda : 0);
        ref T a4 = ref Unsafe.Add(ref a, rows > 4 ? 4 * lda : 0);
        ref T a5 = ref Unsafe.Add(ref a, rows > 5 ? 5 * lda : 0);
        ref T a6 = ref Unsafe.Add(ref a, rows > 6 ? 6 * lda : 0);
        ref T a7 = ref Unsafe.Add(ref a, rows > 7 ? 7 * lda : 0);
        for (int p = 0; p < k; p++)
        {
            TVec w = TIsa.LoadUnsafe(ref b, (nuint)((nint)p * ldb));
            c0 = TIsa.MultiplyAdd(TIsa.Broadcast(Unsafe.Add(ref a, p)), w, c0);
            c1 = TIsa.MultiplyAdd(TIsa.Broadcast(Unsafe.Add(ref a1, p)), w, c1);
            c2 = TIsa.MultiplyAdd(TIsa.Broadcast(Unsafe.Add(ref a2, p)), w, c2);
            c3 = TIsa.MultiplyAdd(TIsa.Broadcast(Unsafe.Add(ref a3, p)), w, c3);
            c4 = TIsa.MultiplyAdd(TIsa.Broadcast(Unsafe.Add(ref a4, p)), w, c4);
            c5 = TIsa.MultiplyAdd(TIsa.Broadcast(Unsafe.Add(ref a5, p)), w, c5);
            c6 = TIsa.MultiplyAdd(TIsa.Broadcast(Unsafe.Add(ref a6, p)), w, c6);
            c7 = TIsa.MultiplyAdd(TIsa.Broadcast(Unsafe.Add(ref a7, p)), w, c7);
        }

        Store<T, TVec, TIsa>(c0, ref c, 0, scaled, ref s, lds, firstRow, rowsPerScale);
        if (rows > 1)
        {
            Store<T, TVec, TIsa>(c1, ref Unsafe.Add(ref c, 1 * ldc), 1, scaled, ref s, lds, firstRow, rowsPerScale);
        }

        if (rows > 2)
        {
            Store<T, TVec, TIsa>(c2, ref Unsafe.Add(ref c, 2 * ldc), 2, scaled, ref s, lds, firstRow, rowsPerScale);
        }

        if (rows > 3)
        {
            Store<T, TVec, TIsa>(c3, ref Unsafe.Add(ref c, 3 * ldc), 3, scaled, ref s, lds, firstRow, rowsPerScale);
        }

        if (rows > 4)
        {
            Store<T, TVec, TIsa>(c4, ref Unsafe.Add(ref c, 4 * ldc), 4, scaled, ref s, lds, firstRow, rowsPerScale);
        }

        if (rows > 5)
        {
            Store<T, TVec, TIsa>(c5, ref Unsafe.Add(ref c, 5 * ldc), 5, scaled, ref s, lds, firstRow, rowsPerScale);
        }

        if (rows > 6)
        {
            Store<T, TVec, TIsa>(c6, ref Unsafe.Add(ref c, 6 * ldc), 6, scaled, ref s, lds, firstRow, rowsPerScale);
        }

        if (rows > 7)
        {
            Store<T, TVec, TIsa>(c7, ref Unsafe.Add(ref c, 7 * ldc), 7, scaled, ref s, lds, firstRow, rowsPerScale);
        }
    }

    /// <summary>Stores row <paramref name="i"/> of a block, times its row of the scaling when <paramref name="scaled"/> (one more rounding, as Elementwise.Multiply).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T, TVec, TIsa>(TVec v, ref T c, int i, bool scaled, ref T s, int lds, int firstRow, int rowsPerScale)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        if (scaled)
        {
            v = TIsa.Multiply(v, TIsa.LoadUnsafe(ref s, (nuint)((nint)((firstRow + i) / rowsPerScale) * lds)));
        }

        TIsa.StoreUnsafe(v, ref c);
    }
}
