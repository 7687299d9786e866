// KappaPowerDriver: FIRST SIMPLE IMPLEMENTATION (explicit route) so the public API can be compiled against;
// it is replaced by the implicit route that never forms U (docs/svd.md).
using System;
using System.Numerics;

namespace Hig.Numerics;

internal static class KappaPowerDriver
{
    public static int WorkspaceLength<T>(int m, int n, int r, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T> => 0;

    public static KappaPowerSummary<T> Apply<T>(MatrixView<T> a, ReadOnlyMatrixView<T> g, T kappa, SingularValueCutoff<T> cutoff, MatrixView<T> d, Span<T> singularValues, Span<T> workspace, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        _ = workspace;
        return KappaPower.ApplyExplicit(a, g, kappa, cutoff, d, singularValues, options);
    }
}
