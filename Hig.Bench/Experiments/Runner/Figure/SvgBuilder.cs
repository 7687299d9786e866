// SvgBuilder: a minimal writer of SVG 1.1 elements with invariant number formatting and XML escaping, enough for the
// experiments' figures (lines, polylines, polygons, circles, rectangles, text, groups and clip paths). No dependencies.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Hig.Bench.Experiments.Runner.Figure;

/// <summary>Builds an SVG document as text.</summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder _text = new();
    private int _openGroups;

    /// <summary>Starts a document of the given pixel size with a white background.</summary>
    public SvgBuilder(double width, double height, string fontFamily)
    {
        _text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        _text.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height))
            .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height)).Append("\" font-family=\"").Append(Escape(fontFamily)).Append("\">\n");
        Rect(0, 0, width, height, "fill=\"#ffffff\"");
    }

    /// <summary>Opens a group with the given attributes (e.g. id, class, clip-path).</summary>
    public void BeginGroup(string attributes)
    {
        _text.Append("<g ").Append(attributes).Append(">\n");
        _openGroups++;
    }

    /// <summary>Closes the innermost open group.</summary>
    public void EndGroup()
    {
        if (_openGroups == 0)
        {
            throw new InvalidOperationException("No group is open.");
        }

        _openGroups--;
        _text.Append("</g>\n");
    }

    /// <summary>Defines a rectangular clip path with the given id.</summary>
    public void ClipRect(string id, double x, double y, double width, double height) =>
        _text.Append("<defs><clipPath id=\"").Append(Escape(id)).Append("\"><rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y))
            .Append("\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height)).Append("\"/></clipPath></defs>\n");

    /// <summary>A rectangle.</summary>
    public void Rect(double x, double y, double width, double height, string style) =>
        _text.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(width))
            .Append("\" height=\"").Append(N(height)).Append("\" ").Append(style).Append("/>\n");

    /// <summary>A straight line.</summary>
    public void Line(double x1, double y1, double x2, double y2, string style) =>
        _text.Append("<line x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1)).Append("\" x2=\"").Append(N(x2))
            .Append("\" y2=\"").Append(N(y2)).Append("\" ").Append(style).Append("/>\n");

    /// <summary>An open polyline through the points (nothing for fewer than two).</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, string style) => PointsElement("polyline", points, 2, "fill=\"none\" " + style);

    /// <summary>A closed, filled polygon through the points (nothing for fewer than three).</summary>
    public void Polygon(IReadOnlyList<(double X, double Y)> points, string style) => PointsElement("polygon", points, 3, style);

    /// <summary>A circle.</summary>
    public void Circle(double cx, double cy, double r, string style) =>
        _text.Append("<circle cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy)).Append("\" r=\"").Append(N(r)).Append("\" ").Append(style).Append("/>\n");

    /// <summary>Text at (x, y) (baseline), anchored "start", "middle" or "end", optionally rotated about its anchor.</summary>
    public void Text(double x, double y, string text, double size, string anchor = "start", double rotate = 0, string extra = "")
    {
        _text.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" font-size=\"").Append(N(size))
            .Append("\" text-anchor=\"").Append(anchor).Append('"');
        if (rotate != 0)
        {
            _text.Append(" transform=\"rotate(").Append(N(rotate)).Append(' ').Append(N(x)).Append(' ').Append(N(y)).Append(")\"");
        }

        if (extra.Length > 0)
        {
            _text.Append(' ').Append(extra);
        }

        _text.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>Closes the document and returns its text.</summary>
    public override string ToString()
    {
        if (_openGroups != 0)
        {
            throw new InvalidOperationException($"{_openGroups} group(s) are still open.");
        }

        return _text.ToString() + "</svg>\n";
    }

    /// <summary>A coordinate with at most two decimals, invariant culture.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An element with a points attribute; nothing when there are fewer than <paramref name="minimum"/> points.</summary>
    private void PointsElement(string element, IReadOnlyList<(double X, double Y)> points, int minimum, string style)
    {
        if (points.Count < minimum)
        {
            return;
        }

        _text.Append('<').Append(element).Append(" points=\"");
        for (int i = 0; i < points.Count; i++)
        {
            _text.Append(i > 0 ? " " : string.Empty).Append(N(points[i].X)).Append(',').Append(N(points[i].Y));
        }

        _text.Append("\" ").Append(style).Append("/>\n");
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
