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

public sealed record ScheduleBody(string? Kind, string? Time, string? Weekday, int? DayOfMonth);

public sealed record RuleBody(string? Name, bool? Enabled, string? Method, string? Accounts, string? PeriodType, string? Period, FilterBody? Filter,
    string? Due, bool? Repeatable, bool? IssueWhenUnpaid, ScheduleBody? Schedule, string? Channel, string? TemplateId);
