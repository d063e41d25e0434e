using System.Net;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Portal;

/// <summary>P1, S1: the CRM's link opens the portal once, for a short time, as one person of one account.</summary>
public sealed class PortalSessionTests : IAsyncLifetime
{
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task P1_a_link_opens_once_into_an_HttpOnly_Secure_SameSite_Strict_session_and_the_overview_shows_the_balance()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var link = await PortalBrowserSession.LinkAsync(_app, account);
        Assert.StartsWith(_app.BaseUrl + "/portal/enter/", link);

        var opened = await _app.Anonymous.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var cookie = opened.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith(PortalBrowserSession.CookieName + "=", cookie);
        foreach (var attribute in new[] { "httponly", "secure", "samesite=strict", "path=/" }) Assert.Contains(attribute, cookie.ToLowerInvariant());
        Assert.Contains("http-equiv=\"refresh\"", await opened.Content.ReadAsStringAsync());

        var again = await _app.Anonymous.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie"));

        var session = new PortalBrowserSession(_app, cookie.Split(';')[0]);
        var (status, html) = await session.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.OK, status);
        var balance = await _app.BalanceAsync(account);
        Assert.Contains($"id=\"balance\" data-minor=\"{balance}\"", html);
    }

    [Fact]
    public async Task P1_an_expired_link_and_an_idle_session_are_refused_and_say_how_to_come_back()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var link = await PortalBrowserSession.LinkAsync(_app, account, language: "uk");
        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await _app.Anonymous.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);

        var session = await PortalBrowserSession.OpenAsync(_app, account, language: "uk");
        _app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/portal")).Status);
        _app.Clock.Advance(TimeSpan.FromMinutes(29)); // still within 30 min of the last request
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/portal")).Status);
        _app.Clock.Advance(TimeSpan.FromMinutes(31));
        var (status, html) = await session.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("30", html);
    }

    [Fact]
    public async Task P1_S1_no_cookie_a_forged_cookie_or_a_form_without_its_token_opens_nothing()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous.GetAsync("/portal")).StatusCode);
        var forged = new PortalBrowserSession(_app, PortalBrowserSession.CookieName + "=" + new string('a', 64));
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/portal")).Status);

        var session = await PortalBrowserSession.OpenAsync(_app, account);
        var noToken = await session.SendAsync(HttpMethod.Post, "/portal/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/portal")).Status);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/portal/sign-out")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_csrf"] = PortalBrowserSession.FormToken((await session.GetAsync("/portal")).Html) }),
        };
        crossSite.Headers.Add("Cookie", session.Cookie);
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Anonymous.SendAsync(crossSite)).StatusCode);

        var signedOut = await session.PostFormAsync("/portal/sign-out");
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/portal")).Status);
    }

    [Theory]
    [InlineData("{\"userId\":\"u\",\"role\":\"boss\",\"returnUrl\":\"https://crm.example\"}", 400)]
    [InlineData("{\"userId\":\"u\",\"role\":\"owner\",\"returnUrl\":\"javascript:alert(1)\"}", 400)]
    [InlineData("{\"role\":\"owner\",\"returnUrl\":\"https://crm.example\"}", 400)]
    [InlineData("{\"userId\":\"u\",\"role\":\"owner\",\"language\":\"de\",\"returnUrl\":\"https://crm.example\"}", 400)]
    public async Task P1_S2_a_bad_session_request_is_refused_as_problem_json(string body, int status)
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var response = await _app.Api.PostAsync($"/api/accounts/{account}/portal-sessions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task P1_S1_a_link_is_for_the_CRM_and_operators_only_and_never_for_an_unknown_account()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var body = BillingApp.Json(new { userId = "u", role = "owner", returnUrl = "https://crm.example" });
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Erp.PostAsync($"/api/accounts/{account}/portal-sessions", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Anonymous.PostAsync($"/api/accounts/{account}/portal-sessions", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Api.PostAsync("/api/accounts/acc_nobody/portal-sessions", body)).StatusCode);
    }

    [Fact]
    public async Task P1_the_retention_sweep_forgets_ended_links_and_sessions_and_keeps_live_ones()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        await PortalBrowserSession.OpenAsync(_app, account);
        await PortalBrowserSession.LinkAsync(_app, account); // never opened
        _app.Clock.Advance(TimeSpan.FromDays(2));
        var live = await PortalBrowserSession.OpenAsync(_app, account);
        var table = new Azure.Data.Tables.TableClient(TestStorage.ConnectionString, _app.Prefix + "websessions");
        Assert.Equal(5, await table.QueryAsync<Azure.Data.Tables.TableEntity>().CountAsync()); // 3 links, 2 sessions

        var run = await _app.RunJobAsync("retention-sweep", _app.Clock.GetUtcNow());
        Assert.Equal("succeeded", run["state"]!.GetValue<string>());
        var left = await table.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync();
        Assert.Equal(["link", "portal"], left.Select(e => e.PartitionKey).Order().ToArray());
        Assert.Equal(HttpStatusCode.OK, (await live.GetAsync("/portal")).Status);
    }
}
