using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Nn.Support;

/// <summary>
/// Element-wise comparisons against a first-order error bound: |actual − expected| ≤ tolerance·bound, where bound is an
/// absolute-value magnitude (|A|·|B| products, path sums) and tolerance a justified multiple of ε. A zero bound demands
/// exact equality; NaN anywhere fails. Sums used as references are accumulated in double-double.
/// </summary>
public static class Bounds
{
    /// <summary>Asserts |actual − expected| ≤ tolerance·bound for every element.</summary>
    public static void AssertClose<T>(ReadOnlyMatrixView<T> actual, ReadOnlyMatrixView<T> expected, ReadOnlyMatrixView<T> bound, double tolerance, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        for (int i = 0; i < actual.Rows; i++)
        {
            AssertClose(actual.Row(i), expected.Row(i), bound.Row(i), tolerance, $"{what}, row {i}");
        }
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance·bound for every element.</summary>
    public static void AssertClose<T>(ReadOnlySpan<T> actual, ReadOnlySpan<T> expected, ReadOnlySpan<T> bound, double tolerance, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < actual.Length; k++)
        {
            double a = double.CreateChecked(actual[k]), e = double.CreateChecked(expected[k]), b = double.CreateChecked(bound[k]);
            double error = Math.Abs(a - e);
            Assert.True(error <= tolerance * b,
                $"{what}, element {k}: got {a:R}, expected {e:R}; |error| = {error:E3} exceeds {tolerance:E3} × bound {b:E3}.");
        }
    }

    /// <summary>Asserts bitwise equality (NaN equal to NaN only through identical bits).</summary>
    public static void AssertIdentical<T>(ReadOnlyMatrixView<T> actual, ReadOnlyMatrixView<T> expected, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        for (int i = 0; i < actual.Rows; i++)
        {
            for (int j = 0; j < actual.Cols; j++)
            {
                Assert.True(actual[i, j].Equals(expected[i, j]), $"{what} ({i}, {j}): got {actual[i, j]}, expected {expected[i, j]} bit for bit.");
            }
        }
    }

    /// <summary>Σₖ xₖ·yₖ in double-double (the reference inner product).</summary>
    public static double Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sum = new DoubleDouble(0, 0);
        for (int k = 0; k < x.Length; k++)
        {
            sum = sum.AddProduct(double.CreateChecked(x[k]), double.CreateChecked(y[k]));
        }

        return sum.Value;
    }

    /// <summary>Σₖ |xₖ|·|yₖ|.</summary>
    public static double AbsDot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int k = 0; k < x.Length; k++)
        {
            sum += Math.Abs(double.CreateChecked(x[k])) * Math.Abs(double.CreateChecked(y[k]));
        }

        return sum;
    }

    /// <summary>M·v for a matrix and vector (double-double rows), and |M|·|v|: reference product and its magnitude.</summary>
    public static (T[] Product, T[] Magnitude) Multiply<T>(ReadOnlyMatrixView<T> m, ReadOnlyMatrixView<T> magnitudeOfM, ReadOnlySpan<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var product = new T[m.Rows];
        var magnitude = new T[m.Rows];
        for (int i = 0; i < m.Rows; i++)
        {
            product[i] = T.CreateChecked(Dot(m.Row(i), v));
            magnitude[i] = T.CreateChecked(AbsDot(magnitudeOfM.Row(i), v));
        }

        return (product, magnitude);
    }

    /// <summary>Mᵀ·v (double-double columns) and |M|ᵀ·|v|.</summary>
    public static (T[] Product, T[] Magnitude) MultiplyTransposed<T>(ReadOnlyMatrixView<T> m, ReadOnlyMatrixView<T> magnitudeOfM, ReadOnlySpan<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var product = new T[m.Cols];
        var magnitude = new T[m.Cols];
        var column = new T[m.Rows];
        var magnitudeColumn = new T[m.Rows];
        for (int j = 0; j < m.Cols; j++)
        {
            for (int i = 0; i < m.Rows; i++)
            {
                column[i] = m[i, j];
                magnitudeColumn[i] = magnitudeOfM[i, j];
            }

            product[j] = T.CreateChecked(Dot<T>(column, v));
            magnitude[j] = T.CreateChecked(AbsDot<T>(magnitudeColumn, v));
        }

        return (product, magnitude);
    }
}
