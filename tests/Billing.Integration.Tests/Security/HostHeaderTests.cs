using System.Net;
using System.Text.Json.Nodes;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Security;

/// <summary>
/// S1: every absolute URL the product builds comes from configuration (<c>Api:PublicBaseUrl</c>, <c>CustomerBilling:PublicBaseUrl</c>,
/// <c>Payments:Sandbox:WebhookUrl</c>), never from the request. Each call here forges <c>Host</c>, <c>X-Forwarded-Host</c> and
/// <c>X-Forwarded-Proto</c> to point at an attacker's listener, over real HTTP, and nothing it answers, stores, sends or posts names it.
/// </summary>
public sealed class HostHeaderTests : IAsyncLifetime
{
    private BillingApp _app = null!;
    private AttackerListener _attacker = null!;

    public async Task InitializeAsync()
    {
        _attacker = new AttackerListener();
        _app = await BillingApp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _attacker.Dispose();
    }

    /// <summary>A request as an attacker sends it: every header a proxy-trusting app would build URLs from names the attacker.</summary>
    private HttpRequestMessage Forged(HttpMethod method, string path, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Host = _attacker.HostAndPort;
        request.Headers.Add("X-Forwarded-Host", _attacker.HostAndPort);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("Forwarded", $"host={_attacker.HostAndPort};proto=https");
        return request;
    }

    private void AssertOurs(string? url, string what)
    {
        Assert.NotNull(url);
        Assert.True(url!.StartsWith(_app.BaseUrl + "/", StringComparison.Ordinal), $"{what} is {url}, not on {_app.BaseUrl}");
        Assert.DoesNotContain(_attacker.HostAndPort, url);
    }

    [Fact]
    public async Task S1_a_forged_host_changes_neither_the_checkout_url_nor_the_sandbox_webhook_target()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 2);
        var created = await BillingApp.ReadAsync(await _app.Api.SendAsync(Forged(HttpMethod.Post, $"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 50_000, actingUserId = "u1", role = "owner" }))), 201);
        var checkoutUrl = created["checkoutUrl"]!.GetValue<string>();
        AssertOurs(checkoutUrl, "the checkout URL");

        // The checkout page and its Pay button, both reached with the forged host: the signed webhook goes to the configured target.
        var page = await _app.Anonymous.SendAsync(Forged(HttpMethod.Get, new Uri(checkoutUrl).AbsolutePath));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(_attacker.HostAndPort, html);
        var pay = await _app.Anonymous.SendAsync(Forged(HttpMethod.Post, new Uri(checkoutUrl).AbsolutePath + "/pay"));
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        Assert.DoesNotContain(_attacker.HostAndPort, pay.Headers.Location!.ToString());
        Assert.False(pay.Headers.Location!.IsAbsoluteUri, "without a return URL the payer goes back to the checkout page, by path");

        Assert.Equal(50_000, await _app.BalanceAsync(account)); // the webhook reached us
        Assert.Empty(_attacker.Requests); // and nothing reached the attacker
    }

    [Fact]
    public async Task S1_a_forged_host_changes_no_public_link_in_answers_pages_or_emails()
    {
        var tenant = await _app.CreateTenantAsync("en");
        var email = $"payer-{Guid.NewGuid():N}@test.example";
        var customer = await _app.CreateCustomerAsync(tenant, "Olena", email: email);
        var invoice = await BillingApp.ReadAsync(await _app.Api.SendAsync(Forged(HttpMethod.Post, $"/api/accounts/{tenant}/customer-invoices",
            BillingApp.Json(new { customerId = customer, calculation = "manual", amount = 40_000, periodStart = "2026-11-01", periodEnd = "2026-11-30" }))), 201);
        var publicUrl = invoice["publicUrl"]!.GetValue<string>();
        AssertOurs(publicUrl, "the invoice's public link");
        var read = await BillingApp.ReadAsync(await _app.Api.SendAsync(Forged(HttpMethod.Get, $"/api/accounts/{tenant}/customer-invoices/{invoice["id"]}")), 200);
        AssertOurs(read["publicUrl"]!.GetValue<string>(), "the link read back");

        // The payer's "Go to payment", with the forged host: the provider's checkout and the return page stored with it are ours.
        var checkout = await _app.Anonymous.SendAsync(Forged(HttpMethod.Post, new Uri(publicUrl).AbsolutePath + "/checkout"));
        Assert.Equal(HttpStatusCode.Redirect, checkout.StatusCode);
        AssertOurs(checkout.Headers.Location!.ToString(), "the checkout redirect");
        var pay = await _app.Anonymous.SendAsync(Forged(HttpMethod.Post, checkout.Headers.Location!.AbsolutePath + "/pay"));
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        AssertOurs(pay.Headers.Location!.ToString(), "the return page after paying");
        Assert.StartsWith(publicUrl, pay.Headers.Location!.ToString());

        // The email that carries the link, sent by a request with the forged host.
        var template = await _app.TemplateAsync(tenant, "Pay here: {bill.url}");
        var sent = await _app.Api.SendAsync(Forged(HttpMethod.Post, $"/api/accounts/{tenant}/customer-invoices/{invoice["id"]}/send",
            BillingApp.Json(new { channel = "email", templateId = template })));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var mails = await MailDev.WaitForAsync(email, 1);
        var text = Assert.Single(mails)["text"]!.GetValue<string>();
        Assert.Contains(publicUrl, text);
        Assert.DoesNotContain(_attacker.HostAndPort, text);
        Assert.Empty(_attacker.Requests);
    }

    [Fact]
    public async Task S1_a_forged_host_is_not_echoed_by_the_openapi_document_or_problem_answers()
    {
        var doc = JsonNode.Parse(await (await _app.Anonymous.SendAsync(Forged(HttpMethod.Get, "/openapi/v1.json"))).Content.ReadAsStringAsync())!;
        var servers = doc["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()).ToList();
        Assert.Equal([_app.BaseUrl], servers);

        var problem = await _app.Api.SendAsync(Forged(HttpMethod.Get, "/api/accounts/acc_missing00000000000000"));
        var text = await problem.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.DoesNotContain(_attacker.HostAndPort, text);
        Assert.DoesNotContain("https://" + _attacker.HostAndPort, problem.Headers.ToString());
    }
}

/// <summary>An attacker's HTTP listener on a free local port: it records whatever reaches it.</summary>
public sealed class AttackerListener : IDisposable
{
    private readonly HttpListener _listener = new();

    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();
    public string HostAndPort { get; }

    public AttackerListener()
    {
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        HostAndPort = $"127.0.0.1:{port}";
        _listener.Prefixes.Add($"http://{HostAndPort}/");
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                try
                {
                    var ctx = await _listener.GetContextAsync();
                    Requests.Enqueue($"{ctx.Request.HttpMethod} {ctx.Request.Url}");
                    ctx.Response.StatusCode = 200;
                    ctx.Response.Close();
                }
                catch { return; }
            }
        });
    }

    public void Dispose() => _listener.Close();
}
