// GemmPacking: copies blocks of op(A) and op(B) into the contiguous, zero-padded micro-panel
// layouts the micro-kernel streams through (Goto & van de Geijn, "Anatomy of high-performance
// matrix multiplication", ACM TOMS 2008, §4–5).
//
//   A block (mb×kb of op(A)) → ⌈mb/MR⌉ panels; panel r, step k holds op(A)[r·MR + i, k] for
//                               i < MR at dst[r·MR·kb + k·MR + i].
//   B block (kb×nb of op(B)) → ⌈nb/NR⌉ panels; panel q, step k holds op(B)[k, q·NR + j] for
//                               j < NR at dst[q·NR·kb + k·NR + j].
// Rows of A past mb and columns of B past nb are written as zeros, so edge tiles run the same
// full-size micro-kernel; their padded results are discarded, never stored to C.
//
// Transposition lives only here: op(X) = X reads rows, op(X) = Xᵀ reads columns, and the
// micro-kernel never knows which.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static unsafe class GemmPacking
{
    /// <summary>Packs the mb×kb block of op(A) whose (0,0) element is at <paramref name="a"/> (rows of the stored A are <paramref name="lda"/> apart).</summary>
    public static void PackA<T>(Transpose transA, T* a, nint lda, int mb, int kb, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int mr = GemmMicroKernel.Rows;
        for (int r = 0; r < mb; r += mr)
        {
            int rows = mb - r < mr ? mb - r : mr;
            T* panel = dst + ((nint)r * kb);
            if (transA == Transpose.No)
            {
                // op(A)[r + i, k] = A[(r + i)·lda + k]: read each stored row contiguously, scatter with stride MR.
                for (int i = 0; i < rows; i++)
                {
                    T* src = a + ((r + i) * lda);
                    T* d = panel + i;
                    for (int k = 0; k < kb; k++)
                    {
                        d[k * mr] = src[k];
                    }
                }
            }
            else
            {
                // op(A)[r + i, k] = A[k·lda + r + i]: MR consecutive elements of stored row k.
                for (int k = 0; k < kb; k++)
                {
                    new ReadOnlySpan<T>(a + ((k * lda) + r), rows).CopyTo(new Span<T>(panel + (k * mr), rows));
                }
            }

            if (rows < mr)
            {
                for (int k = 0; k < kb; k++)
                {
                    for (int i = rows; i < mr; i++)
                    {
                        panel[(k * mr) + i] = T.Zero;
                    }
                }
            }
        }
    }

    /// <summary>Packs the kb×nb block of op(B) whose (0,0) element is at <paramref name="b"/> (rows of the stored B are <paramref name="ldb"/> apart), in panels of <paramref name="nr"/> columns.</summary>
    public static void PackB<T>(Transpose transB, T* b, nint ldb, int kb, int nb, int nr, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int q = 0; q < nb; q += nr)
        {
            int cols = nb - q < nr ? nb - q : nr;
            T* panel = dst + ((nint)q * kb);
            if (transB == Transpose.No)
            {
                // op(B)[k, q + j] = B[k·ldb + q + j]: NR consecutive elements of stored row k.
                for (int k = 0; k < kb; k++)
                {
                    T* d = panel + (k * nr);
                    new ReadOnlySpan<T>(b + ((k * ldb) + q), cols).CopyTo(new Span<T>(d, cols));
                    new Span<T>(d + cols, nr - cols).Clear();
                }
            }
            else
            {
                // op(B)[k, q + j] = B[(q + j)·ldb + k]: read stored rows contiguously, scatter with stride NR.
                for (int j = 0; j < cols; j++)
                {
                    T* src = b + ((q + j) * ldb);
                    T* d = panel + j;
                    for (int k = 0; k < kb; k++)
                    {
                        d[k * nr] = src[k];
                    }
                }

                if (cols < nr)
                {
                    for (int k = 0; k < kb; k++)
                    {
                        for (int j = cols; j < nr; j++)
                        {
                            panel[(k * nr) + j] = T.Zero;
                        }
                    }
                }
            }
        }
    }
}
