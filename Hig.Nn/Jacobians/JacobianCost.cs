// JacobianCost: the shape rule behind JacobianMode.Auto.
//
// Both modes write every element of J once through the same outer products, so they differ only in the
// propagation work, counted in multiply-adds per sample (see ReverseJacobian and ForwardJacobian):
//   reverse: s cotangents per sample through the layers above the first:   s·Σ_{l≥1} n_{l+1}·n_l
//   forward: n_{l+1} tangents per layer l through the layers above it:      Σ_l n_{l+1}·(n_{l+2} + Σ_{m>l+1} n_{m+1}·n_m)
//            plus, with a general seed, s·n_{l+1}·n_L per layer for M_i = S_i·F_iᵀ.
// This is JAX's rule (forward when there are more outputs than inputs) with the counts that matter here:
// the "inputs" of forward mode are the neurons (bias tangents; weight tangents follow by linearity), not |θ|,
// and the "outputs" of reverse mode are the s rows per sample. Reverse mode's work is all in gemms over b·s
// rows, forward mode's partly in per-sample loops (the first level, the transposition or seed product), which
// run slower per multiply-add; so forward mode is chosen only when its count is below half of reverse mode's
// (ForwardAdvantage, calibrated with the benchmarks: the toy network, where the counts are about equal,
// measured forward mode 1.2–1.8× slower). The benchmarks (Hig.Bench, '*Jacobian*') check the choice.
using System;

namespace Hig.Nn;

internal static class JacobianCost
{
    /// <summary>How much smaller forward mode's count must be to be chosen (see the file header).</summary>
    public const int ForwardAdvantage = 2;

    /// <summary>The cheaper mode for a network with the given widths and s seed rows per sample.</summary>
    public static JacobianMode Choose(ReadOnlySpan<int> widths, int seedRows, bool identitySeed)
    {
        (long forward, long reverse) = Count(widths, seedRows, identitySeed);
        return ForwardAdvantage * forward < reverse ? JacobianMode.Forward : JacobianMode.Reverse;
    }

    /// <summary>Propagation multiply-adds per sample of forward and reverse mode.</summary>
    public static (long Forward, long Reverse) Count(ReadOnlySpan<int> widths, int seedRows, bool identitySeed)
    {
        int layers = widths.Length - 1;
        long reverse = 0;
        for (int l = 1; l < layers; l++)
        {
            reverse += (long)seedRows * widths[l + 1] * widths[l];
        }

        long forward = 0;
        for (int l = 0; l < layers; l++)
        {
            long n = widths[l + 1];
            long perTangent = l + 2 <= layers ? widths[l + 2] : 0;
            for (int m = l + 2; m < layers; m++)
            {
                perTangent += (long)widths[m + 1] * widths[m];
            }

            forward += n * perTangent;
            if (!identitySeed)
            {
                forward += seedRows * n * widths[layers];
            }
        }

        return (forward, reverse);
    }
}
