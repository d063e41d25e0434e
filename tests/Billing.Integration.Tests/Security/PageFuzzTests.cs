using System.Net;
using System.Text.RegularExpressions;
using Billing.Http.Endpoints;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Security;

/// <summary>
/// S2 on the portal's and the console's pages: every page and every form of the endpoint table, reached with a live
/// session and its form token but with hostile route values, query strings and form fields, answers a 4xx (or the page),
/// never a 5xx, and never echoes markup unescaped.
/// </summary>
public sealed partial class PageFuzzTests : IAsyncLifetime
{
    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>", "' OR '1'='1", "../../etc/passwd", "%00", "\u202Eevil", new string('9', 400), "-1", "1e309",
        "acc_" + new string('z', 80), "{{7*7}}", "=HYPERLINK(\"http://x\")", "\uD800",
    ];

    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task S2_P1_P2_hostile_input_on_every_portal_and_console_page_and_form_never_answers_5xx()
    {
        var account = await _app.CreateActiveAccountAsync(seats: 3);
        var portal = await PortalBrowserSession.OpenAsync(_app, account);
        var console = await ConsoleBrowserSession.SignInAsync(_app);
        var failures = new List<string>();
        var reached = new HashSet<string>();
        // Signing out would end the sessions the rest of the run needs; its form has no fields to fuzz.
        foreach (var entry in EndpointTable.All.Where(e => e.BySession && !e.Name.EndsWith("SignOut", StringComparison.Ordinal)))
        {
            var isPortal = entry.Callers == Callers.Portal;
            foreach (var value in Hostile)
            {
                var path = "/" + Regex.Replace(entry.Path, @"\{\w+\}", Uri.EscapeDataString(value));
                var query = "?q=" + Uri.EscapeDataString(value) + "&amount=" + Uri.EscapeDataString(value) + "&from=" + Uri.EscapeDataString(value)
                    + "&token=" + Uri.EscapeDataString(value) + "&status=" + Uri.EscapeDataString(value) + "&continuationToken=" + Uri.EscapeDataString(value);
                HttpResponseMessage response;
                if (entry.Method == "GET")
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, path + query);
                    request.Headers.Add("Cookie", isPortal ? portal.Cookie : console.Cookie);
                    response = await _app.Anonymous.SendAsync(request);
                }
                else
                {
                    var token = PortalBrowserSession.FormToken(isPortal ? (await portal.GetAsync("/portal")).Html : (await console.GetAsync("/console")).Html);
                    var fields = new Dictionary<string, string>
                    {
                        ["_csrf"] = token, ["amount"] = value, ["reason"] = value, ["note"] = value, ["planId"] = value, ["enabled"] = value,
                        ["asOf"] = value, ["from"] = value, ["to"] = value, ["accountId"] = value, ["currency"] = value, ["reference"] = value,
                        ["nonce"] = value, ["resolution"] = value, ["quotedCost"] = value, ["autoRenew"] = value, ["key"] = value,
                    };
                    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
                    request.Headers.Add("Cookie", isPortal ? portal.Cookie : console.Cookie);
                    response = await _app.Anonymous.SendAsync(request);
                }
                var body = await response.Content.ReadAsStringAsync();
                // The gate let it through to the handler (a page, or the handler's own refusal), not a session or token refusal.
                if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Redirect)) reached.Add(entry.Name);
                if ((int)response.StatusCode >= 500) failures.Add($"{entry.Name} {entry.Method} with {value[..Math.Min(20, value.Length)]}: {(int)response.StatusCode}");
                if (body.Contains("<script>alert(1)</script>", StringComparison.Ordinal)) failures.Add($"{entry.Name}: markup echoed unescaped");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The run got past the session gate for most entries: it tested handlers, not only the gate.
        var entries = EndpointTable.All.Count(e => e.BySession && !e.Name.EndsWith("SignOut", StringComparison.Ordinal));
        Assert.True(reached.Count >= entries * 3 / 4, $"only {reached.Count} of {entries} entries were reached past the gate");
    }
}
