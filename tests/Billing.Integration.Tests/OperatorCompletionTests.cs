using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>B7 and C10: an operator completes awaiting and overdue invoices from the balance, never top-ups or ERP invoices.</summary>
public sealed class OperatorCompletionTests
{
    private static Task<HttpResponseMessage> Complete(BillingApp app, string account, string invoice) =>
        app.Admin.PostAsync($"/api/operator/accounts/{account}/invoices/{invoice}/complete", BillingApp.Json(new { operatorId = "op-anna" }));

    [Fact]
    public async Task B7_an_operator_completes_an_overdue_renewal_from_the_balance_but_not_a_top_up_or_an_erp_invoice()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreatePrepaidAccountAsync();
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings", BillingApp.Json(new { invoicesFromExternalSystem = true })), 200);
        await app.ActivateAsync(account);
        var renewal = Assert.Single(await app.InvoicesAsync(account, "&kind=renewal"));
        var erp = await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices", BillingApp.Json(new
        {
            kind = "postpaid", amount = 5_000, description = "Act 2026-11 from the ERP", dueDate = "2026-11-10", prepaid = false, externalErp = true,
        })), 201);
        var topUp = (await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/topups",
            BillingApp.Json(new { amount = 20_000, actingUserId = "u1", role = "owner" })), 201))["invoice"]!;
        await app.FundAsync(account, 300_000, "wire-1");
        // Invoices come from an external system: nothing was auto-paid (C8).
        Assert.Equal("awaiting_payment", (await app.GetAsync($"/api/accounts/{account}/invoices/{renewal["id"]}"))["status"]!.GetValue<string>());

        app.Clock.Advance(TimeSpan.FromDays(20));
        await app.RunJobAsync(Billing.Core.Jobs.JobNames.ServiceRenewal);
        Assert.Equal("overdue", (await app.GetAsync($"/api/accounts/{account}/invoices/{renewal["id"]}"))["status"]!.GetValue<string>());

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await app.Api.PostAsync($"/api/operator/accounts/{account}/invoices/{renewal["id"]}/complete",
            BillingApp.Json(new { operatorId = "x" }))).StatusCode);
        var completed = await BillingApp.ReadAsync(await Complete(app, account, renewal["id"]!.GetValue<string>()), 200);
        Assert.Equal("paid_from_balance", completed["status"]!.GetValue<string>());
        Assert.Equal("operator:op-anna", completed["paidBy"]!.GetValue<string>());
        Assert.Equal("top_up_not_payable_from_balance", (await BillingApp.ReadAsync(await Complete(app, account, topUp["id"]!.GetValue<string>()), 422))["code"]!.GetValue<string>());
        Assert.Equal("erp_invoice", (await BillingApp.ReadAsync(await Complete(app, account, erp["id"]!.GetValue<string>()), 422))["code"]!.GetValue<string>());
        Assert.Equal("erp_invoice", (await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/invoices/{erp["id"]}/cancel",
            BillingApp.Json(new { actingUserId = "u1", role = "owner" })), 422))["code"]!.GetValue<string>());

        // The ERP completes its own invoice through the API.
        var byErp = await BillingApp.ReadAsync(await app.Erp.PostAsync($"/api/accounts/{account}/invoices/{erp["id"]}/erp-completion",
            BillingApp.Json(new { reference = "act-2026-11-77" })), 200);
        Assert.Equal("paid", byErp["status"]!.GetValue<string>());
        Assert.Equal(300_000 - 150_000, await app.BalanceAsync(account)); // the ERP's money came and went: +5 000 −5 000
        await app.AssertLedgerConsistentAsync(account);

        var paidInvoices = await app.InvoicesAsync(account, "&status=paid_from_balance");
        Assert.Single(paidInvoices);
    }
}
