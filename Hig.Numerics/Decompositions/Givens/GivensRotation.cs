// GivensRotation: generates a plane rotation that zeroes the second component of a 2-vector, safely.
//
// Computes c, s, r with  [ c  s ] [ f ]   [ r ]
//                        [−s  c ] [ g ] = [ 0 ],   c² + s² = 1,  c ≥ 0,  r = ±√(f² + g²) with the sign of f.
// Reference: LAPACK dlartg as rewritten by Anderson (LAPACK 3.10, "Algorithm 978: Safe scaling in the Level 1
// BLAS", ACM TOMS 2017) — no loops, so it terminates on any input; f and g are scaled by
// u = min(safmax, max(safmin, |f|, |g|)) only when f² + g² could overflow or underflow. In the common unscaled case
// we divide once (by d, then multiply) where dlartg divides twice.
// Invariants: c ∈ [0, 1]; the special cases g = 0 (c = 1, s = 0, r = f) and f = 0 (c = 0, s = ±1, r = |g|) are exact,
// which the bidiagonal QR relies on to keep exact zeros zero.
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

internal static class GivensRotation
{
    /// <summary>dlartg: c, s, r with c·f + s·g = r and −s·f + c·g = 0.</summary>
    /// <remarks>
    /// Inlined into the QR sweeps, where two of these sit on the critical path of every step: the common case (both
    /// |f| and |g| inside [√safmin, √(safmax/2)]) is straight-line code, and only the scaled case is a call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Generate<T>(T f, T g, out T c, out T s, out T r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g == T.Zero)
        {
            c = T.One;
            s = T.Zero;
            r = f;
            return;
        }

        if (f == T.Zero)
        {
            c = T.Zero;
            s = T.CopySign(T.One, g);
            r = T.Abs(g);
            return;
        }

        T f1 = T.Abs(f), g1 = T.Abs(g);
        T rtmin = RotationLimits<T>.RootMin, rtmax = RotationLimits<T>.RootMax;
        if (f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax)
        {
            // One division instead of dlartg's two (c = |f|/d, s = g/r): the bidiagonal QR calls this twice per inner
            // step on its critical path. c and s each get one extra rounding (≤ 1 ulp); c² + s² = 1 + O(ε) still.
            T d = T.Sqrt(Arithmetic.MultiplyAdd(f, f, g * g));
            T inverse = T.One / d;
            c = f1 * inverse;
            r = T.CopySign(d, f);
            s = g * T.CopySign(inverse, f);
            return;
        }

        GenerateScaled(f, g, out c, out s, out r);
    }

    /// <summary>f² + g² could overflow or underflow: scale both by u = min(safmax, max(safmin, |f|, |g|)) first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GenerateScaled<T>(T f, T g, out T c, out T s, out T r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T f1 = T.Abs(f), g1 = T.Abs(g);
        T u = T.Min(MachineConstants<T>.SafeMax, T.Max(MachineConstants<T>.SafeMin, T.Max(f1, g1)));
        T fs = f / u, gs = g / u;
        T ds = T.Sqrt(Arithmetic.MultiplyAdd(fs, fs, gs * gs));
        c = T.Abs(fs) / ds;
        T rs = T.CopySign(ds, f);
        s = gs / rs;
        r = rs * u;
    }

    private static class RotationLimits<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly T RootMin = T.Sqrt(MachineConstants<T>.SafeMin);
        public static readonly T RootMax = T.Sqrt(MachineConstants<T>.SafeMax / T.CreateTruncating(2));
    }
}
