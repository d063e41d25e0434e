using System.Text.Json.Nodes;

namespace Billing.Core.Notifications;

/// <summary>What a notice tells: the email template and the CRM event type share these names (snake_case on the wire).</summary>
public enum NoticeType
{
    RestrictionChanged, DeletionScheduled, DeletionReminder, DeletionCancelled, Deleted, Purged, DeletionRestored,
    InvoicePaid, PlanChanged, CustomerInvoicePaid,
    /// <summary>A tenant's invoice message to its own customer (F5), rendered from the tenant's template.</summary>
    CustomerInvoice,
    /// <summary>G1 receipt: money reached the balance (top-up with its bonus, offline payment, payment of an invoice).</summary>
    PaymentReceived,
    /// <summary>G1: an invoice to pay was issued (renewal, plan change, external).</summary>
    InvoiceIssued,
    /// <summary>G1: a promised payment lifted the restrictions until a date (D4).</summary>
    PromisedPayment,
    /// <summary>A6: the runway fell to or below the account's low-balance threshold (email and event, once per crossing).</summary>
    BalanceLow,
    /// <summary>A6: the runway is above the threshold again; the alert is re-armed (event only).</summary>
    BalanceRecovered,
}

/// <summary>Who of the account is emailed a notice.</summary>
public enum NoticeAudience { Nobody, Owner, OwnerAndAdmins }

/// <summary>
/// A domain event someone is told of (G1, G2): returned by the feature method that made the change, and turned into
/// outbox rows (an email to the owner or admins, an event to the CRM) by <see cref="Outbox"/>. Its keys name the
/// change, so a repeat of the same change collides instead of notifying twice.
/// </summary>
public abstract record AccountNotice
{
    public abstract NoticeType Type { get; }

    /// <summary>Names the change for its email: a repeat of the same change collides instead of emailing twice.</summary>
    public abstract string Key { get; }

    /// <summary>Names the change for its CRM event; unique per change of the account (G2), the account id makes it unique across accounts.</summary>
    public virtual string EventKey => Key;

    public virtual NoticeAudience Email => NoticeAudience.Nobody;

    public virtual bool Event => true;

    /// <summary>The event's data, and what the email template shows: amounts are integers (minor units), days are ISO dates.</summary>
    public abstract JsonObject Data();

    protected static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    protected static string Number(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
