using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>
/// Issue 14 item 7 over HTTP: the invoice list's order and paging (C10), the plan list's choices and their reasons (C9),
/// seat reports above the plan's maximum (C1), top-ups of a deleted account (B1, E3), offline payments (B6) and the
/// ERP's completion of its own invoice (B7). E2 "an operator restore counts as activity" is DeletionTests'.
/// </summary>
public sealed class ListsAndChoicesTests
{
    // ---- helpers: one HTTP call each ----

    private static async Task<JsonNode> ErpInvoiceAsync(BillingApp app, string account, long amount, bool externalErp = false) =>
        await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(new
        {
            kind = "postpaid", amount, description = "Act " + amount, dueDate = "2026-12-15", prepaid = false, externalErp,
        })), 201);

    private static async Task<(List<string> Numbers, int Pages)> PageNumbersAsync(BillingApp app, string account, string query = "", int pageSize = 2)
    {
        var numbers = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await app.GetAsync($"/api/accounts/{account}/invoices?pageSize={pageSize}{query}" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            var items = page["items"]!.AsArray();
            Assert.InRange(items.Count, 1, pageSize);
            numbers.AddRange(items.Select(i => i!["number"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
            pages++;
        } while (token is not null);
        return (numbers, pages);
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var body = await BillingApp.ReadAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body["code"]?.GetValue<string>());
        Assert.Equal(status, body["status"]!.GetValue<int>());
        return body;
    }

    private static async Task EnglishAsync(BillingApp app, string account) =>
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings", BillingApp.Json(new { language = "en" })), 200);

    private static async Task<int> ReportedSeatsAsync(BillingApp app, string account) =>
        (await app.GetAsync($"/api/accounts/{account}"))["reportedSeats"]!.GetValue<int>();

    private static async Task<string> StateAsync(BillingApp app, string account) =>
        (await app.GetAsync($"/api/accounts/{account}"))["state"]!.GetValue<string>();

    private static Task<HttpResponseMessage> TopUpAsync(BillingApp app, string account, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/topups")
        {
            Content = BillingApp.Json(new { amount = 50_000, actingUserId = "u1", role = "owner" }),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return app.Api.SendAsync(request);
    }

    private static Task<HttpResponseMessage> OfflineAsync(BillingApp app, string account, long amount, string reference) =>
        app.Admin.PostAsync($"/api/operator/accounts/{account}/offline-payments",
            BillingApp.Json(new { amount, currency = "UAH", reference, operatorId = "op-1" }));

    private static Task<HttpResponseMessage> ErpCompleteAsync(BillingApp app, string account, string invoice, string reference) =>
        app.Erp.PostAsync($"/api/accounts/{account}/invoices/{invoice}/erp-completion", BillingApp.Json(new { reference }));

    private static string Str(JsonNode? n, string field) => n![field]!.GetValue<string>();

    // ---- 1. C10: the account's invoice list ----

    [Fact]
    public async Task C10_account_invoices_are_listed_newest_first_by_number_and_pages_of_two_show_each_exactly_once()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        // Five invoices of two kinds, issued one after the other (ids are random, so id order is not issue order).
        var issued = new List<string>();
        for (var i = 0; i < 4; i++) issued.Add(Str(await ErpInvoiceAsync(app, account, 1_000 + i), "number"));
        issued.Add(Str((await BillingApp.ReadAsync(await TopUpAsync(app, account), 201))["invoice"], "number"));
        Assert.Equal(["INV-000001", "INV-000002", "INV-000003", "INV-000004", "INV-000005"], issued);
        var newestFirst = Enumerable.Reverse(issued).ToArray();

        var all = await app.GetAsync($"/api/accounts/{account}/invoices?pageSize=500");
        Assert.Equal(newestFirst, all["items"]!.AsArray().Select(i => Str(i, "number")).ToArray());
        Assert.Null(all["continuationToken"]);

        var (paged, pages) = await PageNumbersAsync(app, account);
        Assert.Equal(newestFirst, paged.ToArray()); // each once, in descending number order
        Assert.Equal(3, pages); // 2 + 2 + 1, the last page without a token
    }

    [Fact]
    public async Task C10_an_invoice_issued_between_pages_neither_appears_in_later_pages_nor_shifts_them()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        for (var i = 0; i < 5; i++) await ErpInvoiceAsync(app, account, 2_000 + i);

        var first = await app.GetAsync($"/api/accounts/{account}/invoices?pageSize=2");
        Assert.Equal(["INV-000005", "INV-000004"], first["items"]!.AsArray().Select(i => Str(i, "number")).ToArray());
        var token = first["continuationToken"]!.GetValue<string>();

        Assert.Equal("INV-000006", Str(await ErpInvoiceAsync(app, account, 9_999), "number")); // issued meanwhile

        var seen = new List<string>();
        while (token is not null)
        {
            var page = await app.GetAsync($"/api/accounts/{account}/invoices?pageSize=2&continuationToken=" + Uri.EscapeDataString(token));
            seen.AddRange(page["items"]!.AsArray().Select(i => Str(i, "number")));
            token = page["continuationToken"]?.GetValue<string>();
        }
        Assert.Equal(["INV-000003", "INV-000002", "INV-000001"], seen);

        // A new walk from the top starts with it.
        var (again, _) = await PageNumbersAsync(app, account);
        Assert.Equal(["INV-000006", "INV-000005", "INV-000004", "INV-000003", "INV-000002", "INV-000001"], again);
    }

    [Fact]
    public async Task C10_a_status_filtered_invoice_list_pages_newest_first_too()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(Str(await ErpInvoiceAsync(app, account, 3_000 + i), "id"));
        foreach (var cancelled in new[] { ids[1], ids[3] })
            await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{cancelled}/cancel",
                BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 200);

        Assert.Equal(["INV-000005", "INV-000003", "INV-000001"], (await PageNumbersAsync(app, account, "&status=awaiting_payment")).Numbers);
        Assert.Equal(["INV-000004", "INV-000002"], (await PageNumbersAsync(app, account, "&status=cancelled", pageSize: 1)).Numbers);
    }

    // ---- 2. C9: the plan list says which plans the account can switch to, and why not ----

    [Fact]
    public async Task C9_plan_list_marks_every_plan_available_or_not_with_the_reason_code_and_text_in_the_account_language()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 12); // Standard (daily), language uk
        // catalog.json: start daily max 10, standard daily max 50, pro / pro_plus monthly_prepaid, business_postpaid monthly_postpaid.
        var expected = new Dictionary<string, string>
        {
            ["start"] = "seats_over_plan_max", ["standard"] = "current", ["pro"] = "billing_mode_differs",
            ["pro_plus"] = "billing_mode_differs", ["business_postpaid"] = "billing_mode_differs",
        };

        var uk = (await app.GetAsync($"/api/accounts/{account}/plans"))["items"]!.AsArray().ToDictionary(p => Str(p, "id"), p => p!);
        Assert.Equal(expected.Keys.Order(), uk.Keys.Order());
        foreach (var (id, reason) in expected)
        {
            Assert.False(uk[id]["available"]!.GetValue<bool>(), id);
            Assert.Equal(reason, Str(uk[id], "reason"));
            Assert.False(string.IsNullOrWhiteSpace(Str(uk[id], "reasonText")), id);
            Assert.Equal(id == "standard", uk[id]["current"]!.GetValue<bool>());
        }
        Assert.Equal("Це поточний тариф.", Str(uk["standard"], "reasonText"));
        Assert.Equal("Start дозволяє не більше 10 місць; зайнято 12.", Str(uk["start"], "reasonText"));

        await EnglishAsync(app, account);
        var en = (await app.GetAsync($"/api/accounts/{account}/plans"))["items"]!.AsArray().ToDictionary(p => Str(p, "id"), p => p!);
        Assert.Equal("This is the current plan.", Str(en["standard"], "reasonText"));
        Assert.Equal("Start allows at most 10 seats; 12 are in use.", Str(en["start"], "reasonText"));
        Assert.Equal("Business (postpaid) is billed differently from the current plan.", Str(en["business_postpaid"], "reasonText"));

        // The quote refuses the same plans for the same reasons.
        await ProblemAsync(await app.Api.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=standard"), 409, "plan_unchanged");
        await ProblemAsync(await app.Api.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=start"), 422, "seats_over_plan_max");
        await ProblemAsync(await app.Api.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=pro"), 422, "billing_mode_differs");

        // With 3 seats in use Start fits: available, no reason, and the quote answers.
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 3 })), 200);
        var start = (await app.GetAsync($"/api/accounts/{account}/plans"))["items"]!.AsArray().Single(p => Str(p, "id") == "start")!;
        Assert.True(start["available"]!.GetValue<bool>());
        Assert.Null(start["reason"]);
        Assert.Null(start["reasonText"]);
        await app.GetAsync($"/api/accounts/{account}/plan-change/quote?planId=start");
    }

    [Fact]
    public async Task C9_a_prepaid_account_sees_the_plan_of_its_own_billing_mode_available_and_the_others_not()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync(seats: 3); // Pro (monthly_prepaid)
        var plans = (await app.GetAsync($"/api/accounts/{account}/plans"))["items"]!.AsArray().ToDictionary(p => Str(p, "id"), p => p!);
        Assert.All(plans.Values, p => Assert.Contains(p["available"]?.GetValueKind(), new System.Text.Json.JsonValueKind?[] { System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False }));
        Assert.True(plans["pro_plus"]["available"]!.GetValue<bool>());
        Assert.Null(plans["pro_plus"]["reason"]);
        Assert.Equal(("current", true), (Str(plans["pro"], "reason"), plans["pro"]["current"]!.GetValue<bool>()));
        foreach (var other in new[] { "start", "standard", "business_postpaid" })
            Assert.Equal((false, "billing_mode_differs"), (plans[other]["available"]!.GetValue<bool>(), Str(plans[other], "reason")));
    }

    // ---- 3. C1: a seat report above the plan's maximum ----

    [Fact]
    public async Task C1_a_seat_report_above_the_plan_maximum_is_refused_422_seats_over_plan_max_and_nothing_is_written()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 12); // Standard: at most 50 seats; 11-25 is 3 990.00 UAH a month
        await EnglishAsync(app, account);

        var refused = await ProblemAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 51 })), 422, "seats_over_plan_max");
        Assert.Equal("The plan Standard allows at most 50 seats; change the plan to add more.", Str(refused, "detail"));
        Assert.Equal(12, await ReportedSeatsAsync(app, account));
        Assert.Equal("11-25", Str((await app.GetAsync($"/api/accounts/{account}/summary"))["services"]![0], "tier"));
        var start = (await app.GetAsync($"/api/accounts/{account}/plans"))["items"]!.AsArray().Single(p => Str(p, "id") == "start")!;
        Assert.Equal("Start allows at most 10 seats; 12 are in use.", Str(start, "reasonText"));

        // The day's seat row kept 12: the day is charged at the 11-25 tier, not at 51 seats.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge);
        var charge = Assert.Single(await app.LedgerAsync(account));
        Assert.Equal(-399_000 / 30, charge["amount"]!.GetValue<long>());
        Assert.Contains(charge["lines"]!.AsArray(), l => l!["seats"]?.GetValue<int>() == 12 && l["tier"]?.GetValue<string>() == "11-25");

        // The maximum itself is accepted, and a later valid report works.
        await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 50 })), 200);
        Assert.Equal(50, await ReportedSeatsAsync(app, account));
        await ProblemAsync(await app.Api.PostAsync($"/api/accounts/{account}/seats", BillingApp.Json(new { seats = 51 })), 422, "seats_over_plan_max");
        Assert.Equal(50, await ReportedSeatsAsync(app, account));
        Assert.Equal("26-50", Str((await app.GetAsync($"/api/accounts/{account}/summary"))["services"]![0], "tier"));
        await app.AssertLedgerConsistentAsync(account);
    }

    // ---- 4. B1/E3: a deleted or purged account takes no top-up ----

    [Fact]
    public async Task B1_E3_a_deleted_then_purged_account_refuses_a_top_up_409_account_deleted_and_no_invoice_is_created()
    {
        await using var app = await BillingApp.StartAsync();
        var gone = await app.CreateActiveAccountAsync(seats: 1);
        var restored = await app.CreateActiveAccountAsync(seats: 1); // the control: the same request once it is restored
        await EnglishAsync(app, gone);
        // As DeletionTests: inactive and empty for 41 days → scheduled; 10 days later → deleted.
        app.Clock.Advance(TimeSpan.FromDays(41));
        await app.RunJobAsync(JobNames.Deletion);
        app.Clock.Advance(TimeSpan.FromDays(10));
        await app.RunJobAsync(JobNames.Deletion);
        Assert.Equal("deleted", await StateAsync(app, gone));
        Assert.Equal("deleted", await StateAsync(app, restored));

        var refused = await ProblemAsync(await TopUpAsync(app, gone), 409, "account_deleted");
        Assert.Equal("The account is deleted: it takes no top-ups.", Str(refused, "detail"));
        await ProblemAsync(await TopUpAsync(app, gone, idempotencyKey: "topup-after-deletion"), 409, "account_deleted");
        Assert.Empty(await app.InvoicesAsync(gone));
        Assert.Empty(await app.LedgerAsync(gone));
        Assert.Equal(0, await app.BalanceAsync(gone));

        await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/accounts/{restored}/restore", BillingApp.Json(new { operatorId = "op" })), 200);
        var created = await BillingApp.ReadAsync(await TopUpAsync(app, restored), 201);
        Assert.Equal("INV-000001", Str(created["invoice"], "number"));

        app.Clock.Advance(TimeSpan.FromDays(20));
        await app.RunJobAsync(JobNames.Deletion);
        Assert.Equal("purged", await StateAsync(app, gone));
        refused = await ProblemAsync(await TopUpAsync(app, gone), 409, "account_deleted");
        Assert.Equal("The account is purged: it takes no top-ups.", Str(refused, "detail"));
        Assert.Empty(await app.InvoicesAsync(gone));
        Assert.Equal(0, await app.BalanceAsync(gone));
    }

    // ---- 6. B6: an offline payment (bank transfer) ----

    [Fact]
    public async Task B6_an_offline_payment_entry_names_its_bank_reference_and_a_repeat_of_the_reference_is_credited_once()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await EnglishAsync(app, account);

        var first = await BillingApp.ReadAsync(await OfflineAsync(app, account, 20_000, "wire-x"), 200);
        Assert.Equal(("credited", 20_000L), (Str(first, "outcome"), first["balance"]!.GetValue<long>()));
        var invoice = await app.GetAsync($"/api/accounts/{account}/invoices/{Str(first, "invoiceId")}");
        Assert.Equal(("top_up", "paid"), (Str(invoice, "kind"), Str(invoice, "status")));

        var entry = Assert.Single(await app.LedgerAsync(account));
        Assert.Equal("top_up", Str(entry, "kind"));
        Assert.Equal(20_000, entry["amount"]!.GetValue<long>());
        Assert.Equal("wire-x", Str(entry, "paymentReference"));
        Assert.Equal($"Bank transfer wire-x for {Str(invoice, "number")}", Str(entry, "description"));
        Assert.Equal("invoice:" + Str(invoice, "id"), Str(entry, "reference"));

        // The same transfer recorded again, once and then three times at once: nothing more is credited.
        var again = await BillingApp.ReadAsync(await OfflineAsync(app, account, 20_000, "wire-x"), 200);
        Assert.Equal(("already_applied", Str(first, "invoiceId")), (Str(again, "outcome"), Str(again, "invoiceId")));
        foreach (var answer in await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => OfflineAsync(app, account, 20_000, "wire-x"))))
            Assert.Equal("already_applied", Str(await BillingApp.ReadAsync(answer, 200), "outcome"));
        Assert.Equal(20_000, await app.BalanceAsync(account));
        Assert.Single(await app.LedgerAsync(account));
        Assert.Single(await app.InvoicesAsync(account));

        // Another reference is another transfer.
        await BillingApp.ReadAsync(await OfflineAsync(app, account, 30_000, "wire-y"), 200);
        Assert.Equal(50_000, await app.BalanceAsync(account));
        Assert.Equal(["wire-y", "wire-x"], (await app.LedgerAsync(account)).Select(e => Str(e, "paymentReference")).ToArray());
        await app.AssertLedgerConsistentAsync(account);
    }

    // ---- 7. B7: the ERP completes its own invoice ----

    [Fact]
    public async Task B7_erp_completion_posts_money_in_and_its_settlement_with_their_own_keys_and_a_repeat_changes_nothing()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await EnglishAsync(app, account);
        await app.FundAsync(account, 30_000, "wire-before");
        var invoice = await ErpInvoiceAsync(app, account, 12_345, externalErp: true);
        var (id, number) = (Str(invoice, "id"), Str(invoice, "number"));
        var before = (await app.LedgerAsync(account)).Count;

        var paid = await BillingApp.ReadAsync(await ErpCompleteAsync(app, account, id, "act-77"), 200);
        Assert.Equal(("paid", "erp:act-77"), (Str(paid, "status"), Str(paid, "paidBy")));
        Assert.Equal(30_000, await app.BalanceAsync(account)); // money in, money out: back where it was

        var ledger = await app.LedgerAsync(account);
        Assert.Equal(before + 2, ledger.Count);
        var (settlement, moneyIn) = (ledger[0], ledger[1]); // newest first
        Assert.Equal(("invoice_payment", 12_345L, 42_345L), (Str(moneyIn, "kind"), moneyIn["amount"]!.GetValue<long>(), moneyIn["balanceAfter"]!.GetValue<long>()));
        Assert.Equal(("charge", -12_345L, 30_000L), (Str(settlement, "kind"), settlement["amount"]!.GetValue<long>(), settlement["balanceAfter"]!.GetValue<long>()));
        Assert.Equal("act-77", Str(moneyIn, "paymentReference"));
        Assert.Equal($"Payment of {number} via ERP, reference act-77", Str(moneyIn, "description"));
        Assert.Contains(number, Str(settlement, "description"));
        // Both explain the invoice; each is its own entry with its own idempotency key.
        Assert.All(new[] { moneyIn, settlement }, e => Assert.Equal("invoice:" + id, Str(e, "reference")));
        Assert.All(new[] { moneyIn, settlement }, e => Assert.Contains(e["lines"]!.AsArray(), l => Str(l, "item") == "invoice:" + id && l!["amount"]!.GetValue<long>() == 12_345));
        Assert.NotEqual(Str(moneyIn, "id"), Str(settlement, "id"));
        Assert.False(string.IsNullOrEmpty(Str(moneyIn, "idempotencyKey")));
        Assert.False(string.IsNullOrEmpty(Str(settlement, "idempotencyKey")));
        Assert.NotEqual(Str(moneyIn, "idempotencyKey"), Str(settlement, "idempotencyKey"));
        Assert.Equal(ledger.Count, ledger.Select(e => Str(e, "idempotencyKey")).Distinct().Count());

        // The ERP repeats its call, also three times at once: the same answer, nothing written.
        var again = await BillingApp.ReadAsync(await ErpCompleteAsync(app, account, id, "act-77"), 200);
        Assert.Equal((Str(paid, "status"), Str(paid, "paidBy"), Str(paid, "paidAt")), (Str(again, "status"), Str(again, "paidBy"), Str(again, "paidAt")));
        foreach (var answer in await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ErpCompleteAsync(app, account, id, "act-77"))))
            Assert.Equal("paid", Str(await BillingApp.ReadAsync(answer, 200), "status"));
        // Another reference for the paid invoice is a conflict, not a second payment.
        await ProblemAsync(await ErpCompleteAsync(app, account, id, "act-78"), 409, "invoice_not_payable");
        Assert.Equal(30_000, await app.BalanceAsync(account));
        Assert.Equal(before + 2, (await app.LedgerAsync(account)).Count);
        await app.AssertLedgerConsistentAsync(account);
    }
}
