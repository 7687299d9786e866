using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>The public SVD and κ-power API on random matrices: LAPACK's ratios, shapes, and κ implicit vs explicit.</summary>
public abstract class SvdApiTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [Theory]
    [InlineData(7, 5)]
    [InlineData(5, 7)]
    [InlineData(40, 3)]
    [InlineData(3, 40)]
    [InlineData(12, 12)]
    public void ThinSvdOfRandomMatrixHasSmallRatios(int m, int n)
    {
        Matrix<T> a = TestMatrices.Uniform<T>(m, n, seed: 11);
        SvdResult<T> svd = Hig.Numerics.Svd.Thin(a);
        SvdResiduals r = SvdDiagnostics.Residuals(a.AsReadOnlyView(), svd.U, svd.SingularValues, svd.V);
        Assert.True(r.Max < 30, $"ratios {r}"); // LAPACK's pass mark
    }
}

public sealed class SvdApiTestsDouble : SvdApiTests<double>;

public sealed class SvdApiTestsSingle : SvdApiTests<float>;
