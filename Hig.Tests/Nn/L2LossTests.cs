using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;
using Hig.Tests.Nn.Support;

namespace Hig.Tests.Nn;

/// <summary>The L2 loss convention: value = batch mean of c·‖s ⊙ (y − ŷ)‖² (c = ½ or 1), gradient G = ∂L/∂Y including the 1/b.</summary>
public abstract class L2LossTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    [Theory]
    [InlineData(1, 2, 0.5)]
    [InlineData(7, 2, 0.5)]
    [InlineData(5, 4, 0.5)]
    [InlineData(5, 4, 1.0)]
    [InlineData(3, 4, 0.3)]
    public void ValueIsTheBatchMeanAndGradientIsItsDerivative(int batch, int components, double factor)
    {
        var rng = new Rng((ulong)(batch * 10 + components));
        Matrix<T> y = NetworkCase.Uniform<T>(batch, components, rng), target = NetworkCase.Uniform<T>(batch, components, rng);
        var scales = new T[components];
        rng.FillUniform(scales, T.CreateChecked(0.01), T.CreateChecked(2));
        T c = T.CreateChecked(factor);
        var loss = factor == 0.5 ? new L2Loss<T>(scales) : new L2Loss<T>(c, scales);
        Assert.Equal(c, loss.Factor);
        var g = new Matrix<T>(batch, components);
        T value = loss.Evaluate(y, target, g);
        Assert.Equal(value, loss.Value(y, target));

        // Reference in double-double: (c/b) Σᵢ Σₖ (sₖ(y − ŷ))². All terms are non-negative, so the computed value's
        // relative error is at most (b·d_y + 5)·u (each residual, scaling and square rounds, the sum has b·d_y terms, and
        // c rounds once).
        var sum = new DoubleDouble(0, 0);
        for (int i = 0; i < batch; i++)
        {
            for (int k = 0; k < components; k++)
            {
                double r = double.CreateChecked(scales[k]) * (double.CreateChecked(y[i, k]) - double.CreateChecked(target[i, k]));
                sum = sum.AddProduct(r, r);
            }
        }

        double expected = double.CreateChecked(c) * sum.Value / batch;
        Assert.True(Math.Abs(double.CreateChecked(value) - expected) <= ((batch * components) + 5) * Eps * expected, $"L = {value}, expected {expected:R}");

        // G against the tape's derivative of the same convention written generically: (1/b)·Σᵢ SampleValue(yᵢ).
        var tape = new Tape<T>();
        var vars = new TapeVariable<T>[components];
        for (int i = 0; i < batch; i++)
        {
            tape.Reset();
            tape.Variables(y.Row(i), vars);
            TapeVariable<T> li = loss.SampleValue<TapeVariable<T>>(vars, target.Row(i)) / T.CreateChecked(batch);
            tape.Backward(li);
            for (int k = 0; k < components; k++)
            {
                // Both are 2c·s²·(y − ŷ)/b up to the order of four roundings each (2c, s², the product, 1/b): 5ε relative.
                T expectedG = (c + c) * scales[k] * scales[k] * (y[i, k] - target[i, k]) / T.CreateChecked(batch);
                Assert.True(double.CreateChecked(T.Abs(g[i, k] - expectedG)) <= 5 * Eps * double.CreateChecked(T.Abs(expectedG)));
                Assert.True(double.CreateChecked(T.Abs(tape.Adjoint(vars[k]) - expectedG)) <= 5 * Eps * double.CreateChecked(T.Abs(expectedG)));
            }
        }
    }

    [Fact]
    public void UnscaledLossAndTheToyConvention()
    {
        // y = (1, 2), ŷ = (0, 0) for two samples: L = ½(1 + 4) = 2.5, G = (y − ŷ)/2.
        var y = Matrix<T>.FromArray(new[,] { { T.One, T.CreateChecked(2) }, { T.One, T.CreateChecked(2) } });
        var zero = new Matrix<T>(2, 2);
        var g = new Matrix<T>(2, 2);
        Assert.Equal(T.CreateChecked(2.5), L2Loss<T>.Unscaled(2).Evaluate(y, zero, g));
        Assert.Equal(T.CreateChecked(0.5), g[0, 0]);
        Assert.Equal(T.One, g[1, 1]);
    }

    [Fact]
    public void SumOfSquaresIsTheReferenceCodesConvention()
    {
        // The same y and ŷ: L = (1 + 4) = 5 per sample, the batch mean 5; G = 2(y − ŷ)/2 = y − ŷ. Dyadic, so exact.
        var y = Matrix<T>.FromArray(new[,] { { T.One, T.CreateChecked(2) }, { T.One, T.CreateChecked(2) } });
        var zero = new Matrix<T>(2, 2);
        var g = new Matrix<T>(2, 2);
        L2Loss<T> loss = L2Loss<T>.SumOfSquares(2);
        Assert.Equal(T.One, loss.Factor);
        Assert.Equal(T.CreateChecked(5), loss.Evaluate(y, zero, g));
        Assert.Equal(T.One, g[0, 0]);
        Assert.Equal(T.CreateChecked(2), g[1, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => L2Loss<T>.SumOfSquares(0));
        Assert.Equal("factor", Assert.Throws<ArgumentException>(() => new L2Loss<T>(T.Zero, [T.One])).ParamName);
        Assert.Equal("factor", Assert.Throws<ArgumentException>(() => new L2Loss<T>(T.NaN, [T.One])).ParamName);
    }

    [Fact]
    public void BadShapesThrowAndNanPropagates()
    {
        var loss = L2Loss<T>.Unscaled(2);
        var y = new Matrix<T>(3, 2);
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => loss.Value(y, new Matrix<T>(2, 2))).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => loss.Value(new Matrix<T>(3, 3), new Matrix<T>(3, 3))).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => loss.Value(new Matrix<T>(0, 2), new Matrix<T>(0, 2))).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => loss.Evaluate(y, y, new Matrix<T>(3, 1))).ParamName);
        Assert.Throws<ArgumentException>(() => new L2Loss<T>(T.One, T.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => L2Loss<T>.Unscaled(0));
        y[1, 1] = T.NaN;
        var g = new Matrix<T>(3, 2);
        Assert.True(T.IsNaN(loss.Evaluate(y, new Matrix<T>(3, 2), g)));
        Assert.True(T.IsNaN(g[1, 1]) && !T.IsNaN(g[0, 0]));
    }
}

public sealed class L2LossTestsDouble : L2LossTests<double>;

public sealed class L2LossTestsSingle : L2LossTests<float>;
