using Billing.Core.CustomerBilling;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>Mailing rules (F8): RowKey <c>rule-{id}</c>.</summary>
public sealed class MailingRuleRows : RowMapper<MailingRule>
{
    private const string Prefix = "rule-";

    public override string Key(MailingRule row) => Prefix + row.Id;
    public override string Key(RowRef<MailingRule> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<MailingRule> rows) => Prefixed(Prefix);

    protected override void Write(MailingRule x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("Name", x.Name); c.Bool("Enabled", x.Enabled); c.Enum("Method", x.Method); c.Enum("Accounts", x.Accounts);
        c.Enum("PeriodType", x.PeriodType); c.Enum("Period", x.Period); c.Nested("Filter", x.Filter); c.Enum("Due", x.Due); c.Bool("Repeatable", x.Repeatable);
        c.Bool("IssueWhenUnpaid", x.IssueWhenUnpaid); c.Nested("Schedule", x.Schedule); c.Enum("Channel", x.Channel); c.Text("TemplateId", x.TemplateId);
        c.Time("NextRunAt", x.NextRunAt); c.Time("LastRunAt", x.LastRunAt); c.Time("UpdatedAt", x.UpdatedAt); c.Text("TimeZone", x.TimeZone);
    }

    protected override MailingRule Read(Columns c) => new()
    {
        Id = c.Text("Id"), Name = c.Text("Name"), Enabled = c.Flag("Enabled", true), Method = c.Choice<MailingMethod>("Method"),
        Accounts = c.Choice<AccountScope>("Accounts"), PeriodType = c.Choice<PeriodType>("PeriodType"), Period = c.Choice("Period", PeriodUnit.Month),
        Filter = c.Json("Filter", new CustomerFilter()), Due = c.Choice<DuePreset>("Due"), Repeatable = c.Flag("Repeatable"),
        IssueWhenUnpaid = c.Flag("IssueWhenUnpaid"), Schedule = c.Json<MailingSchedule?>("Schedule", null) ?? throw new InvalidDataException("A rule without a schedule."),
        Channel = c.Choice<MessageChannel>("Channel"), TemplateId = c.Text("TemplateId"), NextRunAt = c.TimeOrNull("NextRunAt") ?? default,
        LastRunAt = c.TimeOrNull("LastRunAt"), UpdatedAt = c.Time("UpdatedAt"), TimeZone = c.TextOrNull("TimeZone"),
    };
}

/// <summary>Runs of a rule (F10): RowKey <c>mrun-{run id}</c>, the run id beginning with its rule's id.</summary>
public sealed class MailingRunRows : RowMapper<MailingRun>
{
    private const string Prefix = "mrun-";

    public override string Key(MailingRun row) => Prefix + row.Id;
    public override string Key(RowRef<MailingRun> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<MailingRun> rows) => Prefixed($"{Prefix}{(string)rows.Owner!}-");

    protected override void Write(MailingRun x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("RuleId", x.RuleId); c.Time("Occurrence", x.Occurrence); c.Day("Day", x.Day); c.Day("PeriodStart", x.PeriodStart);
        c.Day("PeriodEnd", x.PeriodEnd); c.Int("Customers", x.Customers); c.Int("Issued", x.Issued); c.Int("Sent", x.Sent); c.Int("Skipped", x.Skipped);
        c.Text("Error", x.Error); c.Time("StartedAt", x.StartedAt); c.Time("FinishedAt", x.FinishedAt); c.Int("Messages", x.Messages); c.Int("Failed", x.Failed);
    }

    protected override MailingRun Read(Columns c) => new()
    {
        Id = c.Text("Id"), RuleId = c.Text("RuleId"), Occurrence = c.Time("Occurrence"), Day = c.Day("Day"), PeriodStart = c.Day("PeriodStart"),
        PeriodEnd = c.Day("PeriodEnd"), Customers = c.Int("Customers"), Issued = c.Int("Issued"), Sent = c.Int("Sent"), Skipped = c.Int("Skipped"),
        Error = c.TextOrNull("Error"), StartedAt = c.Time("StartedAt"), FinishedAt = c.TimeOrNull("FinishedAt"),
        // Runs stored before delivery was tracked counted their queued messages as Sent.
        Messages = c.IntOrNull("Messages") ?? c.Int("Sent"), Failed = c.Int("Failed"),
    };
}

/// <summary>A run's line per customer account (F10): RowKey <c>mline-{run id}-{customer id}-{target}</c>.</summary>
public sealed class MailingLineRows : RowMapper<MailingLine>
{
    private const string Prefix = "mline-";

    public override string Key(MailingLine row) => $"{Prefix}{row.RunId}-{row.CustomerId}-{row.Target}";
    public override string Key(RowRef<MailingLine> row) => row.Id is (string runId, string customerId, string target)
        ? $"{Prefix}{runId}-{customerId}-{target}" : throw new ArgumentException("A mailing line is named by (run id, customer id, target).");
    public override (string From, string To) Range(RowSet<MailingLine> rows) => Prefixed($"{Prefix}{(string)rows.Owner!}-");

    protected override void Write(MailingLine x, Columns c)
    {
        c.Text("RunId", x.RunId); c.Text("CustomerId", x.CustomerId); c.Text("CustomerName", x.CustomerName); c.Text("Target", x.Target);
        c.Enum("Outcome", x.Outcome); c.Text("Reason", x.Reason); c.Text("InvoiceId", x.InvoiceId); c.Text("InvoiceNumber", x.InvoiceNumber);
        c.Long("Amount", x.Amount); c.Text("MessageId", x.MessageId); c.Time("At", x.At);
        if (x.Delivery is { } d) c.Enum("Delivery", d);
        c.Text("DeliveryError", x.DeliveryError); c.Time("DeliveryEndedAt", x.DeliveryEndedAt);
    }

    protected override MailingLine Read(Columns c) => new()
    {
        RunId = c.Text("RunId"), CustomerId = c.Text("CustomerId"), CustomerName = c.Text("CustomerName"), Target = c.Text("Target"),
        Outcome = c.Choice<MailingOutcome>("Outcome"), Reason = c.TextOrNull("Reason"), InvoiceId = c.TextOrNull("InvoiceId"),
        InvoiceNumber = c.TextOrNull("InvoiceNumber"), Amount = c.Long("Amount"), MessageId = c.TextOrNull("MessageId"), At = c.Time("At"),
        Delivery = c.TextOrNull("Delivery") is null ? null : c.Choice<DeliveryStatus>("Delivery"), DeliveryError = c.TextOrNull("DeliveryError"),
        DeliveryEndedAt = c.TimeOrNull("DeliveryEndedAt"),
    };
}
