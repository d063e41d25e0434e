using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

public enum MailingMethod { Forecast, Subscription }

/// <summary>Which accounts of a customer a rule bills (F8): the base account, each pass with its own account, or both.</summary>
public enum AccountScope { Base, Pass, All }

public enum MessageChannel { Email, Sms, Telegram }

/// <summary>A rule that issues and sends invoices on a schedule (F8). Every option of F8 is a field here.</summary>
public sealed record MailingRule
{
    public static RowRef<MailingRule> Ref(string id) => new(id);
    public static readonly RowSet<MailingRule> All = RowSet<MailingRule>.All;

    public required string Id { get; init; }
    public required string Name { get; init; }
    public bool Enabled { get; init; } = true;
    public required MailingMethod Method { get; init; }
    public AccountScope Accounts { get; init; } = AccountScope.Base;
    public PeriodType PeriodType { get; init; } = PeriodType.Current;
    public PeriodUnit Period { get; init; } = PeriodUnit.Month;
    public CustomerFilter Filter { get; init; } = new();
    public DuePreset Due { get; init; } = DuePreset.Unlimited;
    public bool Repeatable { get; init; }
    /// <summary>Off: a customer with an unpaid invoice for the account is skipped.</summary>
    public bool IssueWhenUnpaid { get; init; }
    public required MailingSchedule Schedule { get; init; }
    public required MessageChannel Channel { get; init; }
    public required string TemplateId { get; init; }
    /// <summary>When the timer runs it next (UTC), from the schedule in the tenant's time zone.</summary>
    public DateTimeOffset NextRunAt { get; init; }
    public DateTimeOffset? LastRunAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>
    /// The tenant's time zone <see cref="NextRunAt"/> was planned in (null on rules stored before it was kept). When the
    /// tenant moves to another zone, the next run moves to the same local time there (<see cref="InZone"/>).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore] public string? TimeZone { get; init; }

    /// <summary>
    /// The rule as planned in the tenant's zone <paramref name="zone"/>: the same rule when it was planned there (or
    /// before zones were kept), else with its next run at the same local day and time in the new zone.
    /// </summary>
    public MailingRule InZone(string zone)
    {
        if (TimeZone is null || TimeZone == zone) return TimeZone == zone ? this : this with { TimeZone = zone };
        var next = Schedule.Rezone(NextRunAt, Time.LocalCalendar.Zone(TimeZone), Time.LocalCalendar.Zone(zone), LastRunAt);
        return this with { NextRunAt = next, TimeZone = zone };
    }
}

/// <summary>What one run of a rule did (F10); its lines are rows of their own, one per customer account.</summary>
public sealed record MailingRun
{
    public static RowRef<MailingRun> Ref(string id) => new(id);
    /// <summary>The runs of one rule.</summary>
    public static RowSet<MailingRun> OfRule(string ruleId) => new(Owner: ruleId);

    /// <summary><c>{ruleId}-{occurrence yyyyMMddHHmm}</c>: a rerun of one occurrence is the same run.</summary>
    public required string Id { get; init; }
    public required string RuleId { get; init; }
    public required DateTimeOffset Occurrence { get; init; }
    public required DateOnly Day { get; init; }
    public required DateOnly PeriodStart { get; init; }
    public required DateOnly PeriodEnd { get; init; }
    public int Customers { get; init; }
    public int Issued { get; init; }
    /// <summary>Messages the run queued (a message may carry several invoices of one customer).</summary>
    public int Messages { get; init; }
    /// <summary>Messages delivered (counted as each delivery ends; runs stored before delivery was tracked counted queued ones here).</summary>
    public int Sent { get; init; }
    /// <summary>Messages that failed for good; each line says why.</summary>
    public int Failed { get; init; }
    /// <summary>Messages still on their way.</summary>
    public int Queued => Math.Max(0, Messages - Sent - Failed);
    public int Skipped { get; init; }
    /// <summary>Why the run stopped before its customers, when it did (a deleted template).</summary>
    public string? Error { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

public enum MailingOutcome { Issued, Skipped }

/// <summary>Where the message carrying a line's invoice is (F10): queued until its delivery ends, then sent or failed.</summary>
public enum DeliveryStatus { Queued, Sent, Failed }

/// <summary>One customer account in a run: the invoice issued and the message sent, or why it was skipped (F10).</summary>
public sealed record MailingLine
{
    /// <summary>The lines of one run.</summary>
    public static RowSet<MailingLine> OfRun(string runId) => new(Owner: runId);

    /// <summary>One customer account's line of a run.</summary>
    public static RowRef<MailingLine> Ref(string runId, string customerId, string target) => new((runId, customerId, target));

    public required string RunId { get; init; }
    public required string CustomerId { get; init; }
    public required string CustomerName { get; init; }
    public required string Target { get; init; }
    public required MailingOutcome Outcome { get; init; }
    public string? Reason { get; init; }
    public string? InvoiceId { get; init; }
    public string? InvoiceNumber { get; init; }
    public long Amount { get; init; }
    /// <summary>The outbox message that carries the invoice to the customer, when one was queued (one message may carry several lines).</summary>
    public string? MessageId { get; init; }
    /// <summary>The message's delivery: queued, then sent or failed when it ends (null when no message was queued).</summary>
    public DeliveryStatus? Delivery { get; init; }
    /// <summary>What the gateway or mail server answered when the message failed for good.</summary>
    public string? DeliveryError { get; init; }
    public DateTimeOffset? DeliveryEndedAt { get; init; }
    public required DateTimeOffset At { get; init; }
}
