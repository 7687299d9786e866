using System;

namespace Hig.Numerics;

/// <summary>
/// Tunable parameters of the SVD pipeline (<see cref="Svd"/>, <see cref="KappaPower"/>). None of them changes the
/// accuracy guarantees; they trade speed between the stages. <see cref="Default"/> holds the documented defaults.
/// </summary>
public sealed record SvdOptions
{
    private readonly double _preFactorizationRatio = 1.6;
    private readonly int _blockSize = 64;
    private readonly int _blockedCrossover = 96;

    /// <summary>The defaults: <see cref="PreFactorizationRatio"/> = 1.6, <see cref="BlockSize"/> = 64,
    /// <see cref="BlockedCrossover"/> = 96, <see cref="SortByNorm"/> = true,
    /// <see cref="Vectors"/> = <see cref="SvdVectorAlgorithm.DivideAndConquer"/>.</summary>
    public static SvdOptions Default { get; } = new();

    /// <summary>
    /// Aspect ratio at which a QR (tall) or LQ (wide) factorization runs before bidiagonalization, so only the
    /// min(m,n)-square triangular factor is bidiagonalized: QR when m ≥ ratio·n, LQ when n ≥ ratio·m (LAPACK
    /// dgesvd's "mnthr", about 1.6). Default 1.6; must be ≥ 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1 or to NaN.</exception>
    public double PreFactorizationRatio
    {
        get => _preFactorizationRatio;
        init
        {
            if (!(value >= 1.0))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PreFactorizationRatio must be at least 1.");
            }

            _preFactorizationRatio = value;
        }
    }

    /// <summary>
    /// Panel width nb of the blocked Householder stages: compact-WY QR/LQ and forming Q use panels of nb columns (each
    /// panel itself blocked by 16), the blocked bidiagonalization (dgebrd/dlabrd) panels of min(nb, 32). Default 64;
    /// must be ≥ 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int BlockSize
    {
        get => _blockSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _blockSize = value;
        }
    }

    /// <summary>
    /// The bidiagonalization reduces the last max(this, panel width) columns unblocked (LAPACK dgebrd's "nx"), and a
    /// matrix with no more columns than this entirely unblocked. Default 96; must be ≥ 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 0.</exception>
    public int BlockedCrossover
    {
        get => _blockedCrossover;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _blockedCrossover = value;
        }
    }

    /// <summary>
    /// Whether rows and columns are permuted to decreasing 2-norm before factoring (an exact, invertible step undone
    /// in U and V). It lets the Householder stages keep the small singular values of graded matrices D₁·A·D₂ to high
    /// relative accuracy (see docs/svd.md). Default true.
    /// </summary>
    public bool SortByNorm { get; init; } = true;

    /// <summary>
    /// How the thin and full routes find the singular vectors of the bidiagonal: by divide and conquer (Gu &amp;
    /// Eisenstat; LAPACK dbdsdc, dgesdd's choice) or by accumulating the QR iteration's rotations (LAPACK dbdsqr,
    /// dgesvd's). Either way the singular values come from the QR iteration, to high relative accuracy; the vectors
    /// are orthogonal to working precision and satisfy ‖B − UΣVᵀ‖ = O(n·ε·‖B‖) on both. Bidiagonals of order ≤ 25
    /// always take the QR iteration (divide and conquer's leaf size). Default
    /// <see cref="SvdVectorAlgorithm.DivideAndConquer"/>: on a 256×256 bidiagonal it takes about a third of the
    /// QR iteration's time, since it replaces ~1.3·n² rotations of n-vectors by a few gemm calls per merge.
    /// The values-only route and <see cref="KappaPower"/> never form vectors and are not affected.
    /// </summary>
    public SvdVectorAlgorithm Vectors { get; init; } = SvdVectorAlgorithm.DivideAndConquer;
}

/// <summary>How the SVD finds the singular vectors of its bidiagonal stage (see <see cref="SvdOptions.Vectors"/>).</summary>
public enum SvdVectorAlgorithm
{
    /// <summary>Divide and conquer (Gu &amp; Eisenstat 1995; LAPACK dbdsdc), values still from the QR iteration.</summary>
    DivideAndConquer,

    /// <summary>The implicit-shift QR iteration with its rotations accumulated (LAPACK dbdsqr).</summary>
    QrIteration,
}
