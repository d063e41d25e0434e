namespace Billing.Core.Notifications;

/// <summary>What a notice tells: the email template and the CRM event type share these names (snake_case on the wire).</summary>
public enum NoticeType
{
    RestrictionChanged, DeletionScheduled, DeletionReminder, DeletionCancelled, Deleted, Purged, DeletionRestored,
    InvoicePaid, PlanChanged, CustomerInvoicePaid,
    /// <summary>A tenant's invoice message to its own customer (F5), rendered from the tenant's template.</summary>
    CustomerInvoice,
}

/// <summary>
/// A domain event someone is told of (G1, G2): returned by the feature method that made the change, and turned into
/// outbox rows (an email to the admins, an event to the CRM) by <see cref="Outbox"/>. Its <see cref="Key"/> names the
/// change, so a repeat of the same change collides instead of notifying twice.
/// </summary>
public abstract record AccountNotice
{
    public abstract NoticeType Type { get; }

    public abstract string Key { get; }

    /// <summary>What the email template or the event body shows, already formatted.</summary>
    public abstract IReadOnlyDictionary<string, string> Data();

    protected static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    protected static string Number(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
