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
// Transposition lives only here: a panel is either a strided copy of stored rows (op(A) = Aᵀ,
// op(B) = B) or a transpose of stored rows (op(A) = A, op(B) = Bᵀ), both done by PanelCopy; the
// micro-kernel never knows which. Packing moves bits only, so it cannot change any result.
using System.Numerics;

namespace Hig.Numerics;

internal static unsafe class GemmPacking
{
    /// <summary>Packs the mb×kb block of op(A) whose (0,0) element is at <paramref name="a"/> (rows of the stored A are <paramref name="lda"/> apart), in panels of <paramref name="mr"/> rows.</summary>
    public static void PackA<T>(Transpose transA, T* a, nint lda, int mb, int kb, int mr, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < mb; r += mr)
        {
            int rows = mb - r < mr ? mb - r : mr;
            T* panel = dst + ((nint)r * kb);
            if (transA == Transpose.No)
            {
                // op(A)[r + i, k] = A[(r + i)·lda + k]: stored rows r.. become the panel's columns.
                PanelCopy.Transpose(a + (r * lda), lda, rows, kb, panel, mr);
            }
            else
            {
                // op(A)[r + i, k] = A[k·lda + r + i]: MR consecutive elements of stored row k.
                PanelCopy.Copy(a + r, lda, kb, rows, panel, mr);
            }

            if (rows < mr)
            {
                PanelCopy.ClearColumns(panel, mr, kb, rows, mr);
            }
        }
    }

    /// <summary>Packs the kb×nb block of op(B) whose (0,0) element is at <paramref name="b"/> (rows of the stored B are <paramref name="ldb"/> apart), in panels of <paramref name="nr"/> columns.</summary>
    public static void PackB<T>(Transpose transB, T* b, nint ldb, int kb, int nb, int nr, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (transB == Transpose.No)
        {
            // op(B)[k, q + j] = B[k·ldb + q + j]. Stored row k is read once, left to right, and dealt out NR
            // elements to each panel: sequential reads, where panel by panel would stride down the rows.
            int whole = nb / nr * nr;
            for (int k = 0; k < kb; k++)
            {
                T* src = b + (k * ldb);
                T* d = dst + (k * nr);
                for (int q = 0; q < whole; q += nr)
                {
                    PanelCopy.CopyRow(src + q, nr, d + ((nint)q * kb));
                }
            }

            if (whole < nb)
            {
                T* panel = dst + ((nint)whole * kb);
                PanelCopy.Copy(b + whole, ldb, kb, nb - whole, panel, nr);
                PanelCopy.ClearColumns(panel, nr, kb, nb - whole, nr);
            }

            return;
        }

        for (int q = 0; q < nb; q += nr)
        {
            // op(B)[k, q + j] = B[(q + j)·ldb + k]: stored rows q.. become the panel's columns.
            int cols = nb - q < nr ? nb - q : nr;
            T* panel = dst + ((nint)q * kb);
            PanelCopy.Transpose(b + (q * ldb), ldb, cols, kb, panel, nr);
            if (cols < nr)
            {
                PanelCopy.ClearColumns(panel, nr, kb, cols, nr);
            }
        }
    }
}
