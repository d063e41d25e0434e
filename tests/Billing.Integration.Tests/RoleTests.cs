using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Http.Endpoints;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>
/// S1 caller roles over HTTP on the server host (the Functions host runs the same check; its matrix is in
/// Billing.Functions.Tests): each route admits the roles of the endpoint table and refuses the others before any handler
/// runs; ERP invoices are the ERP's and operators'; a renewal invoice costs the service's price unless an operator says
/// otherwise, which the invoice records; keys are issued, listed and revoked by operators and stored only as hashes.
/// </summary>
public sealed class RoleTests
{
    private static readonly string[] KeyCodes = ["key_missing", "key_invalid", "key_scope", "key_role"];

    private static HttpClient Client(BillingApp app, string key)
    {
        var c = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        c.DefaultRequestHeaders.Add("x-api-key", key);
        return c;
    }

    private static string Fill(string route, string account) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)\}", m => m.Groups[1].Value == "accountId" ? account : "x1");

    [Fact]
    public async Task S1_every_route_admits_exactly_the_roles_of_the_endpoint_table_and_scoped_keys_only_their_account()
    {
        await using var app = await BillingApp.StartAsync();
        var own = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        var other = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        var scoped = (await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/api-keys",
            BillingApp.Json(new { role = "crm", accountId = own, name = "own tenant" })), 201))["key"]!.GetValue<string>();
        var callers = new (string Name, HttpClient Client, Callers? Role, string Account, bool ScopeOk)[]
        {
            ("crm", app.Api, Callers.Crm, other, true), ("erp", app.Erp, Callers.Erp, other, true), ("operator", app.Admin, Callers.Operator, other, true),
            ("scoped crm on its account", Client(app, scoped), Callers.Crm, own, true), ("scoped crm on another", Client(app, scoped), Callers.Crm, other, false),
            ("no key", app.Anonymous, null, other, true),
        };
        var checkedCalls = 0;
        // Portal and console pages take no key but a session, at the site's root (PortalSessionTests and the page tests hold them).
        foreach (var e in EndpointTable.All.Where(e => !e.IsPublic && !e.BySession))
            foreach (var (name, client, role, account, scopeOk) in callers)
            {
                var request = new HttpRequestMessage(new HttpMethod(e.Method), "/api/" + Fill(e.Route, account));
                // An unknown member makes every body-reading handler answer 400 before it writes anything.
                if (e.Method is not ("GET" or "DELETE")) request.Content = new StringContent("""{"__probe":1}""", Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var code = text.StartsWith('{') ? JsonNode.Parse(text)?["code"]?.GetValue<string>() : null;
                var expected = role is null ? "key_missing"
                    : !scopeOk || (name.StartsWith("scoped") && !e.Parameters.Contains("accountId")) ? "key_scope"
                    : !e.Callers.HasFlag(role.Value) ? "key_role"
                    : null;
                if (expected is null)
                    Assert.False(KeyCodes.Contains(code), $"{e.Name} ({e.Method} {e.Route}) as {name}: refused with {code}, but the table admits it");
                else
                {
                    Assert.True(code == expected, $"{e.Name} ({e.Method} {e.Route}) as {name}: expected {expected}, got {(int)response.StatusCode} {code}");
                    Assert.Equal(expected == "key_missing" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
                }
                checkedCalls++;
            }
        Assert.True(checkedCalls >= 6 * 60, $"only {checkedCalls} calls checked");
    }

    [Fact]
    public async Task S1_B7_a_crm_key_never_issues_or_completes_an_erp_invoice_and_the_erp_does()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var body = new { kind = "postpaid", amount = 5_000, description = "Act 2026-11", dueDate = "2026-11-10", prepaid = false, externalErp = true };
        Assert.Equal("key_role", (await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(body)), 403))["code"]!.GetValue<string>());
        var erp = await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(body)), 201);
        Assert.Equal("erp:test erp", erp["createdBy"]!.GetValue<string>());
        var completion = BillingApp.Json(new { reference = "act-77" });
        Assert.Equal("key_role", (await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{erp["id"]}/erp-completion", completion), 403))["code"]!.GetValue<string>());
        Assert.Equal("awaiting_payment", (await app.GetAsync($"/api/accounts/{account}/invoices/{erp["id"]}"))["status"]!.GetValue<string>());
        Assert.Equal("paid", (await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices/{erp["id"]}/erp-completion",
            BillingApp.Json(new { reference = "act-77" })), 200))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task S1_C6_a_renewal_invoice_costs_the_services_price_unless_an_operator_sets_another_amount_which_it_records()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync(seats: 3); // Pro, 1–10 seats: 1,500.00 UAH a month
        await app.ActivateAsync(account);
        object Renewal(long amount) => new
        {
            kind = "renewal", amount, description = "Pro, next month", dueDate = "2026-11-20", prepaid = true, externalErp = false,
            orders = new[] { new { serviceId = "svc_plan", kind = "renewal" } },
        };
        var refused = await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(Renewal(1))), 422);
        Assert.Equal("amount_not_service_price", refused["code"]!.GetValue<string>());
        var priced = await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(Renewal(150_000))), 201);
        Assert.Null(priced["amountSetBy"]);
        var set = await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(Renewal(1))), 201);
        Assert.Equal((1L, "operator:test operator"), (set["amount"]!.GetValue<long>(), set["amountSetBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task S1_keys_are_issued_once_listed_without_secrets_and_a_revoked_key_opens_nothing()
    {
        await using var app = await BillingApp.StartAsync();
        var account = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        var issued = await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/api-keys", BillingApp.Json(new { role = "crm", name = "CRM backend" })), 201);
        var secret = issued["key"]!.GetValue<string>();
        Assert.StartsWith("bk_", secret);
        using var crm = Client(app, secret);
        Assert.Equal(HttpStatusCode.OK, (await crm.GetAsync($"/api/accounts/{account}")).StatusCode);
        Assert.Equal("key_role", (await BillingApp.ReadAsync(await crm.GetAsync("/api/operator/api-keys"), 403))["code"]!.GetValue<string>());

        var listed = (await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/api-keys"), 200))["items"]!.AsArray();
        var entry = Assert.Single(listed, k => k!["id"]!.GetValue<string>() == issued["id"]!.GetValue<string>())!;
        Assert.Equal(("CRM backend", "crm"), (entry["name"]!.GetValue<string>(), entry["role"]!.GetValue<string>()));
        Assert.DoesNotContain(secret, listed.ToJsonString());
        Assert.DoesNotContain(secret, await StoredTextAsync(app));

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin.DeleteAsync($"/api/operator/api-keys/{issued["id"]}")).StatusCode);
        Assert.Equal("key_invalid", (await BillingApp.ReadAsync(await crm.GetAsync($"/api/accounts/{account}"), 403))["code"]!.GetValue<string>());
        Assert.Equal("api_key_not_found", (await BillingApp.ReadAsync(await app.Admin.DeleteAsync($"/api/operator/api-keys/{issued["id"]}"), 404))["code"]!.GetValue<string>());
        Assert.Equal("operator_key_scoped", (await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/api-keys",
            BillingApp.Json(new { role = "operator", accountId = account, name = "x" })), 400))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task S1_account_ids_are_random_and_an_idempotency_key_names_the_same_account_again()
    {
        await using var app = await BillingApp.StartAsync();
        async Task<HttpResponseMessage> CreateAsync(string key, string name)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts")
            {
                Content = BillingApp.Json(new { name, currency = "UAH", timeZone = "Europe/Kyiv", country = "UA", language = "en", planId = "standard" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await app.Api.SendAsync(request);
        }
        var key = "create-" + Guid.NewGuid().ToString("N");
        var first = (await BillingApp.ReadAsync(await CreateAsync(key, "Tenant one"), 201))["id"]!.GetValue<string>();
        var again = (await BillingApp.ReadAsync(await CreateAsync(key, "Tenant one"), 201))["id"]!.GetValue<string>();
        Assert.Equal(first, again);
        Assert.NotEqual(Billing.Core.Validation.Ids.FromKey("acc", key), first); // not derived from the request
        Assert.Equal("idempotency_key_reused", (await BillingApp.ReadAsync(await CreateAsync(key, "Another name"), 422))["code"]!.GetValue<string>());
        var plain = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.CreateAccountAsync()));
        Assert.Equal(5, plain.Select(a => a["id"]!.GetValue<string>()).Distinct().Count());
    }

    /// <summary>Every value stored in the app's tables, as text: a secret must appear nowhere.</summary>
    private static async Task<string> StoredTextAsync(BillingApp app)
    {
        var service = new Azure.Data.Tables.TableServiceClient(TestStorage.ConnectionString);
        var sb = new StringBuilder();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(app.Prefix) >= 0 && t.Name.CompareTo(app.Prefix + "~") < 0))
            await foreach (var e in service.GetTableClient(table.Name).QueryAsync<Azure.Data.Tables.TableEntity>())
                foreach (var kv in e) sb.Append(kv.Key).Append('=').Append(kv.Value).Append(';');
        return sb.ToString();
    }
}
