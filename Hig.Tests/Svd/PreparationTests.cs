using System;
using System.Linq;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// The preparation's two helpers against plain references: the norm ordering against a stable comparison sort
/// (LINQ's OrderByDescending is documented stable), the input scan against three naive loops.
/// </summary>
public abstract class PreparationTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Sizes on both sides of the insertion/radix switch (32); keys drawn from a few distinct values (many ties, which
    /// must keep their index order), from a wide exponent range (zeros, subnormals, huge values: every byte of the
    /// bit pattern varies), or already sorted (the order must be the identity and reported as such).
    /// </summary>
    [Theory]
    [InlineData(1, "wide")]
    [InlineData(7, "ties")]
    [InlineData(32, "wide")]
    [InlineData(33, "ties")]
    [InlineData(33, "wide")]
    [InlineData(512, "ties")]
    [InlineData(512, "wide")]
    [InlineData(2048, "wide")]
    [InlineData(100, "sorted")]
    [InlineData(100, "equal")]
    public void NormOrderingIsTheStableDecreasingSort(int n, string kind)
    {
        var rng = new Rng((ulong)(n * 31) + (ulong)kind.Length);
        T[] keys = new T[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = kind switch
            {
                "ties" => T.CreateTruncating(rng.NextInt(4)),
                "equal" => T.One,
                "sorted" => T.CreateTruncating(n - i),
                _ => WideKey(rng),
            };
        }

        int[] order = new int[n], scratch = new int[n];
        bool identity = NormOrdering.Decreasing<T>(keys, order, scratch);

        int[] expected = Enumerable.Range(0, n).OrderByDescending(i => keys[i]).ToArray();
        Assert.Equal(expected, order);
        Assert.Equal(expected.SequenceEqual(Enumerable.Range(0, n)), identity);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(5, 8)]
    [InlineData(9, 9)]
    [InlineData(40, 30)]
    [InlineData(17, 33)]
    public void ScanFindsTheRowColumnAndOverallMaxima(int rows, int cols)
    {
        Matrix<T> a = TestMatrices.Uniform<T>(rows, cols, seed: (ulong)((rows * 100) + cols));

        T[] rowMax = new T[rows], colMax = new T[cols];
        colMax.AsSpan().Fill(T.CreateTruncating(-1.0)); // stale contents must not leak into the result
        T max = SvdInput.Scan<T>(a, "a", rowMax, colMax);

        for (int i = 0; i < rows; i++)
        {
            Assert.Equal(Enumerable.Range(0, cols).Max(j => T.Abs(a[i, j])), rowMax[i]);
        }

        for (int j = 0; j < cols; j++)
        {
            Assert.Equal(Enumerable.Range(0, rows).Max(i => T.Abs(a[i, j])), colMax[j]);
        }

        Assert.Equal(rowMax.Max(), max);
        Assert.Equal(colMax.Max(), max);
    }

    [Theory]
    [InlineData(3, 30, 2, 29)]
    [InlineData(3, 30, 1, 3)]
    [InlineData(2, 5, 1, 4)]
    [InlineData(4, 8, 3, 7)]
    public void ScanNamesTheFirstNonFiniteEntry(int rows, int cols, int badRow, int badCol)
    {
        foreach (T bad in new[] { T.NaN, T.PositiveInfinity, T.NegativeInfinity })
        {
            var a = new Matrix<T>(rows, cols);
            a.Data.Fill(T.One);
            a[badRow, badCol] = bad;
            var e = Assert.Throws<NonFiniteInputException>(() => SvdInput.Scan<T>(a, "a", new T[rows], new T[cols]));
            Assert.Equal((badRow, badCol), (e.Row, e.Column));
            Assert.Equal("a", e.ParamName);
        }
    }

    /// <summary>|x| with x uniform in sign and mantissa and its exponent spread over the whole range (some zeros).</summary>
    private static T WideKey(Rng rng)
    {
        if (rng.NextInt(16) == 0)
        {
            return T.Zero;
        }

        int maxExponent = typeof(T) == typeof(float) ? 127 : 1023;
        int exponent = rng.NextInt(2 * maxExponent) - maxExponent - 20; // reaches into the subnormals
        return T.ScaleB(T.CreateTruncating(rng.NextUniform(1.0, 2.0)), exponent);
    }
}

public sealed class PreparationTestsDouble : PreparationTests<double>;

public sealed class PreparationTestsSingle : PreparationTests<float>;
