using System;
using Hig.Nn;

namespace Hig.Tests.Nn;

/// <summary>The vectorized tanh against the runtime's Math.Tanh, and its vector and scalar paths against each other.</summary>
public sealed class TanhKernelTests
{
    /// <summary>Arguments over every regime: subnormal, tiny, around the old crossover points, moderate, saturating.</summary>
    private static double[] Arguments()
    {
        var values = new System.Collections.Generic.List<double> { 0.0, -0.0, 5e-324, 1e-300, 1e-20, 1e-8, 0.3465, 0.625, 19.0, 19.1, 20.0, 40.0, 710.0, 1e300 };
        var rng = new Hig.Numerics.Rng(5);
        for (int i = 0; i < 20000; i++)
        {
            // log-uniform magnitudes 2⁻³⁰ … 2⁵, both signs
            values.Add((rng.NextDouble() < 0.5 ? -1 : 1) * Math.ScaleB(1.0 + rng.NextDouble(), rng.NextInt(36) - 30));
        }

        return [.. values];
    }

    [Fact]
    public void DoubleIsWithinFiveUlpOfMathTanh()
    {
        // Ours is within 3 ulp (header analysis); glibc documents up to 2 ulp for tanh: 5 ulp of the result apart at most.
        foreach (double x in Arguments())
        {
            double expected = Math.Tanh(x), actual = TanhKernel.Scalar(x);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual - expected) <= 5 * ulp, $"tanh({x:R}) = {actual:R}, Math.Tanh gives {expected:R}");
            Assert.Equal(double.IsNegative(x), double.IsNegative(actual));
        }
    }

    [Fact]
    public void FloatIsWithinOneUlpOfTheDoubleReference()
    {
        // Computed in double (error ≤ 3 ulp of double) and rounded once: at most 0.5 ulp(float) plus a negligible part.
        foreach (double xd in Arguments())
        {
            float x = (float)xd;
            float expected = (float)Math.Tanh(x), actual = TanhKernel.Scalar(x);
            float ulp = MathF.BitIncrement(MathF.Abs(expected)) - MathF.Abs(expected);
            Assert.True(MathF.Abs(actual - expected) <= ulp, $"tanh({x:R}) = {actual:R}, reference {expected:R}");
        }
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.True(double.IsNaN(TanhKernel.Scalar(double.NaN)));
        Assert.Equal(1.0, TanhKernel.Scalar(double.PositiveInfinity));
        Assert.Equal(-1.0, TanhKernel.Scalar(double.NegativeInfinity));
        Assert.True(double.IsNegative(TanhKernel.Scalar(-0.0)) && TanhKernel.Scalar(-0.0) == 0);
        Assert.True(float.IsNaN(TanhKernel.Scalar(float.NaN)));
        Assert.Equal(-1f, TanhKernel.Scalar(float.NegativeInfinity));
    }

    [Fact]
    public void VectorAndScalarPathsAgreeBitForBit()
    {
        // The arguments plus NaN, ±∞ and a subnormal, more than any vector width, so every width's loop and the tail run.
        double[] x = [.. Arguments(), double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e-310];
        double[] vector = (double[])x.Clone();
        TanhKernel.Apply<double>(vector);
        float[] xf = Array.ConvertAll(x, v => (float)v);
        float[] vectorF = (float[])xf.Clone();
        TanhKernel.Apply<float>(vectorF);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(TanhKernel.Scalar(x[i])), BitConverter.DoubleToInt64Bits(vector[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(TanhKernel.Scalar(xf[i])), BitConverter.SingleToInt32Bits(vectorF[i]));
        }
    }
}
