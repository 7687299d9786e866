using System;

namespace Hig.Tests.Infrastructure;

/// <summary>
/// An unevaluated sum hi + lo of two doubles (about 106 significant bits), used as an accurate, independent
/// reference for sums and dot products: the error-free transformations TwoSum (Knuth) and TwoProduct (via fma),
/// as in Ogita, Rump &amp; Oishi, "Accurate sum and dot product" (SIAM J. Sci. Comput. 2005).
/// </summary>
public readonly record struct DoubleDouble(double Hi, double Lo)
{
    /// <summary>The value rounded to double.</summary>
    public double Value => Hi + Lo;

    /// <summary>this + a·b with about 2⁻¹⁰⁴ relative error per step.</summary>
    public DoubleDouble AddProduct(double a, double b)
    {
        double p = a * b;
        double pErr = Math.FusedMultiplyAdd(a, b, -p); // exact: a·b = p + pErr
        (double s, double sErr) = TwoSum(Hi, p);
        double lo = Lo + pErr + sErr;
        (double hi, double lo2) = FastTwoSum(s, lo);
        return new DoubleDouble(hi, lo2);
    }

    /// <summary>this + a.</summary>
    public DoubleDouble Add(double a)
    {
        (double s, double sErr) = TwoSum(Hi, a);
        (double hi, double lo) = FastTwoSum(s, Lo + sErr);
        return new DoubleDouble(hi, lo);
    }

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        double s = a + b;
        double bVirtual = s - a;
        double aVirtual = s - bVirtual;
        return (s, (a - aVirtual) + (b - bVirtual));
    }

    private static (double Sum, double Error) FastTwoSum(double a, double b)
    {
        double s = a + b;
        return (s, b - (s - a));
    }
}
