using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Tests.Optim;

/// <summary>A least-squares problem L(θ) = ½‖r(θ)‖² given by its residual and Jacobian, with a known minimizer.</summary>
internal interface IResidualProblem
{
    int Residuals { get; }

    int Parameters { get; }

    double[] Start { get; }

    double[] Minimizer { get; }

    void Residual<T>(ReadOnlySpan<T> theta, Span<T> r)
        where T : unmanaged, IFloatingPointIeee754<T>;

    void Jacobian<T>(ReadOnlySpan<T> theta, MatrixView<T> j)
        where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>Rosenbrock's function as a residual: r = (1 − x, 10(y − x²)), L = ½‖r‖², minimum at (1, 1), start (−1.2, 1).</summary>
internal sealed class RosenbrockResidual : IResidualProblem
{
    public int Residuals => 2;

    public int Parameters => 2;

    public double[] Start => [-1.2, 1.0];

    public double[] Minimizer => [1.0, 1.0];

    public void Residual<T>(ReadOnlySpan<T> theta, Span<T> r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T ten = T.CreateTruncating(10);
        r[0] = T.One - theta[0];
        r[1] = ten * (theta[1] - (theta[0] * theta[0]));
    }

    public void Jacobian<T>(ReadOnlySpan<T> theta, MatrixView<T> j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        j[0, 0] = -T.One;
        j[0, 1] = T.Zero;
        j[1, 0] = T.CreateTruncating(-20) * theta[0];
        j[1, 1] = T.CreateTruncating(10);
    }
}

/// <summary>A convex quadratic as a linear residual r = A·θ − b, A 8×4 with singular values 1 … 0.2 (κ = 5).</summary>
internal sealed class LinearResidual : IResidualProblem
{
    private readonly KnownFactors _factors;
    private readonly double[] _b;

    public LinearResidual()
    {
        var rng = new Rng(41);
        _factors = new KnownFactors(rng, 8, 4, [1.0, 0.6, 0.35, 0.2]);
        Minimizer = [0.5, -1.0, 2.0, 0.25];
        _b = new double[8];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                _b[i] += _factors.A[i, j] * Minimizer[j]; // consistent: the minimum is L = 0 at Minimizer
            }
        }
    }

    public int Residuals => 8;

    public int Parameters => 4;

    public double[] Start => [3.0, 2.0, -1.0, -2.0];

    public double[] Minimizer { get; }

    public void Residual<T>(ReadOnlySpan<T> theta, Span<T> r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < 8; i++)
        {
            T sum = T.CreateTruncating(-_b[i]);
            for (int j = 0; j < 4; j++)
            {
                sum = T.FusedMultiplyAdd(T.CreateTruncating(_factors.A[i, j]), theta[j], sum);
            }

            r[i] = sum;
        }
    }

    public void Jacobian<T>(ReadOnlySpan<T> theta, MatrixView<T> j)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < 8; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                j[i, k] = T.CreateTruncating(_factors.A[i, k]);
            }
        }
    }
}

/// <summary>Drives an optimizer on a residual problem: gradients Jᵀr for first-order optimizers, (J, r) for least squares.</summary>
internal static class ResidualDriver
{
    /// <summary>Runs up to <paramref name="budget"/> steps; returns the steps taken until ‖θ − θ*‖ ≤ tolerance, or −1.</summary>
    public static int StepsToConverge<T>(IResidualProblem problem, IOptimizer<T> optimizer, int budget, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = problem.Parameters, m = problem.Residuals;
        var theta = new T[n];
        for (int i = 0; i < n; i++)
        {
            theta[i] = T.CreateTruncating(problem.Start[i]);
        }

        var r = new T[m];
        var j = new Matrix<T>(m, n);
        var gradient = new T[n];
        for (int step = 0; step <= budget; step++)
        {
            double error = 0;
            for (int i = 0; i < n; i++)
            {
                double d = double.CreateTruncating(theta[i]) - problem.Minimizer[i];
                error += d * d;
            }

            if (Math.Sqrt(error) <= tolerance)
            {
                return step;
            }

            problem.Residual<T>(theta, r);
            problem.Jacobian<T>(theta, j);
            if (optimizer is IGradientOptimizer<T> first)
            {
                Blas.Gemv(Transpose.Yes, T.One, j, r, T.Zero, gradient);
                first.Update(theta, gradient);
            }
            else
            {
                ((ILeastSquaresOptimizer<T>)optimizer).Update(theta, j.AsView(), r);
            }
        }

        return -1;
    }
}
