using System.Numerics;
using Hig.Optim;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Optim;

/// <summary>
/// Every optimizer converges on a convex quadratic and on Rosenbrock written as a residual, within a stated step budget.
/// The tolerance is on ‖θ − θ*‖: in double a convergence threshold of 1e-6 (≈ 4.5e9·ε: a statement that the method
/// converges, far above the cond·ε ≈ 1e-13 these well-conditioned minimizers can be resolved to, so it measures the
/// optimizer and not rounding); in float 1e3·ε ≈ 1.2e-4 (float iterates of an O(1) minimizer cannot settle much closer
/// once each update rounds). One exception: float GD on Rosenbrock stalls where its update η·∇L drops
/// below half an ulp of θ, at ‖θ − θ*‖ ≈ ε/(η·λ_min(JᵀJ)) ≈ 6e-4 (η = 1e-3, λ_min ≈ 0.2 at the minimum); its tolerance is
/// 1e-2. Budgets are about three times the largest step count observed in double and float.
/// </summary>
public abstract class ConvergenceTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Tolerance = typeof(T) == typeof(double) ? 1e-6 : 1e3 * Precision.EpsOf<float>();

    private static T V(double value) => T.CreateTruncating(value);

    public static TheoryData<string, int, int> Cases => new()
    {
        // optimizer, budget on the quadratic, budget on Rosenbrock
        { "GD", 1_000, 200_000 },   // observed 280 and 68,763 steps
        { "Adam", 7_000, 17_000 },  // observed 2,182 and 5,559
        { "GN", 1, 6 },             // observed 1 (a linear residual is solved in one step) and 2
        { "HIG", 60, 320 },         // observed 20 and 104
    };

    private static IOptimizer<T> Create(string name, int parameters, bool rosenbrock) => name switch
    {
        // GD: η below 2/σ_max² of J (σ_max = 1 for the quadratic; ≈ 25 along Rosenbrock's valley, hence 1e-3).
        "GD" => new GradientDescent<T>(V(rosenbrock ? 1e-3 : 1.0)),
        "Adam" => new Adam<T>(parameters, V(1e-2)),
        "GN" => new GaussNewton<T>(),

        // HIG multiplies each error component by 1 − η·√σ: stable for η·√σ_max < 2. σ_max = 1 for the quadratic; ≈ 22 at
        // Rosenbrock's minimum, hence η = 0.2 there.
        _ => new HalfInverseGradients<T>(V(rosenbrock ? 0.2 : 1.0)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvergesOnAConvexQuadratic(string optimizer, int quadraticBudget, int rosenbrockBudget)
    {
        _ = rosenbrockBudget;
        var problem = new LinearResidual();
        int steps = ResidualDriver.StepsToConverge(problem, Create(optimizer, problem.Parameters, rosenbrock: false), quadraticBudget, Tolerance);
        Assert.True(steps >= 0, $"{optimizer} did not reach ‖θ − θ*‖ ≤ {Tolerance} within {quadraticBudget} steps");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvergesOnRosenbrock(string optimizer, int quadraticBudget, int rosenbrockBudget)
    {
        _ = quadraticBudget;
        var problem = new RosenbrockResidual();
        double tolerance = typeof(T) == typeof(float) && optimizer == "GD" ? 1e-2 : Tolerance;
        int steps = ResidualDriver.StepsToConverge(problem, Create(optimizer, problem.Parameters, rosenbrock: true), rosenbrockBudget, tolerance);
        Assert.True(steps >= 0, $"{optimizer} did not reach ‖θ − θ*‖ ≤ {tolerance} within {rosenbrockBudget} steps");
    }
}

/// <summary>Convergence in double.</summary>
public sealed class ConvergenceTestsDouble : ConvergenceTests<double>;

/// <summary>Convergence in float.</summary>
public sealed class ConvergenceTestsSingle : ConvergenceTests<float>;
