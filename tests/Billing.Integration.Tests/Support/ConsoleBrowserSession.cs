using System.Net;
using System.Text.RegularExpressions;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// An operator in the console over plain HTTP (P2): signs in by posting the sign-in form with a key, as a browser does, and
/// sends the console cookie with every request after (the tests' server is http; the header is sent by hand). Forms are
/// posted as the page that holds them would post them: with the page's form token and that form's one-time value.
/// </summary>
public sealed partial class ConsoleBrowserSession(BillingApp app, string cookie) : CookieSession(app, cookie)
{
    public const string CookieName = "__Host-billing-console";

    /// <summary>The sign-in form posted with <paramref name="key"/>: the answer as it came (303 and a cookie, or the form again).</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(BillingApp app, string key, string? acceptLanguage = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key }),
        };
        if (acceptLanguage is not null) request.Headers.Add("Accept-Language", acceptLanguage);
        return await app.Anonymous.SendAsync(request);
    }

    public static async Task<ConsoleBrowserSession> SignInAsync(BillingApp app, string key = BillingApp.AdminKey, string? acceptLanguage = null)
    {
        var response = await PostSignInAsync(app, key, acceptLanguage);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CookieName + "=", StringComparison.Ordinal));
        return new ConsoleBrowserSession(app, setCookie.Split(';')[0]);
    }

    /// <summary>The fields a form on <paramref name="fromPage"/> posting to <paramref name="action"/> carries: its token and one-time value.</summary>
    public async Task<Dictionary<string, string>> FormAsync(string fromPage, string action)
    {
        var (status, html) = await GetAsync(fromPage);
        Assert.Equal(HttpStatusCode.OK, status);
        return FormOf(html, action);
    }

    public static Dictionary<string, string> FormOf(string html, string action)
    {
        var form = Forms().Matches(html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups[1].Value) == action)
            ?? throw new InvalidOperationException($"The page has no form posting to {action}.");
        return Hidden().Matches(form.Groups[2].Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    /// <summary>Posts <paramref name="fields"/> with the hidden fields of <paramref name="form"/> (what the page rendered).</summary>
    public Task<HttpResponseMessage> PostAsync(string action, Dictionary<string, string> form, IDictionary<string, string>? fields = null)
    {
        var all = new Dictionary<string, string>(form);
        foreach (var (k, v) in fields ?? new Dictionary<string, string>()) all[k] = v;
        return SendAsync(HttpMethod.Post, action, new FormUrlEncodedContent(all));
    }

    /// <summary>Opens the page, then posts the form on it that goes to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string action, IDictionary<string, string>? fields = null, string fromPage = "/console") =>
        await PostAsync(action, await FormAsync(fromPage, action), fields);

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();
}
