// RunRecorder: the training observer of a toy run. On every logged step it measures what the CSV and the figures
// show — the loss over the whole training set, the hidden tanh activations over the validation inputs (mean and
// population standard deviation over all neurons and inputs, and the fraction saturated beyond ±0.99), and the
// tracked sample's output y — and appends a row.
// Its time is not training time: the trainer stops its clock while observers run.
// Invariants: rows are appended in iteration order; all evaluation uses buffers allocated in the constructor and the
// same summation order every time, so an iteration budget gives identical rows on every run.
using System;
using System.Collections.Generic;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Toy;

/// <summary>The live state of a run, for progress displays.</summary>
/// <param name="Spec">The run.</param>
/// <param name="Iteration">Steps done.</param>
/// <param name="Seconds">Training seconds so far.</param>
/// <param name="ValidationLoss">The latest logged validation loss.</param>
public readonly record struct RunStatus(RunSpec Spec, long Iteration, double Seconds, double ValidationLoss);

/// <summary>Records the logged steps of one toy run (see the file header).</summary>
internal sealed class RunRecorder : ITrainingObserver<double>
{
    /// <summary>|a| above this counts as saturated: tanh'(z) = 1 − a² &lt; 0.02, so the neuron passes almost no gradient.</summary>
    public const double SaturationLevel = 0.99;

    private readonly RunSpec _spec;
    private readonly Mlp<double> _network;
    private readonly ComposedModel<double> _model;
    private readonly Trainer<double> _evaluator;
    private readonly Dataset<double> _training;
    private readonly Dataset<double> _validation;
    private readonly MlpWorkspace<double> _validationWorkspace;
    private readonly Matrix<double> _validationOutput;
    private readonly ModelWorkspace<double> _trackedWorkspace;
    private readonly Matrix<double> _trackedInput;
    private readonly Matrix<double> _trackedOutput;
    private readonly Action<RunStatus>? _progress;
    private readonly List<LogRow> _rows = [];

    /// <param name="spec">The run.</param>
    /// <param name="model">The model being trained (its network is read for the hidden activations).</param>
    /// <param name="evaluator">The run's trainer, used between steps only for <see cref="Trainer{T}.Evaluate"/>: it computes
    /// the training loss exactly as the run's final result does.</param>
    /// <param name="training">The training set.</param>
    /// <param name="validation">The validation set.</param>
    /// <param name="trackedInput">The input x whose output is followed.</param>
    /// <param name="progress">Told the run's state on every logged step; may be null.</param>
    public RunRecorder(RunSpec spec, ComposedModel<double> model, Trainer<double> evaluator, Dataset<double> training, Dataset<double> validation,
        double trackedInput, Action<RunStatus>? progress)
    {
        _spec = spec;
        _model = model;
        _network = model.Network;
        _evaluator = evaluator;
        _training = training;
        _validation = validation;
        _validationWorkspace = _network.CreateWorkspace(validation.Count);
        _validationOutput = new Matrix<double>(validation.Count, _network.OutputSize);
        _trackedWorkspace = ((IDifferentiableModel<double>)model).CreateWorkspace(1);
        _trackedInput = new Matrix<double>(1, 1);
        _trackedInput[0, 0] = trackedInput;
        _trackedOutput = new Matrix<double>(1, model.OutputSize);
        _progress = progress;
    }

    /// <summary>The rows recorded so far.</summary>
    public IReadOnlyList<LogRow> Rows => _rows;

    /// <inheritdoc/>
    public void OnStep(in TrainingStep<double> metrics, ReadOnlySpan<double> theta)
    {
        if (metrics.IsLogged)
        {
            Record(metrics.Iteration, metrics.Seconds, metrics.ValidationLoss, metrics.Report.StepNorm, theta);
        }
    }

    /// <summary>
    /// Makes sure the last row is the final state: after a failed step the trainer's last report may be an earlier
    /// unlogged iteration, so the final θ is measured here.
    /// </summary>
    public void Finish(TrainingResult<double> result, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_rows.Count == 0 || _rows[^1].Iteration != result.Iterations)
        {
            Record(result.Iterations, result.Seconds, result.FinalValidationLoss, double.NaN, theta);
        }
    }

    private void Record(long iteration, double seconds, double validationLoss, double stepNorm, ReadOnlySpan<double> theta)
    {
        double trainingLoss = _evaluator.Evaluate(theta, _training);
        (double mean, double std, double saturated) = HiddenActivationStatistics(theta);
        _model.Forward(theta, _trackedInput, _trackedOutput, _trackedWorkspace);
        _rows.Add(new LogRow(iteration, seconds, trainingLoss, validationLoss, mean, std, saturated, _trackedOutput[0, 0], _trackedOutput[0, 1], stepNorm));
        _progress?.Invoke(new RunStatus(_spec, iteration, seconds, validationLoss));
    }

    /// <summary>
    /// Mean and population standard deviation (two passes) of every hidden activation over the validation inputs, and
    /// the fraction of them beyond ±<see cref="SaturationLevel"/>.
    /// </summary>
    private (double Mean, double Std, double Saturated) HiddenActivationStatistics(ReadOnlySpan<double> theta)
    {
        _network.Forward(theta, _validation.Inputs, _validationOutput, _validationWorkspace);
        ReadOnlyMatrixView<double> hidden = _validationWorkspace.Activations(ToyProblem.HiddenLevel);
        double sum = 0;
        long saturated = 0;
        for (int i = 0; i < hidden.Rows; i++)
        {
            foreach (double a in hidden.Row(i))
            {
                sum += a;
                saturated += Math.Abs(a) > SaturationLevel ? 1 : 0;
            }
        }

        double count = (double)hidden.Rows * hidden.Cols;
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < hidden.Rows; i++)
        {
            foreach (double a in hidden.Row(i))
            {
                squares = Math.FusedMultiplyAdd(a - mean, a - mean, squares);
            }
        }

        return (mean, Math.Sqrt(squares / count), saturated / count);
    }
}
