using System;
using System.Numerics;
using Hig.Optim;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Optim;

/// <summary>GD and Adam against hand-computed updates, and their constructors' argument checks.</summary>
public abstract class FirstOrderTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    private static T V(double value) => T.CreateTruncating(value);

    [Fact]
    public void Adam_FirstSteps_MatchKingmaAndBaByHand()
    {
        // A fixed gradient sequence for three parameters; the expected iterates are Algorithm 1 of Kingma & Ba written out
        // independently in double with Math.Pow for the bias corrections.
        double[][] gradients = [[0.5, -2.0, 1e-3], [0.25, -1.0, 3.0], [-0.75, 0.5, 0.0], [1.0, 1.0, -1.0]];
        const double eta = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] theta = [1.0, -1.0, 0.5], m = new double[3], v = new double[3];
        T[] actual = [V(1.0), V(-1.0), V(0.5)];
        var adam = new Adam<T>(3, V(eta));
        for (int t = 1; t <= gradients.Length; t++)
        {
            for (int i = 0; i < 3; i++)
            {
                double g = gradients[t - 1][i];
                m[i] = (b1 * m[i]) + ((1 - b1) * g);
                v[i] = (b2 * v[i]) + ((1 - b2) * g * g);
                double mHat = m[i] / (1 - Math.Pow(b1, t)), vHat = v[i] / (1 - Math.Pow(b2, t));
                theta[i] -= eta * mHat / (Math.Sqrt(vHat) + eps);
            }

            T[] g32 = [V(gradients[t - 1][0]), V(gradients[t - 1][1]), V(gradients[t - 1][2])];
            adam.Update(actual, g32);
            Assert.Equal(t, adam.State.StepCount);
            for (int i = 0; i < 3; i++)
            {
                // Each step rounds about 10 operations of O(1) relative size; steps are O(η). 16·t·ε·(|θ| + η) covers t steps.
                double bound = 16 * t * Eps * (Math.Abs(theta[i]) + eta);
                Assert.True(Math.Abs(double.CreateTruncating(actual[i]) - theta[i]) <= bound, $"step {t}, θ{i}: {actual[i]} vs {theta[i]}");
                Assert.True(Math.Abs(double.CreateTruncating(adam.State.FirstMoment[i]) - m[i]) <= 16 * t * Eps * 3, $"m{i}");
                Assert.True(Math.Abs(double.CreateTruncating(adam.State.SecondMoment[i]) - v[i]) <= 16 * t * Eps * 9, $"v{i}");
            }
        }

        Assert.True(Math.Abs(double.CreateTruncating(adam.State.Beta1Power) - Math.Pow(b1, 4)) <= 8 * Eps);
        adam.Reset();
        Assert.Equal(0, adam.State.StepCount);
        Assert.Equal(T.One, adam.State.Beta2Power);
        Assert.All(adam.State.FirstMoment.ToArray(), x => Assert.Equal(T.Zero, x));
    }

    [Fact]
    public void GradientDescent_StepsAgainstTheGradient()
    {
        T[] theta = [V(1), V(2)];
        StepReport<T> report = new GradientDescent<T>(V(0.5)).Update(theta, [V(4), V(-2)]);
        Assert.Equal([V(-1), V(3)], theta);
        Assert.True(Math.Abs(double.CreateTruncating(report.StepNorm) - (0.5 * Math.Sqrt(20))) <= 4 * Eps * 3);
        Assert.Null(report.Spectrum);
    }

    [Fact]
    public void Constructors_RejectInvalidHyperParameters_NamingTheValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new GradientDescent<T>(V(0)));
        Assert.Equal("learningRate", e.ParamName);
        Assert.Contains("0", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<T>(3, V(0.1), beta1: V(1.0)));
        Assert.Equal("beta1", e.ParamName);
        Assert.Contains("1", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<T>(3, V(0.1), beta2: V(-0.5)));
        Assert.Equal("beta2", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<T>(3, V(0.1), epsilon: V(0)));
        Assert.Equal("epsilon", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<T>(3, T.NaN));
        Assert.Contains("NaN", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new KappaPowerOptimizer<T>(V(-0.5), T.One));
        Assert.Equal("kappa", e.ParamName);
        Assert.Contains("-0.5", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new HalfInverseGradients<T>(T.PositiveInfinity));
        Assert.Equal("learningRate", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussNewton<T>(V(-1)));
    }

    [Fact]
    public void Adam_RejectsWrongLengths()
    {
        var adam = new Adam<T>(3, V(0.1));
        var e = Assert.Throws<ArgumentException>(() => adam.Update(new T[3], new T[2]));
        Assert.Equal("gradient", e.ParamName);
        Assert.Contains("3", e.Message);
    }
}

/// <summary>First-order optimizers in double.</summary>
public sealed class FirstOrderTestsDouble : FirstOrderTests<double>;

/// <summary>First-order optimizers in float.</summary>
public sealed class FirstOrderTestsSingle : FirstOrderTests<float>;
