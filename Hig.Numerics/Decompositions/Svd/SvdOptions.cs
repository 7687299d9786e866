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
    /// <see cref="BlockedCrossover"/> = 96, <see cref="SortByNorm"/> = true.</summary>
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
}
