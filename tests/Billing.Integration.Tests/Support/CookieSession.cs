using System.Net;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// A browser session over plain HTTP (portal or console): the session cookie sent by hand with every request (the tests'
/// server is http, where browsers keep a Secure cookie for localhost only).
/// </summary>
public abstract class CookieSession(BillingApp app, string cookie)
{
    public string Cookie => cookie;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Cookie", cookie);
        return await app.Anonymous.SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
