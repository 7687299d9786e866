using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>A supervised data set: row i of <see cref="Inputs"/> is a sample x, row i of <see cref="Targets"/> its target ŷ.</summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed class Dataset<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Pairs inputs and targets (not copied).</summary>
    /// <exception cref="ArgumentNullException">A matrix is null.</exception>
    /// <exception cref="ArgumentException">The matrices have different row counts.</exception>
    public Dataset(Matrix<T> inputs, Matrix<T> targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Rows != targets.Rows)
        {
            throw new ArgumentException(
                $"targets is {targets.Rows}×{targets.Cols} but inputs is {inputs.Rows}×{inputs.Cols}: they need one row per sample each.", nameof(targets));
        }

        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>The inputs, one sample per row.</summary>
    public Matrix<T> Inputs { get; }

    /// <summary>The targets, one sample per row.</summary>
    public Matrix<T> Targets { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Inputs.Rows;
}
