// NnGuard: argument checks shared by Hig.Nn (on top of Hig.Numerics' ShapeGuard, whose formatting it reuses).
// Throws live in non-inlined methods so checked hot methods stay small; every message names the argument and the
// shapes involved.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Hig.Numerics;

namespace Hig.Nn;

internal static class NnGuard
{
    /// <summary>
    /// Throws unless <paramref name="actual"/> equals <paramref name="expected"/>. <paramref name="what"/> names the
    /// expected quantity; <paramref name="context"/> (a model, formatted only when throwing) says whose.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Length(int actual, int expected, string paramName, string what, object? context = null)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, paramName, what, context);
        }
    }

    /// <summary>Throws unless the matrix is <paramref name="rows"/>×<paramref name="cols"/> (see <see cref="Length"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixShape(int actualRows, int actualCols, int rows, int cols, string paramName, string what, object? context = null)
    {
        if (actualRows != rows || actualCols != cols)
        {
            ThrowMatrixShape(actualRows, actualCols, rows, cols, paramName, what, context);
        }
    }

    /// <summary>Throws unless <paramref name="mode"/> is a defined <see cref="JacobianMode"/>.</summary>
    public static void DefinedMode(JacobianMode mode)
    {
        if (mode is not (JacobianMode.Auto or JacobianMode.Forward or JacobianMode.Reverse))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown Jacobian mode.");
        }
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLength(int actual, int expected, string paramName, string what, object? context = null) =>
        throw new ArgumentException($"{paramName} has length {actual}, but {what} needs length {expected}{Of(context)}.", paramName);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMatrixShape(int actualRows, int actualCols, int rows, int cols, string paramName, string what, object? context) =>
        throw new ArgumentException($"{paramName} is {ShapeGuard.Shape(actualRows, actualCols)} but {what} needs {ShapeGuard.Shape(rows, cols)}{Of(context)}.", paramName);

    private static string Of(object? context) => context is null ? string.Empty : $" (model: {context})";
}
