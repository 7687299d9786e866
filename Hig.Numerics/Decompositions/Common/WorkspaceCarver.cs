// WorkspaceCarver: hands out consecutive pieces of one caller-owned workspace span. The same planning code runs in
// measuring mode (to report a WorkspaceLength) and in carving mode (to slice the real span), so the reported length
// and the pieces taken can never disagree.
using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

internal ref struct WorkspaceCarver<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly bool _measuring;
    private Span<T> _rest;

    private WorkspaceCarver(Span<T> workspace, bool measuring)
    {
        _rest = workspace;
        _measuring = measuring;
        Used = 0;
    }

    /// <summary>Elements handed out so far.</summary>
    public int Used { get; private set; }

    /// <summary>A carver that only counts.</summary>
    public static WorkspaceCarver<T> Measure() => new(Span<T>.Empty, measuring: true);

    /// <summary>A carver over <paramref name="workspace"/>.</summary>
    public static WorkspaceCarver<T> Over(Span<T> workspace) => new(workspace, measuring: false);

    /// <summary>The next <paramref name="length"/> elements (empty when measuring).</summary>
    public Span<T> Take(int length)
    {
        Used = checked(Used + length);
        if (_measuring)
        {
            return Span<T>.Empty;
        }

        Span<T> piece = _rest[..length];
        _rest = _rest[length..];
        return piece;
    }

    /// <summary>The next <paramref name="length"/> ints, carved from whole elements of T.</summary>
    public Span<int> TakeInts(int length)
    {
        int size = typeof(T) == typeof(double) ? sizeof(double) : sizeof(float);
        int elements = ((length * sizeof(int)) + size - 1) / size;
        Span<T> piece = Take(elements);
        return _measuring ? Span<int>.Empty : MemoryMarshal.Cast<T, int>(piece)[..length];
    }
}
