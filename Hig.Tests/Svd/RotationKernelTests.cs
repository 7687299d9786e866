using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>
/// The fused rotation kernel against the rotations applied one at a time, in the order they were logged. The kernel
/// promises the same arithmetic per element (x ← fma(c, x, s·y), y ← fma(c, y, −(s·x))), only reordered across
/// independent row pairs, so the comparison is bitwise. The shapes reach every path: odd and even numbers of sweeps
/// (a fused pair, or a last sweep alone), runs of many pairs, chunks of four vectors, single vectors and the scalar
/// tail, sweeps that touch the first or the last row, forward and backward runs, and a padded stride with sentinels
/// after each row.
/// </summary>
public abstract class RotationKernelTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [Theory]
    [InlineData(2, 1, 1, false)]
    [InlineData(2, 1, 1, true)]
    [InlineData(3, 5, 2, false)]
    [InlineData(5, 33, 3, true)]
    [InlineData(17, 8, 4, false)]
    [InlineData(17, 71, 5, true)]
    [InlineData(40, 200, 9, false)]
    [InlineData(40, 200, 9, true)]
    [InlineData(64, 67, 32, false)]
    [InlineData(64, 67, 32, true)]
    public void FusedSweepsEqualTheRotationsOneByOne(int rows, int len, int sweeps, bool backward)
    {
        var rng = new Rng((ulong)((rows * 1000) + (len * 10) + sweeps + (backward ? 7 : 0)));
        int[] headers = new int[3 * sweeps];
        int total = 0;
        for (int q = 0; q < sweeps; q++)
        {
            int lo = rng.NextInt(rows - 1);
            int count = 1 + rng.NextInt(rows - 1 - lo);
            headers[3 * q] = lo;
            headers[(3 * q) + 1] = count;
            headers[(3 * q) + 2] = backward ? 1 : 0;
            total += count;
        }

        T[] c = new T[total], s = new T[total];
        for (int i = 0; i < total; i++)
        {
            double angle = rng.NextUniform(-Math.PI, Math.PI);
            c[i] = T.CreateTruncating(Math.Abs(Math.Cos(angle)));
            s[i] = T.CreateTruncating(Math.Sin(angle));
        }

        int stride = len + 5;
        var padded = new PaddedBuffer<T>(rows, len, stride);
        T[] initial = new T[rows * len];
        for (int i = 0; i < initial.Length; i++)
        {
            initial[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
        }

        padded.Fill(initial);
        RotationKernel.Apply<T>(padded.View, headers, backward, c, s);
        padded.AssertSentinelsIntact();

        // Reference: every sweep in order; within a sweep, rotation j acts on rows (lo + j, lo + j + 1), in
        // increasing j for a forward sweep and decreasing j for a backward one.
        T[] expected = (T[])initial.Clone();
        int offset = 0;
        for (int q = 0; q < sweeps; q++)
        {
            int lo = headers[3 * q], count = headers[(3 * q) + 1];
            for (int step = 0; step < count; step++)
            {
                int j = backward ? count - 1 - step : step;
                Rotate(expected, len, lo + j, c[offset + j], s[offset + j]);
            }

            offset += count;
        }

        for (int r = 0; r < rows; r++)
        {
            for (int col = 0; col < len; col++)
            {
                Assert.Equal(expected[(r * len) + col], padded.View[r, col]);
            }
        }
    }

    private static void Rotate(T[] x, int len, int row, T c, T s)
    {
        for (int col = 0; col < len; col++)
        {
            ref T a = ref x[(row * len) + col];
            ref T b = ref x[((row + 1) * len) + col];
            T aOld = a;
            a = Arithmetic.MultiplyAdd(c, aOld, s * b);
            b = Arithmetic.MultiplyAdd(c, b, -(s * aOld));
        }
    }
}

public sealed class RotationKernelTestsDouble : RotationKernelTests<double>;

public sealed class RotationKernelTestsSingle : RotationKernelTests<float>;
