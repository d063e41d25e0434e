namespace Billing.Http.Api.CustomerBilling;

public sealed record PassBody(string? Id, string? Name, string? Subject, string? LessonType, long? Price, int? LessonsPerPeriod, bool? SeparateAccount,
    int? LessonsLeft, long? MoneyLeft);

public sealed record CustomerBody(string? Name, string? Type, string? Status, string? Mobile, string? Email, string? TelegramId, long? Balance,
    List<PassBody>? Passes);

public sealed record LessonBody(DateOnly? Date, string? PassId, bool? Attended);

public sealed record LessonsBody(List<LessonBody>? Lessons);

public sealed record AdjustmentBody(string? Target, long? Amount, string? Description);

public sealed record CustomerInvoiceBody(string? CustomerId, string? Calculation, string? Target, long? Amount, DateOnly? PeriodStart, DateOnly? PeriodEnd,
    string? Period, DateOnly? PayableUntil, bool? Repeatable, string? CreatedBy);

public sealed record SendBody(string? Channel, string? TemplateId);

public sealed record ArchiveBody(List<string>? InvoiceIds, bool? All);

public sealed record TemplateBody(string? Name, string? Subject, string? Body);

public sealed record CompanyBody(string? LegalName, string? TaxId, string? Address, string? BankDetails, string? PublicOfferUrl);

public sealed record BoundsBody(long? From, long? To);

public sealed record FilterBody(List<string>? Statuses, List<string>? Types, string? Subject, string? LessonType, BoundsBody? LessonsLeft,
    BoundsBody? MoneyLeft, bool? AttendedInLast30Days, bool? HasLessonToday);

/// <summary><c>localTime</c> is what earlier answers carried beside <c>time</c>; a rule read then is still taken back (it is ignored).</summary>
public sealed record ScheduleBody(string? Kind, string? Time, string? Weekday, int? DayOfMonth, string? LocalTime);

/// <summary>
/// A mailing rule as written. The members a read adds (<c>id</c>, <c>nextRunAt</c>, <c>lastRunAt</c>, <c>updatedAt</c>) are taken and
/// ignored, so a rule as <c>GET</c> returns it can be <c>PUT</c> back unchanged (F8); an <c>id</c> other than the route's is refused.
/// </summary>
public sealed record RuleBody(string? Name, bool? Enabled, string? Method, string? Accounts, string? PeriodType, string? Period, FilterBody? Filter,
    string? Due, bool? Repeatable, bool? IssueWhenUnpaid, ScheduleBody? Schedule, string? Channel, string? TemplateId,
    string? Id = null, DateTimeOffset? NextRunAt = null, DateTimeOffset? LastRunAt = null, DateTimeOffset? UpdatedAt = null);
