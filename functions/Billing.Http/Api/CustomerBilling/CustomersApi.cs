using Billing.Core;
using Billing.Core.CustomerBilling;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api.CustomerBilling;

/// <summary>F1: a tenant's customers, their passes, lessons and money.</summary>
public sealed class CustomersApi(ApiRunner api, CustomerService customers, Core.Money.MoneyOptions money)
{
    public Task<IResult> Create(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<CustomerBody>(req, ct);
        var profile = Profile(b);
        return await api.Idempotent(req, id, text, async () =>
            ApiResult.Created(await customers.CreateAsync(id, profile, b.Balance ?? 0, ApiRunner.IdempotencyKey(req), ct)), ct);
    });

    public Task<IResult> List(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        var page = await customers.ListAsync(Ids.Require(accountId, "account"), size, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });

    public Task<IResult> Get(HttpRequest req, string accountId, string customerId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok((await customers.GetAsync(Ids.Require(accountId, "account"), customerId, ct)).Value));

    public Task<IResult> Update(HttpRequest req, string accountId, string customerId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<CustomerBody>(req, ct);
        if (b.Balance is not null)
            throw BillingException.Refused("balance_not_settable", "A customer's balance changes only by adjustments and payments (POST …/adjustments).");
        return ApiResult.Ok(await customers.UpdateAsync(id, customerId, Profile(b), ct));
    });

    public Task<IResult> ReportLessons(HttpRequest req, string accountId, string customerId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<LessonsBody>(req, ct);
        var raw = b.Lessons ?? throw BillingException.Invalid("field_missing", "'lessons' is required.");
        if (raw.Count > CustomerValidation.MaxLessons) throw BillingException.Invalid("too_many_lessons", $"At most {CustomerValidation.MaxLessons} lessons per report.");
        var lessons = raw.Select((l, i) => new Lesson(Required(l.Date, $"lessons[{i}].date"), Ids.Require(Required(l.PassId, $"lessons[{i}].passId", 64), "pass"),
            l.Attended ?? false)).ToList();
        return ApiResult.Ok(await customers.ReportLessonsAsync(id, customerId, lessons, ct));
    });

    public Task<IResult> Adjust(HttpRequest req, string accountId, string customerId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<AdjustmentBody>(req, ct);
        var target = Target(b.Target);
        var amount = money.Require(Required(b.Amount, "amount"), "amount", Core.Money.AmountSign.NonZero);
        var description = Required(b.Description, "description", 200);
        return await api.Idempotent(req, id, text, async () =>
            ApiResult.Created(await customers.AdjustAsync(id, customerId, target, amount, description, ct)), ct);
    });

    public Task<IResult> Ledger(HttpRequest req, string accountId, string customerId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        _ = await customers.GetAsync(id, customerId, ct);
        var limit = (int)(QueryLong(req, "limit") ?? 100);
        if (limit is < 1 or > 1000) throw BillingException.Invalid("limit_invalid", "limit must be 1 to 1000.");
        return ApiResult.Ok(new { items = await customers.LedgerAsync(id, customerId, ct).Take(limit).ToListAsync(ct) });
    });

    internal static TargetAccount Target(string? raw) =>
        raw is null or TargetAccount.BaseKey ? TargetAccount.Base : new TargetAccount(Ids.Require(raw, "pass"));

    private static CustomerProfile Profile(CustomerBody b)
    {
        var passes = (b.Passes ?? []).Select((p, i) => new Pass
        {
            Id = Required(p.Id, $"passes[{i}].id", 64), Name = Required(p.Name, $"passes[{i}].name"), Subject = p.Subject ?? "",
            LessonType = p.LessonType ?? "", Price = Required(p.Price, $"passes[{i}].price"), LessonsPerPeriod = p.LessonsPerPeriod ?? 1,
            SeparateAccount = p.SeparateAccount ?? false, LessonsLeft = p.LessonsLeft ?? 0, MoneyLeft = p.MoneyLeft ?? 0,
        }).ToList();
        return new CustomerProfile(Required(b.Name, "name"), b.Type is null ? CustomerType.Individual : ParseEnum<CustomerType>(b.Type, "type"),
            b.Status ?? "active", Empty(b.Mobile), Empty(b.Email), Empty(b.TelegramId), passes);
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
