using System.ComponentModel.DataAnnotations;

namespace Billing.Core.Hosting;

/// <summary>
/// Where this app is reached from outside (S1): every absolute URL it builds (checkout pages, webhook targets, public
/// invoice links, return pages) starts here, never with a host a request named. In Azure, infra sets it from the
/// Functions app's host name.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>An absolute URL on this app: <c>{PublicBaseUrl}/api/{path}</c>.</summary>
    public string Url(string path) => $"{PublicBaseUrl.TrimEnd('/')}/api/{path.TrimStart('/')}";

    public static bool IsAbsoluteHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && !string.IsNullOrEmpty(u.Host);
}
