using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Validation;
using Billing.Http.Views;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

/// <summary>Accounts and what the CRM reports about them (create, activate, settings, seats, logins, usage, summary).</summary>
public sealed class AccountsApi(ApiRunner api, AccountService accounts, AccountSummaryService summaries)
{
    public Task<IResult> Create(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
    {
        var (b, _) = await ReadJsonAsync<CreateAccountBody>(req, ct);
        var request = new CreateAccount(Required(b.Name, "name"), Required(b.Currency, "currency", 3), Required(b.TimeZone, "timeZone", 64),
            Required(b.Country, "country", 2), b.Language is null ? Language.En : ParseEnum<Language>(b.Language, "language"),
            Required(b.PlanId, "planId", 64), b.BillingMode is null ? null : ParseEnum<BillingMode>(b.BillingMode, "billingMode"),
            b.AddOns, b.OwnerEmail);
        // With an Idempotency-Key the account's random id is claimed first (Core): a repeat names the same account.
        return ApiResult.Created(AccountView.Of(await accounts.CreateAsync(request, ApiRunner.IdempotencyKey(req), ct)));
    });

    public Task<IResult> Get(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(AccountView.Of(await accounts.GetAsync(Ids.Require(accountId, "account"), ct))));

    public Task<IResult> Activate(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(AccountView.Of(await accounts.ActivateAsync(Ids.Require(accountId, "account"), ct))));

    public Task<IResult> ChangeSettings(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<SettingsBody>(req, ct);
        var change = new AccountSettingsChange(b.Name, b.Currency, b.TimeZone, b.Country,
            b.Language is null ? null : ParseEnum<Language>(b.Language, "language"),
            b.BillingMode is null ? null : ParseEnum<BillingMode>(b.BillingMode, "billingMode"), b.PlanId, b.AddOns, b.OwnerEmail,
            b.MayWorkWithoutBalance, b.InvoicesFromExternalSystem,
            b.RestrictionPolicy is null ? null : ParseEnum<Core.Restrictions.RestrictionPolicy>(b.RestrictionPolicy, "restrictionPolicy"), b.AdminEmails,
            b.LowBalance is null ? null : Required(b.LowBalance.Days, "lowBalance.days"));
        return ApiResult.Ok(AccountView.Of(await accounts.ChangeSettingsAsync(id, change, ct)));
    });

    public Task<IResult> ReportSeats(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<SeatsBody>(req, ct);
        return ApiResult.Ok(await accounts.ReportSeatsAsync(id, Required(b.Seats, "seats"), ct));
    });

    public Task<IResult> RecordLogin(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<LoginBody>(req, ct);
        Required(b.UserId, "userId", 128);
        return ApiResult.Ok(AccountView.Of(await accounts.RecordLoginAsync(id, b.At, ct)));
    });

    public Task<IResult> ReportUsage(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<UsageBody>(req, ct);
        var key = ApiRunner.IdempotencyKey(req)
            ?? throw BillingException.Invalid("idempotency_key_required", $"Usage needs an {ApiRunner.IdempotencyHeader} header, so a retried report counts once.");
        var receipt = await accounts.ReportUsageAsync(id, new UsageReport(Required(b.Metric, "metric", 64), Required(b.Quantity, "quantity")), key, ct);
        return ApiResult.Ok(receipt);
    });

    public Task<IResult> Summary(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var s = await summaries.GetAsync(Ids.Require(accountId, "account"), ct);
        return ApiResult.Ok(new
        {
            account = AccountView.Of(s.Account),
            balance = MoneyView.Of(s.Balance, s.Currency),
            today = s.Today,
            month = new { start = s.MonthStart, usage = s.UsageThisMonth, usageCost = MoneyView.Of(s.UsageCost, s.Currency),
                postpaidEstimate = s.PostpaidEstimate is { } e ? MoneyView.Of(e, s.Currency) : null, postpaidLines = s.PostpaidEstimateLines },
            services = s.Services,
            prepaidServices = s.PrepaidServices,
            unpaidInvoices = s.UnpaidInvoices,
            payableFromBalance = s.PayableFromBalance,
            runway = s.Runway,
        });
    });
}
