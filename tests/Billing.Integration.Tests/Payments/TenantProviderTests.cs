using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Billing.Core.Payments;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests.Payments;

/// <summary>
/// F11 over HTTP: a tenant connects its own payment provider (the sandbox here: this deployment's own provider); the secrets
/// are stored sealed and never answered; its customers' invoices check out with its keys and their notifications are verified
/// with them, while the vendor's invoices to the tenant keep the vendor's account.
/// </summary>
public sealed class TenantProviderTests : IAsyncLifetime
{
    private const string Secret = "tenant_sandbox_secret_0123456789";
    private const string WebhookSecret = "whsec_tenant_0123456789abcdef";
    private BillingApp _app = null!;

    public async Task InitializeAsync() => _app = await BillingApp.StartAsync(new BillingApp { TestServices = RecordingProvider.Install });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private RecordingProvider Provider => _app.Service<RecordingProvider>();

    private Task<HttpResponseMessage> PutAsync(string account, object body) =>
        _app.Api.PutAsync($"/api/accounts/{account}/payment-provider", BillingApp.Json(body));

    private Task<HttpResponseMessage> PutRawAsync(string account, string json) =>
        _app.Api.PutAsync($"/api/accounts/{account}/payment-provider", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Every string and binary value of every entity of the app's tables, as stored.</summary>
    private async Task<List<string>> StoredTextsAsync()
    {
        var service = new TableServiceClient(TestStorage.ConnectionString);
        var texts = new List<string>();
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(_app.Prefix) >= 0 && t.Name.CompareTo(_app.Prefix + "~") < 0))
            await foreach (var e in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
                foreach (var v in e.Select(kv => kv.Value))
                    if (v is string s) texts.Add(s);
                    else if (v is byte[] b) texts.Add(Encoding.UTF8.GetString(b));
        return texts;
    }

    [Fact]
    public async Task F11_S4_a_tenant_connects_its_provider_and_no_answer_or_stored_row_holds_a_secret()
    {
        var tenant = await _app.CreateTenantAsync();
        var put = await BillingApp.ReadAsync(await PutAsync(tenant, new { provider = "sandbox", publicKey = "pk_school", secret = Secret, webhookSecret = WebhookSecret }), 200);
        Assert.Equal(["connectedAt", "provider", "publicKey", "secretSet", "updatedAt", "webhookSecretSet"], put.AsObject().Select(p => p.Key).Order());
        Assert.Equal(("sandbox", "pk_school", true, true), (put["provider"]!.GetValue<string>(), put["publicKey"]!.GetValue<string>(),
            put["secretSet"]!.GetValue<bool>(), put["webhookSecretSet"]!.GetValue<bool>()));
        var get = await _app.GetAsync($"/api/accounts/{tenant}/payment-provider");
        Assert.Equal(put.ToJsonString(), get.ToJsonString());
        Assert.Equal(_app.Clock.GetUtcNow(), get["connectedAt"]!.GetValue<DateTimeOffset>());

        // The row in the tenant's partition holds sealed values only; nothing anywhere in storage holds either secret.
        var accounts = new TableServiceClient(TestStorage.ConnectionString).GetTableClient(_app.Prefix + "accounts");
        var row = (await accounts.GetEntityAsync<TableEntity>(tenant, "payment-provider")).Value;
        Assert.StartsWith("v1.", row.GetString("SealedSecret"));
        Assert.StartsWith("v1.", row.GetString("SealedWebhookSecret"));
        var stored = await StoredTextsAsync();
        foreach (var secret in new[] { Secret, WebhookSecret, "0123456789", Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret))[..20] })
            Assert.DoesNotContain(stored, s => s.Contains(secret, StringComparison.Ordinal));

        // New keys for the same provider keep when it was connected.
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        var replaced = await BillingApp.ReadAsync(await PutAsync(tenant, new { provider = "sandbox", secret = Secret + "x" }), 200);
        Assert.Equal((put["connectedAt"]!.ToJsonString(), false), (replaced["connectedAt"]!.ToJsonString(), replaced["webhookSecretSet"]!.GetValue<bool>()));
        Assert.Null(replaced["publicKey"]);
        Assert.DoesNotContain(Secret, replaced.ToJsonString());

        Assert.Equal(204, (int)(await _app.Api.DeleteAsync($"/api/accounts/{tenant}/payment-provider")).StatusCode);
        Assert.Equal("payment_provider_not_connected", (await _app.GetAsync($"/api/accounts/{tenant}/payment-provider", 404))["code"]!.GetValue<string>());
        Assert.Equal(204, (int)(await _app.Api.DeleteAsync($"/api/accounts/{tenant}/payment-provider")).StatusCode);
        Assert.False((await accounts.GetEntityIfExistsAsync<TableEntity>(tenant, "payment-provider")).HasValue);
    }

    [Fact]
    public async Task F11_S2_wrong_provider_settings_are_refused_with_a_problem_and_nothing_written()
    {
        var tenant = await _app.CreateTenantAsync();
        var before = await TestStorage.CountEntitiesAsync(_app.Prefix);
        async Task RefusedAsync(Task<HttpResponseMessage> call, int status, string code, string? field = null)
        {
            var response = await call;
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await BillingApp.ReadAsync(response, status);
            Assert.Equal(code, problem["code"]!.GetValue<string>());
            if (field is not null) Assert.NotNull(problem["errors"]![field]);
            Assert.DoesNotContain("secret-value", problem.ToJsonString());
        }
        await RefusedAsync(PutAsync(tenant, new { provider = "paypal", secret = "secret-value" }), 400, "payment_provider_unknown", "provider");
        await RefusedAsync(PutAsync(tenant, new { secret = "secret-value" }), 400, "field_missing", "provider");
        await RefusedAsync(PutAsync(tenant, new { provider = "sandbox" }), 400, "field_missing", "secret");
        await RefusedAsync(PutAsync(tenant, new { provider = "sandbox", secret = new string('s', 513) }), 400, "field_too_long", "secret");
        await RefusedAsync(PutAsync(tenant, new { provider = "sandbox", secret = "secret-value", publicKey = new string('p', 257) }), 400, "field_too_long", "publicKey");
        await RefusedAsync(PutAsync(tenant, new { provider = "sandbox", secret = "secret value" }), 400, "credential_invalid", "secret");
        await RefusedAsync(PutAsync(tenant, new { provider = "sandbox", secret = "secret-value\n" }), 400, "text_invalid", "secret");
        await RefusedAsync(PutRawAsync(tenant, """{"provider":"sandbox","secret":"secret-value","apiKey":"x"}"""), 400, "json_invalid");
        await RefusedAsync(PutRawAsync(tenant, """{"provider":"sandbox","secret":7}"""), 400, "json_invalid");
        await RefusedAsync(PutAsync("acc_nothere", new { provider = "sandbox", secret = "secret-value" }), 404, "account_not_found");
        await RefusedAsync(_app.Api.PutAsync($"/api/accounts/{tenant}/payment-provider", new StringContent("provider=sandbox", Encoding.UTF8, "text/plain")),
            415, "unsupported_media_type");
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(_app.Prefix));
    }

    [Fact]
    public async Task F11_S4_without_a_key_encryption_key_no_tenant_can_connect_a_provider_and_nothing_is_written()
    {
        await using var app = await BillingApp.StartAsync(new BillingApp { Settings = { ["Payments:Merchants:KeyEncryptionKey"] = "" } });
        var tenant = await app.CreateTenantAsync();
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        var r = await app.Api.PutAsync($"/api/accounts/{tenant}/payment-provider", BillingApp.Json(new { provider = "sandbox", secret = Secret }));
        Assert.Equal("merchant_keys_not_configured", (await BillingApp.ReadAsync(r, 422))["code"]!.GetValue<string>());
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
    }

    [Fact]
    public async Task F11_B4_a_customer_pays_through_the_tenants_own_provider_account_and_the_vendors_invoices_keep_the_vendors()
    {
        var tenant = await _app.CreateActiveAccountAsync(seats: 2);
        await BillingApp.ReadAsync(await PutAsync(tenant, new { provider = "sandbox", secret = Secret, webhookSecret = WebhookSecret }), 200);
        var customer = await _app.CreateCustomerAsync(tenant, "Olena");
        var invoice = await _app.ManualInvoiceAsync(tenant, customer, 30_000);
        var invoiceId = invoice["id"]!.GetValue<string>();

        await _app.PayThroughLinkAsync(invoice["publicUrl"]!.GetValue<string>());

        var tenantKeys = new MerchantCredentials("sandbox", null, Secret, WebhookSecret);
        Assert.Equal(tenantKeys, Assert.Single(Provider.Checkouts, c => c.InvoiceId == invoiceId).Merchant);
        Assert.Equal(tenantKeys, Assert.Single(Provider.Verifications, v => v.InvoiceId == invoiceId).Merchant);
        Assert.Equal("paid", (await _app.CustomerInvoiceAsync(tenant, invoiceId))["status"]!.GetValue<string>());
        Assert.Equal(30_000, (await _app.CustomerAsync(tenant, customer))["balance"]!.GetValue<long>());
        var logged = await WebhookLogTests.EntriesAsync(_app, _app.Clock.GetUtcNow());
        Assert.Equal(("tenant", "credited"), (logged[0]["verifiedWith"]!.GetValue<string>(), logged[0]["outcome"]!.GetValue<string>()));

        // The vendor's own invoice to the same tenant (a top-up) checks out and is verified with the vendor's keys.
        _app.Clock.Advance(TimeSpan.FromSeconds(1)); // the log lists newest first: one notification per tick
        var topUp = await SandboxPayments.PayTopUpByWebhookAsync(_app, tenant, 25_000);
        var topUpInvoice = topUp["invoiceId"]!.GetValue<string>();
        Assert.Equal("credited", topUp["outcome"]!.GetValue<string>());
        Assert.Null(Assert.Single(Provider.Checkouts, c => c.InvoiceId == topUpInvoice).Merchant);
        Assert.Null(Assert.Single(Provider.Verifications, v => v.InvoiceId == topUpInvoice).Merchant);
        Assert.Equal("vendor", (await WebhookLogTests.EntriesAsync(_app, _app.Clock.GetUtcNow()))[0]["verifiedWith"]!.GetValue<string>());

        // Disconnected: the next customer invoice checks out at the vendor's account again.
        Assert.Equal(204, (int)(await _app.Api.DeleteAsync($"/api/accounts/{tenant}/payment-provider")).StatusCode);
        var next = await _app.ManualInvoiceAsync(tenant, customer, 10_000);
        await _app.PayThroughLinkAsync(next["publicUrl"]!.GetValue<string>());
        var nextId = next["id"]!.GetValue<string>();
        Assert.Null(Assert.Single(Provider.Checkouts, c => c.InvoiceId == nextId).Merchant);
        Assert.Null(Assert.Single(Provider.Verifications, v => v.InvoiceId == nextId).Merchant);
        Assert.Equal(40_000, (await _app.CustomerAsync(tenant, customer))["balance"]!.GetValue<long>());
        await _app.AssertLedgerConsistentAsync(tenant);
    }

    [Fact]
    public async Task E3_F11_a_purge_erases_the_tenants_own_provider_keys_with_its_personal_data()
    {
        var tenant = await _app.CreateActiveAccountAsync(seats: 1);
        var kept = await _app.CreateActiveAccountAsync(seats: 1);
        foreach (var account in new[] { tenant, kept })
            await BillingApp.ReadAsync(await PutAsync(account, new { provider = "sandbox", secret = Secret, webhookSecret = WebhookSecret }), 200);
        var accounts = new TableServiceClient(TestStorage.ConnectionString).GetTableClient(_app.Prefix + "accounts");

        // As DeletionTests: inactive and empty for 41 days → scheduled; 10 days later → deleted; after the restore window → purged.
        _app.Clock.Advance(TimeSpan.FromDays(41));
        await _app.RunJobAsync(Billing.Core.Jobs.JobNames.Deletion);
        _app.Clock.Advance(TimeSpan.FromDays(10));
        await _app.RunJobAsync(Billing.Core.Jobs.JobNames.Deletion);
        await BillingApp.ReadAsync(await _app.Admin.PostAsync($"/api/operator/accounts/{kept}/restore", BillingApp.Json(new { operatorId = "op" })), 200);
        Assert.True((await accounts.GetEntityIfExistsAsync<TableEntity>(tenant, "payment-provider")).HasValue); // deleted, still restorable
        _app.Clock.Advance(TimeSpan.FromDays(31));
        await _app.RunJobAsync(Billing.Core.Jobs.JobNames.Deletion);

        Assert.Equal("purged", (await _app.GetAsync($"/api/accounts/{tenant}"))["state"]!.GetValue<string>());
        Assert.False((await accounts.GetEntityIfExistsAsync<TableEntity>(tenant, "payment-provider")).HasValue);
        Assert.Equal("payment_provider_not_connected", (await BillingApp.ReadAsync(await _app.Api.GetAsync($"/api/accounts/{tenant}/payment-provider"), 404))["code"]!.GetValue<string>());
        Assert.True((await accounts.GetEntityIfExistsAsync<TableEntity>(kept, "payment-provider")).HasValue);
    }

    [Fact]
    public async Task F11_a_tenant_that_connected_nothing_checks_out_at_the_vendors_account_as_before()
    {
        var tenant = await _app.CreateTenantAsync();
        var customer = await _app.CreateCustomerAsync(tenant, "Taras");
        var invoice = await _app.ManualInvoiceAsync(tenant, customer, 12_000);
        await _app.PayThroughLinkAsync(invoice["publicUrl"]!.GetValue<string>());
        var id = invoice["id"]!.GetValue<string>();
        Assert.Null(Assert.Single(Provider.Checkouts, c => c.InvoiceId == id).Merchant);
        Assert.Null(Assert.Single(Provider.Verifications, v => v.InvoiceId == id).Merchant);
        Assert.Equal(12_000, (await _app.CustomerAsync(tenant, customer))["balance"]!.GetValue<long>());
    }
}
