using Billing.Core;

namespace Billing.Http.Api;

/// <summary>
/// Where a payer goes back after a checkout (<c>returnUrl</c>): stored with the checkout and put in a redirect, so it must
/// be an absolute http(s) URL of printable ASCII (no CR/LF to split a header, no spaces or IRI characters a browser
/// reads one way and a server another), at most <see cref="MaxLength"/> characters.
/// </summary>
public static class ReturnUrls
{
    public const int MaxLength = 2048;

    public static bool IsValid(string raw) =>
        raw.Length is > 0 and <= MaxLength
        && raw.All(c => c is > ' ' and <= '~')
        && Uri.TryCreate(raw, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(u.Host) && u.UserInfo.Length == 0;

    public static string Require(string raw) => IsValid(raw) ? raw
        : throw BillingException.Invalid("return_url_invalid", $"returnUrl must be an absolute http(s) URL of printable ASCII, at most {MaxLength} characters.",
            new Dictionary<string, string[]> { ["returnUrl"] = [$"An absolute http(s) URL of printable ASCII characters, at most {MaxLength}."] });
}
