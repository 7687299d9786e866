// Trainer: mini-batch training of an IDifferentiableModel on an L2 loss with any Hig optimizer.
//
// Each step asks the model only for what the optimizer needs:
//   first-order (GD, Adam):  forward pass, G = ∂L/∂y, one reverse pass for ∂L/∂θ = Jᵀ·vec(G);
//   least-squares (GN, HIG): the stacked Jacobian J = ∂y/∂θ (with y in the same pass) and g = ∂L/∂y.
// For the least-squares family the loss is written as L = (c/b)·‖r‖² with the residual r = s ⊙ (y − ŷ), so the
// optimizer receives the Jacobian of r (J's rows scaled by the loss scales s) and g = ∂L/∂r = 2c·r/b, so that
// Jᵣᵀ·g = ∂L/∂θ; with s = 1 these are exactly J and ∂L/∂y. The HIG reference code feeds J and ∂L/∂y of its plain
// sum of squares (c = 1): with L2Loss.SumOfSquares these are its inputs exactly; with the default c = ½, g is half of
// its gradient.
// Mini-batches: the training set is shuffled with the run's seeded Rng at the start of every epoch (or, with
// BatchOrder.Sequential, kept in storage order) and cut into batches of BatchSize rows; an incomplete last batch is
// skipped (reshuffle and start over).
// Invariants: after construction and the first step, Step allocates nothing; a failed step leaves θ unchanged and ends
// the run with StopReason.StepFailed.
using System;
using System.Diagnostics;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>
/// Trains an <see cref="IDifferentiableModel{T}"/> on an <see cref="L2Loss{T}"/> with an <see cref="IOptimizer{T}"/>:
/// single steps (<see cref="Step"/>), whole runs with iteration and wall-clock budgets (<see cref="Run"/>), and loss
/// evaluation (<see cref="Evaluate"/>).
/// </summary>
/// <remarks>
/// <para>Per step the model is asked only for what the optimizer needs: a forward and one reverse pass for gradient
/// optimizers; the stacked Jacobian for least-squares optimizers. For a loss with scales s and factor c, least-squares
/// optimizers see the Jacobian of the residual r = s ⊙ (y − ŷ) and g = ∂L/∂r = 2c·r/b (L = c·‖r‖²/b), so that their
/// product Jᵣᵀ·g is ∂L/∂θ; with s = 1 that is J and ∂L/∂y.</para>
/// <para>Buffers for batches of up to <see cref="BatchSize"/> rows are allocated in the constructor; steps allocate
/// nothing (the optimizer may grow its own workspace on its first step).</para>
/// </remarks>
/// <typeparam name="T">The floating-point type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Trainer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IDifferentiableModel<T> _model;
    private readonly L2Loss<T> _loss;
    private readonly IOptimizer<T> _optimizer;
    private readonly ModelWorkspace<T> _workspace;
    private readonly Matrix<T> _prediction;
    private readonly Matrix<T> _lossGradient;
    private readonly T[] _gradient;
    private readonly Matrix<T>? _jacobian;
    private readonly T[] _residualGradientScales;
    private readonly bool _unitScales;

    /// <summary>Creates a trainer for batches of up to <paramref name="batchSize"/> samples.</summary>
    /// <param name="model">The model y = F(x; θ).</param>
    /// <param name="loss">The L2 loss on y; its <see cref="L2Loss{T}.OutputSize"/> must equal the model's.</param>
    /// <param name="optimizer">A gradient (<see cref="IGradientOptimizer{T}"/>) or least-squares
    /// (<see cref="ILeastSquaresOptimizer{T}"/>) optimizer.</param>
    /// <param name="batchSize">Rows per mini-batch, ≥ 1.</param>
    /// <param name="jacobianMode">How least-squares optimizers' Jacobians are assembled (default: the cheaper mode).</param>
    /// <exception cref="ArgumentException">The loss and model sizes differ, or the optimizer implements neither family.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1.</exception>
    public Trainer(IDifferentiableModel<T> model, L2Loss<T> loss, IOptimizer<T> optimizer, int batchSize, JacobianMode jacobianMode = JacobianMode.Auto)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (loss.OutputSize != model.OutputSize)
        {
            throw new ArgumentException($"The loss has {loss.OutputSize} components but the model's output has {model.OutputSize}.", nameof(loss));
        }

        if (optimizer is not IGradientOptimizer<T> && optimizer is not ILeastSquaresOptimizer<T>)
        {
            throw new ArgumentException($"{optimizer.Name} is neither a gradient nor a least-squares optimizer.", nameof(optimizer));
        }

        _model = model;
        _loss = loss;
        _optimizer = optimizer;
        BatchSize = batchSize;
        JacobianMode = jacobianMode;
        _workspace = model.CreateWorkspace(batchSize);
        _prediction = new Matrix<T>(batchSize, model.OutputSize);
        _lossGradient = new Matrix<T>(batchSize, model.OutputSize);
        _gradient = new T[model.ParameterCount];
        if (optimizer is ILeastSquaresOptimizer<T>)
        {
            _jacobian = new Matrix<T>(checked(batchSize * model.OutputSize), model.ParameterCount);
        }

        _unitScales = true;
        _residualGradientScales = new T[loss.OutputSize];
        T twiceFactor = loss.Factor + loss.Factor;
        for (int k = 0; k < loss.OutputSize; k++)
        {
            T s = loss.Scales[k];
            _unitScales &= s == T.One;
            _residualGradientScales[k] = twiceFactor * s; // exactly s for the default c = ½
        }
    }

    /// <summary>The largest mini-batch, in samples.</summary>
    public int BatchSize { get; }

    /// <summary>How Jacobians are assembled for least-squares optimizers.</summary>
    public JacobianMode JacobianMode { get; }

    /// <summary>The optimizer this trainer drives.</summary>
    public IOptimizer<T> Optimizer => _optimizer;

    /// <summary>
    /// One optimizer step on the batch (<paramref name="x"/>, <paramref name="target"/>): evaluates the loss and whatever
    /// derivatives the optimizer needs, then lets it update θ. Allocation-free.
    /// </summary>
    /// <param name="theta">θ, updated in place.</param>
    /// <param name="x">b×d_x inputs, 1 ≤ b ≤ <see cref="BatchSize"/>.</param>
    /// <param name="target">b×d_y targets.</param>
    /// <returns>The batch loss before the update, and the optimizer's diagnostics.</returns>
    /// <exception cref="ArgumentException">A shape does not fit the model or the batch size.</exception>
    /// <exception cref="OptimizationStepException">The optimizer rejected the step; θ is unchanged.</exception>
    public StepOutcome<T> Step(Span<T> theta, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> target)
    {
        int b = x.Rows;
        if (b < 1 || b > BatchSize)
        {
            throw new ArgumentException($"x has {b} rows but this trainer takes batches of 1 to {BatchSize} samples.", nameof(x));
        }

        int dy = _model.OutputSize;
        MatrixView<T> y = _prediction.Slice(0, 0, b, dy);
        MatrixView<T> g = _lossGradient.Slice(0, 0, b, dy);
        if (_optimizer is IGradientOptimizer<T> first)
        {
            _model.Forward(theta, x, y, _workspace);
            T loss = _loss.Evaluate(y, target, g);
            _model.Backward(theta, g, _gradient, _workspace);
            return new StepOutcome<T>(loss, first.Update(theta, _gradient));
        }

        var leastSquares = (ILeastSquaresOptimizer<T>)_optimizer;
        MatrixView<T> jacobian = _jacobian!.Slice(0, 0, b * dy, _model.ParameterCount);
        _model.Jacobian(theta, x, jacobian, y, _workspace, JacobianMode);
        T value = _loss.Value(y, target);
        WriteResidualGradient(y, target, g, jacobian);
        return new StepOutcome<T>(value, leastSquares.Update(theta, jacobian, g.Span));
    }

    /// <summary>
    /// The mean loss over all of <paramref name="data"/>, evaluated in chunks of <see cref="BatchSize"/> rows
    /// (each chunk's mean weighted by its rows). Allocation-free.
    /// </summary>
    /// <exception cref="ArgumentException">The data do not fit the model, or are empty.</exception>
    public T Evaluate(ReadOnlySpan<T> theta, Dataset<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot evaluate the mean loss of an empty data set.", nameof(data));
        }

        T total = T.Zero;
        for (int start = 0; start < data.Count; start += BatchSize)
        {
            int rows = Math.Min(BatchSize, data.Count - start);
            MatrixView<T> y = _prediction.Slice(0, 0, rows, _model.OutputSize);
            _model.Forward(theta, data.Inputs.AsReadOnlyView().SliceRows(start, rows), y, _workspace);
            total += _loss.Value(y, data.Targets.AsReadOnlyView().SliceRows(start, rows)) * T.CreateTruncating(rows);
        }

        return total / T.CreateTruncating(data.Count);
    }

    /// <summary>
    /// Trains θ in place on <paramref name="training"/> until a budget of <paramref name="options"/> is reached or a step
    /// fails, reporting every step to <paramref name="observer"/> and evaluating <paramref name="validation"/> on the log
    /// schedule. Deterministic: the same θ, data, options and optimizer state give the same iterates bit for bit (with an
    /// iteration budget; a time budget decides only where the run stops).
    /// </summary>
    /// <exception cref="ArgumentException">No budget is set, or the training set has fewer rows than a batch.</exception>
    public TrainingResult<T> Run(Span<T> theta, Dataset<T> training, TrainingOptions options, Dataset<T>? validation = null, ITrainingObserver<T>? observer = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxIterations is null && options.MaxSeconds is null)
        {
            throw new ArgumentException("Set MaxIterations, MaxSeconds or both: a run needs a budget.", nameof(options));
        }

        if (training.Count < BatchSize)
        {
            throw new ArgumentException($"The training set has {training.Count} samples, fewer than one batch of {BatchSize}.", nameof(training));
        }

        var rng = new Rng(options.Seed);
        int[] order = new int[training.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var batchInputs = new Matrix<T>(BatchSize, training.Inputs.Cols);
        var batchTargets = new Matrix<T>(BatchSize, training.Targets.Cols);
        int position = order.Length; // forces a shuffle before the first batch
        var clock = new Stopwatch();
        long iteration = 0, nextLog = options.LogSchedule.Next(0);
        StopReason reason = StopReason.IterationBudget;
        OptimizationStepException? failure = null;

        // The validation loss of the latest logged θ, kept so the final result does not evaluate the same θ again
        // (the last step of a budget is always logged; a failed step leaves θ as it was).
        T validationLoss = ValidationLoss(theta, validation);
        long validatedAt = 0;
        Report(new TrainingStep<T>(0, 0, T.NaN, validationLoss, default, IsLogged: true), theta, observer);
        while (true)
        {
            if (options.MaxIterations is { } maxIterations && iteration >= maxIterations)
            {
                reason = StopReason.IterationBudget;
                break;
            }

            if (options.MaxSeconds is { } maxSeconds && clock.Elapsed.TotalSeconds >= maxSeconds)
            {
                reason = StopReason.TimeBudget;
                break;
            }

            clock.Start();
            if (position + BatchSize > order.Length)
            {
                if (options.BatchOrder == BatchOrder.Shuffled)
                {
                    rng.Shuffle<int>(order);
                }

                position = 0;
            }

            for (int r = 0; r < BatchSize; r++)
            {
                training.Inputs.Row(order[position + r]).CopyTo(batchInputs.Row(r));
                training.Targets.Row(order[position + r]).CopyTo(batchTargets.Row(r));
            }

            position += BatchSize;
            StepOutcome<T> outcome;
            try
            {
                outcome = Step(theta, batchInputs, batchTargets);
            }
            catch (OptimizationStepException e)
            {
                clock.Stop();
                failure = e;
                reason = StopReason.StepFailed;
                break;
            }

            clock.Stop();
            iteration++;
            bool last = iteration == options.MaxIterations || clock.Elapsed.TotalSeconds >= (options.MaxSeconds ?? double.PositiveInfinity);
            bool logged = last || iteration >= nextLog;
            if (iteration >= nextLog)
            {
                nextLog = options.LogSchedule.Next(iteration);
            }

            if (logged)
            {
                validationLoss = ValidationLoss(theta, validation);
                validatedAt = iteration;
            }

            Report(new TrainingStep<T>(iteration, clock.Elapsed.TotalSeconds, outcome.Loss, logged ? validationLoss : T.NaN, outcome.Report, logged), theta, observer);
        }

        T finalValidation = validatedAt == iteration ? validationLoss : ValidationLoss(theta, validation);
        return new TrainingResult<T>(iteration, clock.Elapsed.TotalSeconds, reason, Evaluate(theta, training), finalValidation, failure);
    }

    private T ValidationLoss(ReadOnlySpan<T> theta, Dataset<T>? validation) =>
        validation is null || validation.Count == 0 ? T.NaN : Evaluate(theta, validation);

    private static void Report(in TrainingStep<T> step, ReadOnlySpan<T> theta, ITrainingObserver<T>? observer) => observer?.OnStep(step, theta);

    /// <summary>
    /// g ← 2c·s ⊙ (y − ŷ)/b row by row (∂L/∂r for r = s ⊙ (y − ŷ)), and J's rows for component k scaled by sₖ (skipped
    /// when every s is 1).
    /// </summary>
    private void WriteResidualGradient(ReadOnlyMatrixView<T> y, ReadOnlyMatrixView<T> target, MatrixView<T> g, MatrixView<T> jacobian)
    {
        int b = y.Rows, dy = y.Cols;
        T inverseBatch = T.One / T.CreateTruncating(b);
        ReadOnlySpan<T> scales = _loss.Scales;
        for (int i = 0; i < b; i++)
        {
            ReadOnlySpan<T> yi = y.Row(i), ti = target.Row(i);
            Span<T> gi = g.Row(i);
            for (int k = 0; k < dy; k++)
            {
                gi[k] = _residualGradientScales[k] * (yi[k] - ti[k]) * inverseBatch;
                if (!_unitScales)
                {
                    Blas.Scal(scales[k], jacobian.Row((i * dy) + k));
                }
            }
        }
    }
}
