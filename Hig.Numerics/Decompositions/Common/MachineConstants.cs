// MachineConstants: LAPACK's dlamch values for float and double, named as LAPACK names them.
using System.Numerics;

namespace Hig.Numerics;

internal static class MachineConstants<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Digits p of the significand (53 for double, 24 for float).</summary>
    public static readonly int Digits = typeof(T) == typeof(double) ? 53 : 24;

    /// <summary>dlamch('E'): relative machine precision 2^(−p) (the unit roundoff).</summary>
    public static readonly T Eps = T.ScaleB(T.One, -Digits);

    /// <summary>dlamch('P'): ε·base = 2^(1−p), one ulp at 1.</summary>
    public static readonly T Ulp = T.ScaleB(T.One, 1 - Digits);

    /// <summary>dlamch('S'): the smallest normal number, whose reciprocal does not overflow.</summary>
    public static readonly T SafeMin = T.ScaleB(T.One, typeof(T) == typeof(double) ? -1022 : -126);

    /// <summary>1 / <see cref="SafeMin"/>.</summary>
    public static readonly T SafeMax = T.One / SafeMin;

    /// <summary>dgesvd's smlnum = √safmin / ulp: the lower edge of the range the SVD works in.</summary>
    public static readonly T SmallNumber = T.Sqrt(SafeMin) / Ulp;

    /// <summary>dgesvd's bignum = 1 / smlnum.</summary>
    public static readonly T BigNumber = T.One / SmallNumber;
}
