namespace Billing.Core.CustomerBilling;

/// <summary>An optional inclusive range: either bound may be left out (F8).</summary>
public sealed record Bounds(long? From, long? To)
{
    public bool Includes(long value) => (From is null || value >= From) && (To is null || value <= To);

    public void Validate(string field)
    {
        if (From is { } f && To is { } t && f > t)
            throw BillingException.Invalid("filter_bounds_invalid", $"'{field}': from ({f}) is greater than to ({t}).",
                new Dictionary<string, string[]> { [field] = ["from must not exceed to."] });
    }
}

/// <summary>Why a customer (or one of its accounts) got no invoice from a mailing run (F10).</summary>
public static class SkipReasons
{
    public const string Status = "status_not_matched";
    public const string Type = "type_not_matched";
    public const string Subject = "subject_not_matched";
    public const string LessonType = "lesson_type_not_matched";
    public const string LessonsLeft = "lessons_left_out_of_range";
    public const string MoneyLeft = "money_left_out_of_range";
    public const string NoAttendance = "no_attendance_in_30_days";
    public const string NoLessonToday = "no_lesson_today";
    public const string UnpaidInvoice = "unpaid_invoice_exists";
    public const string AlreadyIssued = "already_issued_for_period";
    public const string NothingToPay = "nothing_to_pay";
    public const string NoContact = "no_contact_for_channel";
    public const string NoAccount = "no_matching_account";
}

/// <summary>
/// The customer filters of a mailing rule (F8). Customer-level ones (status, type) pick customers; account-level
/// ones (subject, lesson type, lessons and money left, attendance, today's lesson) are checked per target account
/// on the passes that account pays for.
/// </summary>
public sealed record CustomerFilter
{
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public IReadOnlyList<CustomerType> Types { get; init; } = [];
    public string? Subject { get; init; }
    public string? LessonType { get; init; }
    public Bounds? LessonsLeft { get; init; }
    public Bounds? MoneyLeft { get; init; }
    public bool AttendedInLast30Days { get; init; }
    public bool HasLessonToday { get; init; }

    public void Validate()
    {
        LessonsLeft?.Validate("filter.lessonsLeft");
        MoneyLeft?.Validate("filter.moneyLeft");
    }

    public bool IncludesPass(Pass p) =>
        (string.IsNullOrEmpty(Subject) || string.Equals(p.Subject, Subject, StringComparison.OrdinalIgnoreCase))
        && (string.IsNullOrEmpty(LessonType) || string.Equals(p.LessonType, LessonType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when the customer is in; otherwise the reason it is not.</summary>
    public string? RejectCustomer(Customer c) =>
        Statuses.Count > 0 && !Statuses.Contains(c.Status, StringComparer.OrdinalIgnoreCase) ? SkipReasons.Status
        : Types.Count > 0 && !Types.Contains(c.Type) ? SkipReasons.Type
        : null;

    /// <summary>
    /// Null when the account is in; otherwise the reason it is not. "Attended in the last 30 days" counts the run day
    /// and the 30 days before it (a lesson exactly 30 days ago is in).
    /// </summary>
    public string? RejectAccount(Customer c, TargetAccount target, DateOnly today)
    {
        var passes = target.PassesOf(c).ToList();
        if (!string.IsNullOrEmpty(Subject) && !passes.Any(p => string.Equals(p.Subject, Subject, StringComparison.OrdinalIgnoreCase)))
            return SkipReasons.Subject;
        if (!string.IsNullOrEmpty(LessonType) && !passes.Any(p => string.Equals(p.LessonType, LessonType, StringComparison.OrdinalIgnoreCase)))
            return SkipReasons.LessonType;
        var included = passes.Where(IncludesPass).ToList();
        if (LessonsLeft is { } ll && !ll.Includes(included.Sum(p => (long)p.LessonsLeft))) return SkipReasons.LessonsLeft;
        if (MoneyLeft is { } ml && !ml.Includes(target.MoneyLeft(c))) return SkipReasons.MoneyLeft;
        var ids = included.Select(p => p.Id).ToHashSet();
        if (AttendedInLast30Days && !c.Lessons.Any(l => l.Attended && ids.Contains(l.PassId) && l.Date >= today.AddDays(-30) && l.Date <= today))
            return SkipReasons.NoAttendance;
        if (HasLessonToday && !c.Lessons.Any(l => l.Date == today && ids.Contains(l.PassId))) return SkipReasons.NoLessonToday;
        return null;
    }
}
