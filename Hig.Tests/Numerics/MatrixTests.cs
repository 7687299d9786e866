using System;
using Hig.Numerics;

namespace Hig.Tests.Numerics;

/// <summary>The owning matrix and its views: layout, slicing, copying and argument checks.</summary>
public sealed class MatrixTests
{
    [Fact]
    public void Matrix_IsRowMajor_AndViewsShareStorage()
    {
        var m = Matrix<double>.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, m.Data.ToArray());
        MatrixView<double> block = m.Slice(0, 1, 2, 2);
        Assert.Equal(3, block.RowStride);
        block[1, 1] = 60;
        Assert.Equal(60, m[1, 2]);
        Assert.Equal(new double[] { 4, 5, 60 }, m.Row(1).ToArray());
        Assert.Equal(new double[,] { { 1, 4 }, { 2, 5 }, { 3, 60 } }, m.Transposed().ToArray());
    }

    [Fact]
    public void Views_CheckTheirShape()
    {
        var data = new double[10];
        Assert.Throws<ArgumentException>(() => new MatrixView<double>(data, 3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixView<double>(data, 2, 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixView<double>(data, -1, 2));

        // Strided: the last row needs only Cols elements, not a full stride.
        var view = new MatrixView<double>(data, 3, 2, 4);
        Assert.Equal(10, view.Span.Length);
        Assert.False(view.IsContiguous);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<double>(2, 2).Slice(1, 1, 2, 1));
        Assert.Contains("2×1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Matrix<double>(2, 2)[2, 0]);
    }

    [Fact]
    public void CopyTo_RequiresTheSameShape_AndRespectsStrides()
    {
        var source = Matrix<float>.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        var target = new float[9];
        target.AsSpan().Fill(-1);
        source.AsReadOnlyView().CopyTo(new MatrixView<float>(target, 2, 2, 4));
        Assert.Equal(new float[] { 1, 2, -1, -1, 3, 4, -1, -1, -1 }, target);
        Assert.Throws<ArgumentException>(() => source.AsReadOnlyView().CopyTo(new Matrix<float>(2, 3)));
    }

    [Fact]
    public void EmptyShapes_AreValid()
    {
        var empty = new Matrix<double>(3, 0);
        Assert.True(empty.AsView().IsEmpty);
        Assert.Equal(0, empty.Row(2).Length);
        Assert.True(new Matrix<double>(0, 5).AsView().Slice(0, 2, 0, 3).IsEmpty);
    }

    [Fact]
    public void Identity_AndClone()
    {
        var identity = Matrix<double>.Identity(3);
        var copy = identity.Clone();
        copy[0, 0] = 5;
        Assert.Equal(1, identity[0, 0]);
        Assert.Equal(new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, identity.ToArray());
    }
}
