using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Tests.Optim;

/// <summary>
/// Fault injection: a non-finite gradient, Jacobian or loss gradient, an SVD that fails, or an update that overflows makes
/// the step throw <see cref="OptimizationStepException"/> with the right <see cref="StepFailure"/>, and θ and the
/// optimizer's state stay exactly (bitwise) as they were.
/// </summary>
public abstract class FaultTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static T V(double value) => T.CreateTruncating(value);

    private static T[] RandomVector(Rng rng, int n)
    {
        var x = new T[n];
        rng.FillUniform<T>(x, -T.One, T.One);
        return x;
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteGradient_LeavesGdAndAdamUntouched(double bad)
    {
        var rng = new Rng(51);
        var adam = new Adam<T>(5, V(0.01));
        T[] theta = RandomVector(rng, 5);
        for (int i = 0; i < 3; i++)
        {
            adam.Update(theta, RandomVector(rng, 5));
        }

        T[] thetaBefore = (T[])theta.Clone();
        T[] m = adam.State.FirstMoment.ToArray(), v = adam.State.SecondMoment.ToArray();
        T b1 = adam.State.Beta1Power, b2 = adam.State.Beta2Power;
        T[] gradient = RandomVector(rng, 5);
        gradient[3] = V(bad);

        var e = Assert.Throws<OptimizationStepException>(() => adam.Update(theta, gradient));
        Assert.Equal(StepFailure.NonFiniteGradient, e.Failure);
        Assert.Contains("index 3", e.Message);
        Assert.Equal(thetaBefore, theta);
        Assert.Equal(m, adam.State.FirstMoment.ToArray());
        Assert.Equal(v, adam.State.SecondMoment.ToArray());
        Assert.Equal(3, adam.State.StepCount);
        Assert.Equal(b1, adam.State.Beta1Power);
        Assert.Equal(b2, adam.State.Beta2Power);

        e = Assert.Throws<OptimizationStepException>(() => new GradientDescent<T>(V(0.1)).Update(theta, gradient));
        Assert.Equal(StepFailure.NonFiniteGradient, e.Failure);
        Assert.Equal(thetaBefore, theta);
    }

    [Fact]
    public void OverflowingAdamUpdate_IsRejected_StateUnchanged()
    {
        var adam = new Adam<T>(2, V(0.01));
        T[] theta = [V(1), V(2)];
        T[] huge = [Hig.Tests.Infrastructure.Precision.Max<T>(), T.One]; // g² overflows, so v would become +Inf
        var e = Assert.Throws<OptimizationStepException>(() => adam.Update(theta, huge));
        Assert.Equal(StepFailure.NonFiniteUpdate, e.Failure);
        Assert.Equal([V(1), V(2)], theta);
        Assert.Equal(0, adam.State.StepCount);
        Assert.All(adam.State.SecondMoment.ToArray(), x => Assert.Equal(T.Zero, x));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NonFiniteJacobianOrLossGradient_LeavesThetaAndSpectrumUntouched(bool corruptJacobian)
    {
        var rng = new Rng(52);
        var hig = new HalfInverseGradients<T>();
        T[] theta = RandomVector(rng, 4);
        var j = new Matrix<T>(6, 4);
        rng.FillUniform(j.Data, -T.One, T.One);
        hig.Update(theta, j.AsView(), RandomVector(rng, 6));
        T[] spectrum = hig.LastSingularValues.ToArray();
        T[] thetaBefore = (T[])theta.Clone();

        rng.FillUniform(j.Data, -T.One, T.One);
        T[] g = RandomVector(rng, 6);
        if (corruptJacobian)
        {
            j[4, 2] = T.NaN;
        }
        else
        {
            g[5] = T.NegativeInfinity;
        }

        var e = Assert.Throws<OptimizationStepException>(() => hig.Update(theta, j.AsView(), g));
        Assert.Equal(StepFailure.NonFiniteJacobian, e.Failure);
        Assert.IsType<NonFiniteInputException>(e.InnerException);
        Assert.Equal(thetaBefore, theta);
        Assert.Equal(spectrum, hig.LastSingularValues.ToArray());
    }

    [Fact]
    public void SvdFailure_IsReported_AndNothingChanges_EvenIfTheSolverScribbledOnItsOutputs()
    {
        var rng = new Rng(53);
        bool fail = false;
        KappaPowerOptimizer<T>.DirectionSolver solver = (MatrixView<T> a, ReadOnlySpan<T> g, T kappa, SingularValueCutoff<T> cutoff, Span<T> d, Span<T> s, Span<T> w) =>
        {
            if (!fail)
            {
                return KappaPower.Apply(a, g, kappa, cutoff, d, s, w);
            }

            d.Fill(V(123)); // a failing SVD may leave garbage in every output buffer
            s.Fill(V(-7));
            throw new SvdNoConvergenceException(unconvergedCount: 2, order: s.Length, iterationCap: 0);
        };
        var optimizer = new KappaPowerOptimizer<T>(V(0.5), T.One, null, null, solver);
        T[] theta = RandomVector(rng, 3);
        var j = new Matrix<T>(5, 3);
        rng.FillUniform(j.Data, -T.One, T.One);
        optimizer.Update(theta, j.AsView(), RandomVector(rng, 5));
        T[] spectrum = optimizer.LastSingularValues.ToArray();
        T[] thetaBefore = (T[])theta.Clone();

        fail = true;
        var e = Assert.Throws<OptimizationStepException>(() => optimizer.Update(theta, j.AsView(), RandomVector(rng, 5)));
        Assert.Equal(StepFailure.SvdDidNotConverge, e.Failure);
        Assert.IsType<SvdNoConvergenceException>(e.InnerException);
        Assert.Contains("5×3", e.Message);
        Assert.Equal(thetaBefore, theta);
        Assert.Equal(spectrum, optimizer.LastSingularValues.ToArray());
    }

    [Fact]
    public void OverflowingLeastSquaresUpdate_IsRejected()
    {
        KappaPowerOptimizer<T>.DirectionSolver solver = (MatrixView<T> a, ReadOnlySpan<T> g, T kappa, SingularValueCutoff<T> cutoff, Span<T> d, Span<T> s, Span<T> w) =>
        {
            d.Fill(Hig.Tests.Infrastructure.Precision.Max<T>()); // finite entries whose norm overflows
            s.Fill(T.One);
            return new KappaPowerSummary<T>(s.Length, s.Length, T.One, T.One, T.Zero);
        };
        var optimizer = new KappaPowerOptimizer<T>(T.One, T.One, null, null, solver);
        T[] theta = [V(1), V(2), V(3)];
        var e = Assert.Throws<OptimizationStepException>(() => optimizer.Update(theta, new Matrix<T>(4, 3).AsView(), new T[4]));
        Assert.Equal(StepFailure.NonFiniteUpdate, e.Failure);
        Assert.Equal([V(1), V(2), V(3)], theta);
        Assert.True(optimizer.LastSingularValues.IsEmpty);
    }
}

/// <summary>Fault injection in double.</summary>
public sealed class FaultTestsDouble : FaultTests<double>;

/// <summary>Fault injection in float.</summary>
public sealed class FaultTestsSingle : FaultTests<float>;
