// KappaPowerOptimizer: the one step shared by Gauss-Newton and Half-Inverse Gradients,
//     Δθ = −η · V·Λ^(−κ)·Uᵀ · g,        J = U·Λ·Vᵀ (thin SVD of the stacked Jacobian),
// with singular values at or below the cut-off given weight exactly zero (truncated, never clamped).
// κ = 1 is truncated Gauss-Newton (Δθ = −η·J⁺g), κ = ½ is HIG (Schnell, Holl & Thuerey, ICLR 2022, eq. 7). As in
// the reference code, g is ∂L/∂y of the batch-mean loss and the step is "direction transform, then plain SGD".
// The direction comes from Hig.Numerics' KappaPower, which never forms U.
// Invariants: θ changes only after the direction is known to be finite; the recorded spectrum changes only with a
// successful step. Allocation-free once the workspace has grown to the largest J seen.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>
/// The κ-power least-squares step Δθ = −η·V·Λ^(−κ)·Uᵀ·g on the SVD J = U·Λ·Vᵀ of the stacked Jacobian, with truncation.
/// κ = 1 is Gauss-Newton (<see cref="GaussNewton{T}"/>), κ = ½ is HIG (<see cref="HalfInverseGradients{T}"/>); κ is
/// public so other powers can be explored.
/// </summary>
/// <remarks>
/// <para>Truncation: singular values σ ≤ max(τ·σ_max, absolute) get weight exactly 0 (<see cref="Cutoff"/>). Given no
/// cut-off, each step uses <see cref="SingularValueCutoff{T}.DefaultFor"/> of its Jacobian's shape: relative
/// τ = max(1e-6, √max(m, n)·ε), absolute 0 — the HIG paper's 1e-6 in double, raised to the SVD's rounding level for
/// float Jacobians of more than 70 rows or columns. Larger ones get σ^(−κ).</para>
/// <para>The Jacobian passed to <see cref="Update"/> is used as scratch and overwritten (it is rebuilt every step anyway),
/// which saves copying a large J. No state is carried between steps except the spectrum of the last successful step
/// (<see cref="LastSingularValues"/>).</para>
/// <para>Failures (non-finite J or g, SVD non-convergence, an update that overflows) throw
/// <see cref="OptimizationStepException"/> with θ and <see cref="LastSingularValues"/> unchanged.</para>
/// </remarks>
/// <typeparam name="T">The floating-point type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public class KappaPowerOptimizer<T> : ILeastSquaresOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The κ-power apply: d ← V·Λ^(−κ)·Uᵀ·g of A (overwriting A), σ ← the spectrum. A seam for fault injection in tests.</summary>
    internal delegate KappaPowerSummary<T> DirectionSolver(MatrixView<T> a, ReadOnlySpan<T> g, T kappa, SingularValueCutoff<T> cutoff, Span<T> d, Span<T> singularValues, Span<T> workspace);

    private readonly DirectionSolver _solve;
    private T[] _direction = [];
    private T[] _workspace = [];
    private T[] _spectrum = [];
    private T[] _spareSpectrum = [];
    private int _spectrumCount;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="kappa">κ ≥ 0: 1 for Gauss-Newton, ½ for HIG.</param>
    /// <param name="learningRate">η, finite and positive (1 in the HIG paper's runs).</param>
    /// <param name="cutoff">The truncation rule; null means <see cref="SingularValueCutoff{T}.DefaultFor"/> of each step's
    /// Jacobian (relative τ = max(1e-6, √max(m, n)·ε)).</param>
    /// <param name="svdOptions">Tunables of the SVD; null means <see cref="SvdOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">κ is negative or not finite, or η is not finite and positive.</exception>
    public KappaPowerOptimizer(T kappa, T learningRate, SingularValueCutoff<T>? cutoff = null, SvdOptions? svdOptions = null)
        : this(kappa, learningRate, cutoff, svdOptions, solver: null)
    {
    }

    internal KappaPowerOptimizer(T kappa, T learningRate, SingularValueCutoff<T>? cutoff, SvdOptions? svdOptions, DirectionSolver? solver)
    {
        Kappa = OptimGuard.NonNegative(kappa, nameof(kappa));
        LearningRate = OptimGuard.Positive(learningRate, nameof(learningRate));
        Cutoff = cutoff ?? SingularValueCutoff<T>.Default;
        CutoffIsShapeDefault = cutoff is null;
        SvdOptions = svdOptions ?? SvdOptions.Default;
        SvdOptions options = SvdOptions;
        _solve = solver ?? ((MatrixView<T> a, ReadOnlySpan<T> g, T k, SingularValueCutoff<T> c, Span<T> d, Span<T> s, Span<T> w) =>
            KappaPower.Apply(a, g, k, c, d, s, w, options));
    }

    /// <summary>κ: the power of the singular values that is inverted.</summary>
    public T Kappa { get; }

    /// <summary>η.</summary>
    public T LearningRate { get; }

    /// <summary>
    /// Which singular values are kept: the cut-off given, or <see cref="SingularValueCutoff{T}.Default"/> when none was
    /// (then <see cref="CutoffIsShapeDefault"/> is true and each step raises it as <see cref="SingularValueCutoff{T}.DefaultFor"/>).
    /// </summary>
    public SingularValueCutoff<T> Cutoff { get; }

    /// <summary>Whether no cut-off was given, so each step uses <see cref="SingularValueCutoff{T}.DefaultFor"/> of its Jacobian.</summary>
    public bool CutoffIsShapeDefault { get; }

    /// <summary>The SVD tunables.</summary>
    public SvdOptions SvdOptions { get; }

    /// <summary>The singular values of J at the last successful step, decreasing (empty before the first).</summary>
    public ReadOnlySpan<T> LastSingularValues => _spectrum.AsSpan(0, _spectrumCount);

    /// <inheritdoc/>
    public OptimizerInput Input => OptimizerInput.JacobianAndLossGradient;

    /// <inheritdoc/>
    public virtual string Name => $"KappaPower(κ={Kappa}, η={LearningRate}, {Cutoff})";

    /// <summary>Forgets the recorded spectrum (the step itself has no state).</summary>
    public void Reset() => _spectrumCount = 0;

    /// <inheritdoc/>
    public StepReport<T> Update(Span<T> theta, MatrixView<T> jacobian, ReadOnlySpan<T> lossGradient)
    {
        int rows = jacobian.Rows, cols = jacobian.Cols;
        if (cols != theta.Length)
        {
            throw new ArgumentException($"jacobian is {rows}×{cols} but theta has {theta.Length} entries: J needs one column per parameter.", nameof(jacobian));
        }

        if (lossGradient.Length != rows)
        {
            throw new ArgumentException($"lossGradient has {lossGradient.Length} entries but jacobian is {rows}×{cols}: g needs one entry per row of J.", nameof(lossGradient));
        }

        EnsureCapacity(rows, cols);
        int k = Math.Min(rows, cols);
        Span<T> direction = _direction.AsSpan(0, cols);
        Span<T> spectrum = _spareSpectrum.AsSpan(0, k);
        KappaPowerSummary<T> summary;
        try
        {
            SingularValueCutoff<T> cutoff = CutoffIsShapeDefault ? SingularValueCutoff<T>.DefaultFor(rows, cols) : Cutoff;
            summary = _solve(jacobian, lossGradient, Kappa, cutoff, direction, spectrum, _workspace);
        }
        catch (NonFiniteInputException e)
        {
            throw new OptimizationStepException(StepFailure.NonFiniteJacobian, $"J or g is not finite: {e.Message}", e);
        }
        catch (SvdNoConvergenceException e)
        {
            throw new OptimizationStepException(StepFailure.SvdDidNotConverge, $"The SVD of the {rows}×{cols} Jacobian did not converge: {e.Message}", e);
        }

        T directionNorm = Blas.Nrm2<T>(direction);
        T stepNorm = LearningRate * directionNorm;
        if (!T.IsFinite(stepNorm))
        {
            throw new OptimizationStepException(StepFailure.NonFiniteUpdate,
                $"The step η·‖V·Λ^(−κ)·Uᵀ·g‖ = {stepNorm} is not finite (smallest kept σ = {summary.SmallestKeptSigma}).");
        }

        Blas.Axpy(-LearningRate, direction, theta);
        (_spectrum, _spareSpectrum) = (_spareSpectrum, _spectrum);
        _spectrumCount = k;
        return new StepReport<T>(stepNorm, summary);
    }

    /// <summary>Grows the buffers for an m×n Jacobian; allocates only when a larger J than before arrives.</summary>
    private void EnsureCapacity(int rows, int cols)
    {
        int k = Math.Min(rows, cols);
        int workspaceLength = KappaPower.WorkspaceLength<T>(rows, cols, 1, SvdOptions);
        if (_workspace.Length < workspaceLength)
        {
            _workspace = new T[workspaceLength];
        }

        if (_direction.Length < cols)
        {
            _direction = new T[cols];
        }

        if (_spareSpectrum.Length < k)
        {
            var grown = new T[Math.Max(k, _spectrum.Length)];
            _spectrum.AsSpan(0, _spectrumCount).CopyTo(grown);
            _spectrum = grown;
            _spareSpectrum = new T[grown.Length];
        }
    }
}
