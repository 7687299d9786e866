// ToyProbe: what the toy's CSV rows carry besides the losses — the hidden tanh activations over the validation inputs
// (mean and population standard deviation over all neurons and inputs, two passes, and the fraction saturated beyond
// ±0.99) and the tracked sample's output y — measured with buffers allocated once, in the same order every time.
using System;
using System.Numerics;
using Hig.Bench.Experiments.Runner;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Toy;

/// <summary>The toy's extra CSV columns and their indices in a row's extras.</summary>
internal static class ToyColumns
{
    /// <summary>The columns, in order.</summary>
    public static readonly string[] Names = ["activation_mean", "activation_std", "saturated_fraction", "y1", "y2"];

    /// <summary>Indices of the columns.</summary>
    public const int Mean = 0, Std = 1, Saturated = 2, Y1 = 3, Y2 = 4;
}

/// <summary>Measures the toy's extra columns (see the file header).</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ToyProbe<T> : IRunProbe<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>|a| above this counts as saturated: tanh'(z) = 1 − a² &lt; 0.02, so the neuron passes almost no gradient.</summary>
    public const double SaturationLevel = 0.99;

    private readonly ComposedModel<T> _model;
    private readonly Mlp<T> _network;
    private readonly Dataset<T> _validation;
    private readonly MlpWorkspace<T> _validationWorkspace;
    private readonly Matrix<T> _validationOutput;
    private readonly ModelWorkspace<T> _trackedWorkspace;
    private readonly Matrix<T> _trackedInput;
    private readonly Matrix<T> _trackedOutput;

    public ToyProbe(ComposedModel<T> model, Dataset<T> validation, double trackedInput)
    {
        _model = model;
        _network = model.Network;
        _validation = validation;
        _validationWorkspace = _network.CreateWorkspace(validation.Count);
        _validationOutput = new Matrix<T>(validation.Count, _network.OutputSize);
        _trackedWorkspace = ((IDifferentiableModel<T>)model).CreateWorkspace(1);
        _trackedInput = new Matrix<T>(1, 1);
        _trackedInput[0, 0] = T.CreateTruncating(trackedInput);
        _trackedOutput = new Matrix<T>(1, model.OutputSize);
    }

    /// <inheritdoc/>
    public void Measure(ReadOnlySpan<T> theta, Span<double> extras)
    {
        (extras[ToyColumns.Mean], extras[ToyColumns.Std], extras[ToyColumns.Saturated]) = HiddenActivationStatistics(theta);
        _model.Forward(theta, _trackedInput, _trackedOutput, _trackedWorkspace);
        extras[ToyColumns.Y1] = double.CreateTruncating(_trackedOutput[0, 0]);
        extras[ToyColumns.Y2] = double.CreateTruncating(_trackedOutput[0, 1]);
    }

    /// <inheritdoc/>
    public RunTrace? Trace(ReadOnlySpan<T> initialTheta, ReadOnlySpan<T> finalTheta) => null;

    /// <summary>Mean, population standard deviation (two passes) and saturated fraction of the hidden activations.</summary>
    private (double Mean, double Std, double Saturated) HiddenActivationStatistics(ReadOnlySpan<T> theta)
    {
        _network.Forward(theta, _validation.Inputs, _validationOutput, _validationWorkspace);
        ReadOnlyMatrixView<T> hidden = _validationWorkspace.Activations(ToyProblem.HiddenLevel);
        double sum = 0;
        long saturated = 0;
        for (int i = 0; i < hidden.Rows; i++)
        {
            foreach (T value in hidden.Row(i))
            {
                double a = double.CreateTruncating(value);
                sum += a;
                saturated += Math.Abs(a) > SaturationLevel ? 1 : 0;
            }
        }

        double count = (double)hidden.Rows * hidden.Cols;
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < hidden.Rows; i++)
        {
            foreach (T value in hidden.Row(i))
            {
                double a = double.CreateTruncating(value);
                squares = Math.FusedMultiplyAdd(a - mean, a - mean, squares);
            }
        }

        return (mean, Math.Sqrt(squares / count), saturated / count);
    }
}
