using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Tests.Infrastructure;

/// <summary>
/// Naive reference implementations for kernel tests, accumulated in double-double so their own rounding
/// error (about 2⁻¹⁰⁴ relative) is negligible next to the kernels' error bounds.
/// </summary>
public static class Reference
{
    /// <summary>Σ xᵢyᵢ accurately, and Σ |xᵢ||yᵢ| (the condition scale of the dot product).</summary>
    public static (double Value, double AbsScale) Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : IFloatingPointIeee754<T>
    {
        var sum = default(DoubleDouble);
        double abs = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double xi = double.CreateTruncating(x[i]), yi = double.CreateTruncating(y[i]);
            sum = sum.AddProduct(xi, yi);
            abs += Math.Abs(xi * yi);
        }

        return (sum.Value, abs);
    }

    /// <summary>op(A)[i, p] for a row-major view.</summary>
    public static T Op<T>(ReadOnlyMatrixView<T> a, Transpose trans, int i, int p)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        trans == Transpose.No ? a[i, p] : a[p, i];

    /// <summary>(op(A)·op(B))[i, j] accurately, and Σₚ |op(A)[i,p]|·|op(B)[p,j]|.</summary>
    public static (double Value, double AbsScale) ProductEntry<T>(ReadOnlyMatrixView<T> a, Transpose transA, ReadOnlyMatrixView<T> b, Transpose transB, int i, int j, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sum = default(DoubleDouble);
        double abs = 0;
        for (int p = 0; p < k; p++)
        {
            double aip = double.CreateTruncating(Op(a, transA, i, p)), bpj = double.CreateTruncating(Op(b, transB, p, j));
            sum = sum.AddProduct(aip, bpj);
            abs += Math.Abs(aip * bpj);
        }

        return (sum.Value, abs);
    }

    /// <summary>Uniform values in [−1, 1] of type T from a seeded generator.</summary>
    public static T[] RandomVector<T>(Rng rng, int length)
        where T : IFloatingPointIeee754<T>
    {
        var values = new T[length];
        rng.FillUniform<T>(values, -T.One, T.One);
        return values;
    }
}
