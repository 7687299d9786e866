// MergeWorkspace: the scratch of one divide-and-conquer merge of up to n rows, carved from the caller's workspace
// (WorkspaceCarver, so the reported length and the pieces taken cannot disagree). Reused by every merge of a call.
// Per pole (n each): the scaled pole dⱼ, its zⱼ, a sort key, the Uᵀ/Vᵀ row it comes from, its type (1 left child,
// 2 both halves, 3 right child), the sort order, the kept and deflated lists, the grouped position; per kept root:
// poles and z of the secular equation, Löwner's ẑ, τ and the origin. Two n×n blocks: the gathered vectors of the
// children (the left factor of the gemm products) and the singular vectors of the merged matrix.
using System;
using System.Numerics;

namespace Hig.Numerics;

internal readonly ref struct MergeWorkspace<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public MergeWorkspace(scoped ref WorkspaceCarver<T> carver, int n)
    {
        PoleD = carver.Take(n);
        PoleZ = carver.Take(n);
        Keys = carver.Take(n);
        KeptD = carver.Take(n);
        KeptZ = carver.Take(n);
        ZHat = carver.Take(n);
        Tau = carver.Take(n);
        RowNorms = carver.Take(n);
        Row = carver.TakeInts(n);
        Type = carver.TakeInts(n);
        Order = carver.TakeInts(n);
        Kept = carver.TakeInts(n);
        Deflated = carver.TakeInts(n);
        Position = carver.TakeInts(n);
        Origin = carver.TakeInts(n);
        Gathered = carver.Take(checked(n * n));
        Weights = carver.Take(checked(n * n));
    }

    public Span<T> PoleD { get; }
    public Span<T> PoleZ { get; }
    public Span<T> Keys { get; }
    public Span<T> KeptD { get; }
    public Span<T> KeptZ { get; }
    public Span<T> ZHat { get; }
    public Span<T> Tau { get; }
    public Span<T> RowNorms { get; }
    public Span<int> Row { get; }
    public Span<int> Type { get; }
    public Span<int> Order { get; }
    public Span<int> Kept { get; }
    public Span<int> Deflated { get; }
    public Span<int> Position { get; }
    public Span<int> Origin { get; }
    public Span<T> Gathered { get; }
    public Span<T> Weights { get; }
}
