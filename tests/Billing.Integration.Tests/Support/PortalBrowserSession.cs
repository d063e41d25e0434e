using System.Net;
using System.Text.RegularExpressions;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// A person in the billing portal over plain HTTP (P1): the CRM creates the link, the link is opened, and the session
/// cookie goes with every request after, as a browser would send it (the tests' server is http, where a Secure cookie is
/// kept by browsers for localhost only; the header is sent by hand here). Forms carry the page's form token.
/// </summary>
public sealed partial class PortalBrowserSession(BillingApp app, string cookie) : CookieSession(app, cookie)
{
    public const string CookieName = "__Host-billing-portal";

    /// <summary>The CRM's call: a link for one person of an account.</summary>
    public static async Task<string> LinkAsync(BillingApp app, string accountId, string role = "owner", string? language = null, string userId = "u-1")
    {
        var body = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{accountId}/portal-sessions",
            BillingApp.Json(new { userId, role, language, returnUrl = "https://crm.example/settings/billing" })), 201);
        return body["url"]!.GetValue<string>();
    }

    public static async Task<PortalBrowserSession> OpenAsync(BillingApp app, string accountId, string role = "owner", string? language = null)
    {
        var link = await LinkAsync(app, accountId, role, language);
        var opened = await app.Anonymous.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var setCookie = opened.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        return new PortalBrowserSession(app, setCookie.Split(';')[0]);
    }

    /// <summary>Posts a form as the page at <paramref name="fromPage"/> would: with the form token that page carries.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string>? fields = null, string fromPage = "/portal")
    {
        var (_, html) = await GetAsync(fromPage);
        var all = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["_csrf"] = FormToken(html) };
        return await SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(all));
    }

    public static string FormToken(string html) => CsrfField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("The page has no form token.");

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
