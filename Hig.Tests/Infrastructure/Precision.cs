using System;
using System.Numerics;

namespace Hig.Tests.Infrastructure;

/// <summary>
/// Machine constants for tolerances. Every test tolerance is written as a multiple of <see cref="Eps{T}"/>
/// with the multiple justified beside it.
/// </summary>
public static class Precision
{
    /// <summary>
    /// ε = 2^(1−p), the spacing of <typeparamref name="T"/> at 1 (2⁻⁵² for double, 2⁻²³ for float); LAPACK's
    /// dlamch('P'), the "ulp" of its test ratios. The unit roundoff is ε/2.
    /// </summary>
    public static T Eps<T>()
        where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? T.CreateTruncating(Math.ScaleB(1.0, -52)) : T.CreateTruncating(Math.ScaleB(1.0, -23));

    /// <summary><see cref="Eps{T}"/> as a double, for tolerances computed in double.</summary>
    public static double EpsOf<T>()
        where T : IFloatingPointIeee754<T> =>
        double.CreateTruncating(Eps<T>());

    /// <summary>The smallest positive normal number of <typeparamref name="T"/> (LAPACK's dlamch('S')).</summary>
    public static T SafeMin<T>()
        where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? T.CreateTruncating(double.Pow(2, -1022)) : T.CreateTruncating(float.Pow(2, -126));

    /// <summary>The largest finite number of <typeparamref name="T"/>.</summary>
    public static T Max<T>()
        where T : IFloatingPointIeee754<T> =>
        typeof(T) == typeof(double) ? T.CreateTruncating(double.MaxValue) : T.CreateTruncating(float.MaxValue);
}
