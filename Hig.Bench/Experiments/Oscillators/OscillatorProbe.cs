// OscillatorProbe: what the oscillator figure needs besides the losses — for one tracked sample (the first test state
// s*), the network's controls u(t) and the chain's trajectory from s₀ = s*, once with the initial θ and once with the
// final θ. Nothing per row: the CSV carries the losses only.
using System;
using System.Collections.Generic;
using System.Numerics;
using Hig.Bench.Experiments.Runner;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Oscillators;

/// <summary>The names of the probe's series.</summary>
internal static class OscillatorSeries
{
    /// <summary>Controls, positions of the two oscillators (initial and final θ), and the target state.</summary>
    public const string ControlsInitial = "u_initial", ControlsFinal = "u_final", X1Initial = "x1_initial", X2Initial = "x2_initial",
        X1Final = "x1_final", X2Final = "x2_final", Target = "target";
}

/// <summary>Records the tracked sample's controls and trajectory before and after training.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class OscillatorProbe<T> : IRunProbe<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ComposedModel<T> _model;
    private readonly OscillatorChain<T> _chain;
    private readonly Matrix<T> _sample;
    private readonly MlpWorkspace<T> _workspace;
    private readonly Matrix<T> _controls;

    public OscillatorProbe(ComposedModel<T> model, OscillatorChain<T> chain, ReadOnlySpan<T> trackedState)
    {
        _model = model;
        _chain = chain;
        _sample = new Matrix<T>(1, trackedState.Length);
        trackedState.CopyTo(_sample.Row(0));
        _workspace = model.Network.CreateWorkspace(1);
        _controls = new Matrix<T>(1, chain.InputSize);
    }

    /// <inheritdoc/>
    public void Measure(ReadOnlySpan<T> theta, Span<double> extras)
    {
    }

    /// <inheritdoc/>
    public RunTrace? Trace(ReadOnlySpan<T> initialTheta, ReadOnlySpan<T> finalTheta)
    {
        var series = new Dictionary<string, double[]>(StringComparer.Ordinal);
        (series[OscillatorSeries.ControlsInitial], series[OscillatorSeries.X1Initial], series[OscillatorSeries.X2Initial]) = Follow(initialTheta);
        (series[OscillatorSeries.ControlsFinal], series[OscillatorSeries.X1Final], series[OscillatorSeries.X2Final]) = Follow(finalTheta);
        var target = new double[_sample.Cols];
        for (int k = 0; k < target.Length; k++)
        {
            target[k] = double.CreateTruncating(_sample[0, k]);
        }

        series[OscillatorSeries.Target] = target;
        return new RunTrace(series);
    }

    /// <summary>The controls f(s*; θ) and the positions x₁(t), x₂(t) of the trajectory they drive, t = 0 … Nt.</summary>
    private (double[] Controls, double[] X1, double[] X2) Follow(ReadOnlySpan<T> theta)
    {
        _model.Network.Forward(theta, _sample, _controls, _workspace);
        int steps = _chain.Steps, size = _chain.OutputSize;
        var states = new T[(steps + 1) * size];
        _chain.Trajectory(_sample.Row(0), _controls.Row(0), states);
        var controls = new double[steps];
        var x1 = new double[steps + 1];
        var x2 = new double[steps + 1];
        for (int t = 0; t < steps; t++)
        {
            controls[t] = double.CreateTruncating(_controls[0, t]);
        }

        for (int t = 0; t <= steps; t++)
        {
            x1[t] = double.CreateTruncating(states[t * size]);
            x2[t] = double.CreateTruncating(states[(t * size) + 1]);
        }

        return (controls, x1, x2);
    }
}
