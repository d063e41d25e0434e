using Billing.Core;
using Billing.Core.CustomerBilling;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api.CustomerBilling;

/// <summary>F7 company details, F9 templates, F8/F10 mailing rules and their runs.</summary>
public sealed class MailingApi(ApiRunner api, CustomerSettingsService settings, MailingService mailing, TimeProvider clock, Core.Money.MoneyOptions money)
{
    public Task<IResult> GetCompany(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(await settings.GetCompanyAsync(Ids.Require(accountId, "account"), ct)));

    public Task<IResult> SetCompany(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<CompanyBody>(req, ct);
        string Field(string? v, string name, int max) => v is null ? "" : v.Length <= max ? v
            : throw BillingException.Invalid("field_too_long", $"'{name}' is longer than {max}.");
        return ApiResult.Ok(await settings.SetCompanyAsync(id, new CompanyDetails
        {
            LegalName = Field(b.LegalName, "legalName", 300), TaxId = Field(b.TaxId, "taxId", 64), Address = Field(b.Address, "address", 500),
            BankDetails = Field(b.BankDetails, "bankDetails", 1000), PublicOfferUrl = Field(b.PublicOfferUrl, "publicOfferUrl", 2048),
        }, ct));
    });

    public Task<IResult> Templates(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(new { items = await settings.TemplatesAsync(Ids.Require(accountId, "account"), ct) }));

    /// <summary>A template's body is a multi-line message: newlines and tabs are text there, nowhere else.</summary>
    private static readonly IReadOnlySet<string> TemplateMultiLine = new HashSet<string> { "body" };

    public Task<IResult> CreateTemplate(HttpRequest req, string accountId, CancellationToken ct) => SaveTemplate(req, accountId, null, ct);

    public Task<IResult> UpdateTemplate(HttpRequest req, string accountId, string templateId, CancellationToken ct) =>
        SaveTemplate(req, accountId, templateId, ct);

    private Task<IResult> SaveTemplate(HttpRequest req, string accountId, string? templateId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        if (templateId is not null) Ids.Require(templateId, "template");
        var (b, _) = await ReadJsonAsync<TemplateBody>(req, ct, TemplateMultiLine);
        // A subject is for email only: SMS and Telegram templates leave it empty, and an email without one gets a default (F5).
        var subject = string.IsNullOrWhiteSpace(b.Subject) ? "" : Required(b.Subject, "subject", 300);
        var saved = await settings.SaveTemplateAsync(id, templateId, Required(b.Name, "name"), subject, Required(b.Body, "body", 4000), ct);
        return templateId is null ? ApiResult.Created(saved) : ApiResult.Ok(saved);
    });

    public Task<IResult> Rules(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(new { items = await mailing.RulesAsync(Ids.Require(accountId, "account"), ct) }));

    public Task<IResult> GetRule(HttpRequest req, string accountId, string ruleId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok((await mailing.GetAsync(Ids.Require(accountId, "account"), ruleId, ct)).Value));

    public Task<IResult> CreateRule(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<RuleBody>(req, ct);
        return await api.Idempotent(req, id, text, async () =>
        {
            var key = ApiRunner.IdempotencyKey(req);
            var rule = Rule(b, key is null ? Ids.New("rule") : Ids.FromKey("rule", id + "/rule/" + key));
            return ApiResult.Created(await mailing.SaveAsync(id, rule, create: true, ct));
        }, ct);
    });

    public Task<IResult> UpdateRule(HttpRequest req, string accountId, string ruleId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<RuleBody>(req, ct);
        var rid = Ids.Require(ruleId, "mailing_rule");
        if (b.Id is not null && b.Id != rid)
            throw BillingException.Invalid("rule_id_mismatch", $"The body names rule '{(b.Id.Length > 64 ? b.Id[..64] : b.Id)}', the route '{rid}'.",
                new Dictionary<string, string[]> { ["id"] = ["Leave it out, or give the route's rule id."] });
        return ApiResult.Ok(await mailing.SaveAsync(id, Rule(b, rid), create: false, ct));
    });

    /// <summary>Runs a rule now, as its schedule would; a repeat within the same minute is the same run.</summary>
    public Task<IResult> RunRule(HttpRequest req, string accountId, string ruleId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var rule = (await mailing.GetAsync(id, ruleId, ct)).Value;
        var now = clock.GetUtcNow();
        var occurrence = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        return ApiResult.Ok(await mailing.RunRuleAsync(id, rule, occurrence, ct));
    });

    public Task<IResult> Runs(HttpRequest req, string accountId, string ruleId, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        var id = Ids.Require(accountId, "account");
        _ = await mailing.GetAsync(id, ruleId, ct);
        var page = await mailing.RunsAsync(id, ruleId, size, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });

    public Task<IResult> Run(HttpRequest req, string accountId, string runId, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        var id = Ids.Require(accountId, "account");
        var run = await mailing.RunAsync(id, runId, ct);
        var lines = await mailing.LinesAsync(id, runId, size, token, ct);
        return ApiResult.Ok(new { run, lines = lines.Items, continuationToken = lines.ContinuationToken });
    });

    private long? Bound(long? value, string field) => value is { } v ? money.Require(v, field, Core.Money.AmountSign.Any) : null;

    private MailingRule Rule(RuleBody b, string id)
    {
        var s = b.Schedule ?? throw BillingException.Invalid("field_missing", "'schedule' is required.");
        var f = b.Filter;
        if (f?.Statuses is { Count: > 50 }) throw BillingException.Invalid("filter_invalid", "At most 50 statuses.");
        return new MailingRule
        {
            Id = id, Name = Required(b.Name, "name"), Enabled = b.Enabled ?? true,
            Method = ParseEnum<MailingMethod>(Required(b.Method, "method", 32), "method"),
            Accounts = b.Accounts is null ? AccountScope.Base : ParseEnum<AccountScope>(b.Accounts, "accounts"),
            PeriodType = b.PeriodType is null ? PeriodType.Current : ParseEnum<PeriodType>(b.PeriodType, "periodType"),
            Period = b.Period is null ? PeriodUnit.Month : ParseEnum<PeriodUnit>(b.Period, "period"),
            Filter = f is null ? new CustomerFilter() : new CustomerFilter
            {
                Statuses = (f.Statuses ?? []).Select((x, i) => Required(x, $"filter.statuses[{i}]", 64)).ToList(),
                Types = (f.Types ?? []).Select((x, i) => ParseEnum<CustomerType>(x, $"filter.types[{i}]")).ToList(),
                Subject = f.Subject is null ? null : Required(f.Subject, "filter.subject", 100),
                LessonType = f.LessonType is null ? null : Required(f.LessonType, "filter.lessonType", 100),
                LessonsLeft = f.LessonsLeft is null ? null : new Bounds(f.LessonsLeft.From, f.LessonsLeft.To),
                MoneyLeft = f.MoneyLeft is null ? null : new Bounds(Bound(f.MoneyLeft.From, "filter.moneyLeft.from"), Bound(f.MoneyLeft.To, "filter.moneyLeft.to")),
                AttendedInLast30Days = f.AttendedInLast30Days ?? false, HasLessonToday = f.HasLessonToday ?? false,
            },
            Due = b.Due is null ? DuePreset.Unlimited : ParseEnum<DuePreset>(b.Due, "due"),
            Repeatable = b.Repeatable ?? false, IssueWhenUnpaid = b.IssueWhenUnpaid ?? false,
            Schedule = new MailingSchedule
            {
                Kind = ParseEnum<ScheduleKind>(Required(s.Kind, "schedule.kind", 16), "schedule.kind"), Time = Required(s.Time, "schedule.time", 5),
                Weekday = s.Weekday is null ? null : ParseEnum<DayOfWeek>(s.Weekday, "schedule.weekday"), DayOfMonth = s.DayOfMonth,
            },
            Channel = ParseEnum<MessageChannel>(Required(b.Channel, "channel", 16), "channel"),
            TemplateId = Ids.Require(Required(b.TemplateId, "templateId", 64), "template"),
            UpdatedAt = default,
        };
    }
}
