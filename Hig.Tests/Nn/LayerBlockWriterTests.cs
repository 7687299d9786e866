using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;

namespace Hig.Tests.Nn;

/// <summary>
/// One layer's block of a Jacobian row, vec(δ ⊗ a) then δ, against the plain double loop it stands for: bit for bit
/// (every element is the one product δ[p]·a[q]), for every input width from 1 to 40 (the narrow-row paths of one to four
/// vectors at each width, their overlaps, and the general loop), with the elements around the block untouched.
/// </summary>
public abstract class LayerBlockWriterTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [Fact]
    public void BlockIsTheOuterProductThenTheBiasesAtEveryWidth()
    {
        var rng = new Rng(77);
        for (int nIn = 1; nIn <= 40; nIn++)
        {
            foreach (int nOut in new[] { 1, 3, 5 })
            {
                var delta = new T[nOut];
                var a = new T[nIn];
                rng.FillUniform<T>(delta, -T.One, T.One);
                rng.FillUniform<T>(a, -T.One, T.One);
                int size = nOut * (nIn + 1), pad = 70;
                var buffer = new T[size + (2 * pad)];
                Array.Fill(buffer, T.NaN);
                LayerBlockWriter.Write(ref buffer[pad], ref delta[0], ref a[0], nOut, nIn);
                for (int k = 0; k < buffer.Length; k++)
                {
                    int e = k - pad;
                    T expected = e < 0 || e >= size ? T.NaN : e < nOut * nIn ? delta[e / nIn] * a[e % nIn] : delta[e - (nOut * nIn)];
                    Assert.True(buffer[k].Equals(expected), $"nIn {nIn}, nOut {nOut}, element {e}: {buffer[k]} vs {expected}");
                }
            }
        }
    }
}

public sealed class LayerBlockWriterTestsDouble : LayerBlockWriterTests<double>;

public sealed class LayerBlockWriterTestsSingle : LayerBlockWriterTests<float>;
