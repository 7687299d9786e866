// SvdArguments: the argument checks shared by Svd and KappaPower; every message names the argument and the
// shapes involved.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class SvdArguments
{
    public static void RequireShape<T>(MatrixView<T> view, int rows, int cols, string name, int m, int n, string rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (view.Rows != rows || view.Cols != cols)
        {
            ShapeGuard.ThrowShape(name,
                $"{name} is {ShapeGuard.Shape(view.Rows, view.Cols)} but must be {ShapeGuard.Shape(rows, cols)} for A {ShapeGuard.Shape(m, n)} ({rule}).");
        }
    }

    public static void RequireLength(int length, int expected, string name, int m, int n)
    {
        if (length != expected)
        {
            ShapeGuard.ThrowShape(name,
                $"{name} has length {length} but must have length min(m, n) = {expected} for A {ShapeGuard.Shape(m, n)}.");
        }
    }

    public static void RequireWorkspace(int length, int needed, int m, int n)
    {
        if (length < needed)
        {
            ShapeGuard.ThrowShape("workspace",
                $"workspace has length {length} but A {ShapeGuard.Shape(m, n)} needs at least {needed} (see the WorkspaceLength method).");
        }
    }

    public static void RequireNoOverlap<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> input, string outputName, string inputName)
    {
        if (output.Overlaps(input))
        {
            ShapeGuard.ThrowOverlap(outputName, inputName);
        }
    }

    public static void RequireNoOverlap<T>(Span<T> output, ReadOnlySpan<T> input, string outputName, string inputName) =>
        RequireNoOverlap((ReadOnlySpan<T>)output, input, outputName, inputName);
}
