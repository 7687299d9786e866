// GemmBlocking: the cache-blocking parameters of gemm (Goto & van de Geijn 2008; BLIS's
// MC/KC/NC), chosen for the caches of current x86 servers (48 KiB L1d, ≥ 1 MiB L2 per core):
//   KC = 256: a kc×NR micro-panel of B (48 KiB for double at NR = 24) is reused from L1 across
//            the MR-row sweeps; K is consumed in blocks of KC.
//   MC = 192: the packed MC×KC block of A (384 KiB double) stays in L2.
//   NC ≈ 2048: the packed KC×NC block of B (4 MiB double) stays in the shared L3.
// Results depend on KC (it fixes where each C element's running sum is rounded back into C), so
// KC is the same for every vector width and every degree of parallelism. MC and NC only change
// speed, never results.
namespace Hig.Numerics;

internal static class GemmBlocking
{
    /// <summary>KC: depth of one packed block. Fixed (results depend on it).</summary>
    public const int Kc = 256;

    /// <summary>Target MC: rows of op(A) packed at a time, rounded down to a multiple of MR.</summary>
    public const int McTarget = 192;

    /// <summary>Target NC: columns of op(B) packed at a time, rounded down to a multiple of NR.</summary>
    public const int NcTarget = 2048;

    /// <summary>Below this many multiply-adds (m·n·k) a product is not worth splitting across threads.</summary>
    public const long ParallelThreshold = 1L << 20;

    /// <summary>MC for a micro-tile of <paramref name="mr"/> rows (192 for MR = 4, 6 and 8).</summary>
    public static int Mc(int mr) => McTarget / mr * mr;

    /// <summary>NC for a micro-tile width of <paramref name="nr"/> columns.</summary>
    public static int Nc(int nr) => NcTarget / nr * nr;
}
