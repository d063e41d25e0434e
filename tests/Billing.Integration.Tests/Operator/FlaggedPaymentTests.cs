using Billing.Integration.Tests.Support;
using static Billing.Integration.Tests.Support.SandboxPayments;

namespace Billing.Integration.Tests.Operator;

/// <summary>B4, P2: payments flagged by the payment path are listed for operators across accounts and closed: credited to the balance or dismissed.</summary>
public sealed class FlaggedPaymentTests
{
    private static Task<HttpResponseMessage> Resolve(BillingApp app, string flag, string? resolution, string? note) =>
        app.Admin.PostAsync($"/api/operator/flagged-payments/{flag}/resolve", BillingApp.Json(new { resolution, note, operatorId = "op-anna" }));

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> OpenAsync(BillingApp app, string query = "") =>
        [.. (await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/flagged-payments?pageSize=100" + query), 200))["items"]!.AsArray().Select(n => n!)];

    [Fact]
    public async Task P2_flagged_payments_are_listed_across_accounts_and_resolved_once_with_an_audit_entry()
    {
        await using var app = await BillingApp.StartAsync();
        var a = await app.CreateActiveAccountAsync(seats: 2);
        var b = await app.CreateActiveAccountAsync(seats: 2);
        var (invoice, url, amount, bonus) = await TopUpAsync(app, a, 20_000);
        var checkout = url.Split('/')[^1];
        async Task<string> Notify(string account, string inv, long paid, string currency, string eventId) =>
            (await BillingApp.ReadAsync(await PostWebhookAsync(app, SandboxEvent(checkout, account, inv, paid, currency, eventId), app.Clock.GetUtcNow()), 200))["outcome"]!.GetValue<string>();
        Assert.Equal("amount_mismatch", await Notify(a, invoice, amount - 1, "UAH", "evt_short"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("amount_mismatch", await Notify(a, invoice, amount, "EUR", "evt_eur"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("credited", await Notify(a, invoice, amount, "UAH", "evt_paid"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("duplicate_payment", await Notify(a, invoice, amount, "UAH", "evt_twice"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var (_, urlB, _, _) = await TopUpAsync(app, b, 20_000);
        Assert.Equal("unknown_invoice", (await BillingApp.ReadAsync(await PostWebhookAsync(app,
            SandboxEvent(urlB.Split('/')[^1], b, "inv_nothere", 9_000, "UAH", "evt_lost"), app.Clock.GetUtcNow()), 200))["outcome"]!.GetValue<string>());

        var open = await OpenAsync(app);
        Assert.Equal(["unknown_invoice", "duplicate_payment", "amount_mismatch", "amount_mismatch"], open.Select(f => f["kind"]!.GetValue<string>()).ToArray());
        Assert.Equal(b, open[0]["accountId"]!.GetValue<string>());
        Assert.Equal(3, (await OpenAsync(app, $"&accountId={a}")).Count);
        var page = await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/flagged-payments?pageSize=3"), 200);
        Assert.Equal(3, page["items"]!.AsArray().Count);
        var rest = await BillingApp.ReadAsync(await app.Admin.GetAsync("/api/operator/flagged-payments?pageSize=3&continuationToken=" +
            Uri.EscapeDataString(page["continuationToken"]!.GetValue<string>())), 200);
        Assert.Single(rest["items"]!.AsArray());
        string Flag(string eventId) => open.Single(f => f["eventId"]!.GetValue<string>() == eventId)["id"]!.GetValue<string>();

        // Money that came with the wrong amount goes to the balance, once, as a top-up that says why.
        var balance = await app.BalanceAsync(a);
        var credited = await BillingApp.ReadAsync(await Resolve(app, Flag("evt_short"), "credited_to_balance", "Paid 0.01 short; kept as balance"), 200);
        Assert.Equal(balance + amount - 1, credited["balance"]!.GetValue<long>());
        Assert.Equal("credited_to_balance", credited["flag"]!["resolution"]!.GetValue<string>());
        Assert.False(credited["flag"]!["open"]!.GetValue<bool>());
        Assert.Equal(balance + amount - 1, await app.BalanceAsync(a));
        var entry = (await app.LedgerAsync(a))[0];
        Assert.Equal(("top_up", amount - 1), (entry["kind"]!.GetValue<string>(), entry["amount"]!.GetValue<long>()));
        Assert.Contains("Paid 0.01 short; kept as balance", entry["description"]!.GetValue<string>());
        Assert.Equal("evt_short", entry["paymentReference"]!.GetValue<string>());
        // Closing it the same way again changes nothing; another way is a conflict.
        Assert.Equal(balance + amount - 1, (await BillingApp.ReadAsync(await Resolve(app, Flag("evt_short"), "credited_to_balance", "again"), 200))["balance"]!.GetValue<long>());
        Assert.Equal("flag_already_resolved", (await BillingApp.ReadAsync(await Resolve(app, Flag("evt_short"), "dismissed", "no"), 409))["code"]!.GetValue<string>());

        // Another currency cannot be credited; it is dismissed with a note.
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        Assert.Equal("flag_not_creditable", (await BillingApp.ReadAsync(await Resolve(app, Flag("evt_eur"), "credited_to_balance", "try"), 422))["code"]!.GetValue<string>());
        Assert.Equal("field_missing", (await BillingApp.ReadAsync(await Resolve(app, Flag("evt_eur"), "dismissed", null), 400))["code"]!.GetValue<string>());
        Assert.Equal("field_invalid", (await BillingApp.ReadAsync(await Resolve(app, Flag("evt_eur"), "refunded", "x"), 400))["code"]!.GetValue<string>());
        Assert.Equal("text_invalid", (await BillingApp.ReadAsync(await Resolve(app, Flag("evt_eur"), "dismissed", "bad\u0000note"), 400))["code"]!.GetValue<string>());
        Assert.Equal(404, (int)(await Resolve(app, $"{a}.sandbox.{new string('0', 40)}", "dismissed", "x")).StatusCode);
        Assert.Equal(404, (int)(await Resolve(app, "not-a-flag", "dismissed", "x")).StatusCode);
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
        await BillingApp.ReadAsync(await Resolve(app, Flag("evt_eur"), "dismissed", "Refunded in the provider's dashboard"), 200);
        Assert.Equal(balance + amount - 1, await app.BalanceAsync(a));

        Assert.Equal(["unknown_invoice", "duplicate_payment"], (await OpenAsync(app)).Select(f => f["kind"]!.GetValue<string>()).ToArray());
        Assert.Equal(3, (await OpenAsync(app, $"&accountId={a}&status=all")).Count);
        var audit = await app.AuditAsync($"&accountId={a}&action=flagged_payment_resolve");
        Assert.Equal(2, audit.Count);
        var resolved = audit.Single(e => e["after"]!["resolution"]!.GetValue<string>() == "credited_to_balance");
        Assert.Equal(Flag("evt_short"), resolved["target"]!.GetValue<string>());
        Assert.Equal(("amount_mismatch", "open"), (resolved["before"]!["flag"]!.GetValue<string>(), resolved["before"]!["status"]!.GetValue<string>()));
        Assert.Equal(balance, resolved["before"]!["balance"]!.GetValue<long>());
        Assert.Equal("Paid 0.01 short; kept as balance", resolved["reason"]!.GetValue<string>());
        await app.AssertLedgerConsistentAsync(a);
    }
}
