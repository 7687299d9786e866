// JacobianRowWriter: the stacked per-sample Jacobian from the sensitivities G_l = ∂y/∂z_l, written row by row.
//
// For output row r = i·s+o (sample i) and layer l, ∂y_{i,o}/∂W_l[p, q] = G_{l+1}[r, p]·a_l[i, q] and
// ∂y_{i,o}/∂b_l[p] = G_{l+1}[r, p]. In θ's layout W_l is row-major and b_l follows it, so each layer's columns
// of the row are vec(δ ⊗ a_l[i, :]) then δ (LayerBlockWriter), and the layers follow each other: every row of J is
// written once, left to right, straight from per-sample outer products — a sequential stream, as in the "write J
// once" bound. Forward and reverse mode differ only in how they compute G.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hig.Numerics;

namespace Hig.Nn;

internal static class JacobianRowWriter
{
    /// <summary>J ← the stacked Jacobian from the workspace's sensitivities and cached activations (J's shape checked).</summary>
    public static void Write<T>(Mlp<T> net, MlpWorkspace<T> ws, MatrixView<T> jacobian)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = ws.RequireForward();
        int s = ws.SeedRows;
        ReadOnlySpan<int> widths = net.Widths;
        ref T j0 = ref MemoryMarshal.GetReference(jacobian.Span);
        if (jacobian.Rows != b * s)
        {
            NnGuard.ThrowShape(nameof(jacobian), "internal: J's rows do not match the cached batch.");
        }

        for (int r = 0; r < jacobian.Rows; r++)
        {
            ref T row = ref Unsafe.Add(ref j0, (nint)r * jacobian.RowStride);
            int i = r / s;
            int offset = 0;
            for (int l = 0; l < widths.Length - 1; l++)
            {
                // Layer l's block starts where layer l−1's ended: θ's layout is the layers back to back.
                int nIn = widths[l], nOut = widths[l + 1];
                LayerBlockWriter.Write(
                    ref Unsafe.Add(ref row, offset),
                    ref Unsafe.Add(ref ws.SensitivityBase(l + 1), (nint)r * nOut),
                    ref Unsafe.Add(ref ws.LevelBase(l), (nint)i * nIn),
                    nOut,
                    nIn);
                offset += nOut * (nIn + 1);
            }
        }
    }
}
