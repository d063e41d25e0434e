using System.Globalization;
using System.Text;

namespace Billing.Bench;

/// <summary>A small SVG line chart: charged accounts per second against N, product and baseline.</summary>
public static class Chart
{
    public static string Svg(IReadOnlyList<(int Size, double Product, double Baseline)> points)
    {
        const int w = 640, h = 360, left = 70, bottom = 50, top = 30, right = 20;
        var maxY = points.Max(p => Math.Max(p.Product, p.Baseline)) * 1.15;
        double X(int i) => left + (points.Count == 1 ? 0 : i * (w - left - right) / (double)(points.Count - 1));
        double Y(double v) => h - bottom - v / maxY * (h - bottom - top);
        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        string Line(Func<(int Size, double Product, double Baseline), double> pick) =>
            string.Join(" ", points.Select((p, i) => $"{F(X(i))},{F(Y(pick(p)))}"));
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">");
        sb.Append($"<rect width=\"{w}\" height=\"{h}\" fill=\"white\"/><text x=\"{left}\" y=\"18\" font-size=\"14\">Daily charge: accounts per second against accounts seeded</text>");
        sb.Append($"<line x1=\"{left}\" y1=\"{h - bottom}\" x2=\"{w - right}\" y2=\"{h - bottom}\" stroke=\"black\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{h - bottom}\" stroke=\"black\"/>");
        for (var t = 0; t <= 4; t++)
        {
            var v = maxY * t / 4;
            sb.Append($"<text x=\"{left - 8}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{v:F0}</text>");
        }
        for (var i = 0; i < points.Count; i++)
            sb.Append($"<text x=\"{F(X(i))}\" y=\"{h - bottom + 18}\" text-anchor=\"middle\">{points[i].Size:N0}</text>");
        sb.Append($"<polyline fill=\"none\" stroke=\"#888\" stroke-width=\"2\" stroke-dasharray=\"6 4\" points=\"{Line(p => p.Baseline)}\"/>");
        sb.Append($"<polyline fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"2.5\" points=\"{Line(p => p.Product)}\"/>");
        sb.Append($"<text x=\"{w - right - 150}\" y=\"{top + 10}\" fill=\"#1d4ed8\">product</text><text x=\"{w - right - 150}\" y=\"{top + 26}\" fill=\"#888\">raw-storage baseline</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }
}
