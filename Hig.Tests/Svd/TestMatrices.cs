using System.Numerics;
using Hig.Numerics;

namespace Hig.Tests.Svd;

/// <summary>Seeded test matrices.</summary>
internal static class TestMatrices
{
    /// <summary>Entries uniform in [−1, 1) from a fixed seed.</summary>
    public static Matrix<T> Uniform<T>(int m, int n, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new Matrix<T>(m, n);
        var rng = new Rng(seed);
        for (int i = 0; i < a.Data.Length; i++)
        {
            a.Data[i] = T.CreateTruncating(rng.NextUniform<double>(-1.0, 1.0));
        }

        return a;
    }
}
