namespace Billing.Core.Hosting;

/// <summary>The origin (<c>scheme://host[:port]</c>, as a browser's <c>Origin</c> header writes it) of an absolute URL.</summary>
public static class Origins
{
    public static string Of(string absoluteUrl) => new Uri(absoluteUrl, UriKind.Absolute).GetLeftPart(UriPartial.Authority);

    public static bool Same(string? a, string? b) => a is not null && b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
