using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

/// <summary>
/// Argument checks shared by the matrix types and kernels. The throws live in separate
/// non-inlined methods so the checked hot methods stay small (the TensorPrimitives habit).
/// Every message names the argument and the shapes involved.
/// </summary>
internal static class ShapeGuard
{
    /// <summary>Formats a shape as "rows×cols".</summary>
    public static string Shape(int rows, int cols) => $"{rows}×{cols}";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NonNegative(int value, string name)
    {
        if (value < 0) ThrowNegative(value, name);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNegative(int value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} must be non-negative, got {value}.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowShape(string paramName, string message) => throw new ArgumentException(message, paramName);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowLength(string paramName, int actual, int expected, string what) =>
        throw new ArgumentException($"{paramName} has length {actual}, but {what} needs length {expected}.", paramName);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowOverlap(string outputName, string inputName) =>
        throw new ArgumentException(
            $"{outputName} overlaps {inputName} in memory; the output must not share storage with an input.", outputName);

    /// <summary>Minimum backing length of a rows×cols view with the given row stride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RequiredLength(int rows, int cols, int rowStride) =>
        rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * rowStride + cols;
}
