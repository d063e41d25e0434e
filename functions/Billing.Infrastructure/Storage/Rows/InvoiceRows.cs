using Billing.Core.Invoices;
using Billing.Core.Services;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>Invoices to the account (C10): RowKey <c>invoice-{id}</c>.</summary>
public sealed class InvoiceRows : RowMapper<Invoice>
{
    private const string Prefix = "invoice-";

    public override string Key(Invoice row) => Prefix + row.Id;
    public override string Key(RowRef<Invoice> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<Invoice> rows) => Prefixed(Prefix);

    protected override void Write(Invoice i, Columns c)
    {
        c.Text("Id", i.Id); c.Text("AccountId", i.AccountId); c.Text("Number", i.Number); c.Enum("Kind", i.Kind); c.Enum("Status", i.Status);
        c.Long("Amount", i.Amount); c.Text("Currency", i.Currency); c.Long("Bonus", i.Bonus); c.Int("BonusPercent", i.BonusPercent);
        c.Text("Description", i.Description); c.Time("CreatedAt", i.CreatedAt); c.Day("DueDate", i.DueDate); c.Text("CreatedBy", i.CreatedBy);
        c.Text("Provider", i.Provider); c.Text("CheckoutId", i.CheckoutId); c.Text("CheckoutUrl", i.CheckoutUrl); c.Time("PaidAt", i.PaidAt);
        c.Text("PaidBy", i.PaidBy); c.Text("PaymentIssue", i.PaymentIssue); c.Nested("Orders", i.Orders); c.Bool("Prepaid", i.Prepaid);
        c.Bool("ExternalErp", i.ExternalErp); c.Nested("PlanChange", i.PlanChange); c.Time("CancelledAt", i.CancelledAt); c.Text("AmountSetBy", i.AmountSetBy);
        c.Int("CheckoutAttempt", i.CheckoutAttempt > 0 ? i.CheckoutAttempt : null); c.Text("PaymentId", i.PaymentId);
    }

    protected override Invoice Read(Columns c) => new()
    {
        Id = c.Text("Id"), AccountId = c.Text("AccountId"), Number = c.Text("Number"), Kind = c.Choice<InvoiceKind>("Kind"), Status = c.Choice<InvoiceStatus>("Status"),
        Amount = c.Long("Amount"), Currency = c.Text("Currency"), Bonus = c.Long("Bonus"), BonusPercent = c.Int("BonusPercent"),
        Description = c.Text("Description"), CreatedAt = c.Time("CreatedAt"), DueDate = c.DayOrNull("DueDate"), CreatedBy = c.TextOrNull("CreatedBy"),
        Provider = c.TextOrNull("Provider"), CheckoutId = c.TextOrNull("CheckoutId"), CheckoutUrl = c.TextOrNull("CheckoutUrl"), PaidAt = c.TimeOrNull("PaidAt"),
        PaidBy = c.TextOrNull("PaidBy"), PaymentIssue = c.TextOrNull("PaymentIssue"), Orders = c.Json<List<InvoiceOrder>>("Orders", []),
        Prepaid = c.Flag("Prepaid", true), ExternalErp = c.Flag("ExternalErp"), PlanChange = c.Json<PlanChangeTerms?>("PlanChange", null),
        CancelledAt = c.TimeOrNull("CancelledAt"), AmountSetBy = c.TextOrNull("AmountSetBy"),
        CheckoutAttempt = c.Int("CheckoutAttempt"), PaymentId = c.TextOrNull("PaymentId"),
    };
}

/// <summary>Prepaid services (C6): RowKey <c>service-{id}</c>.</summary>
public sealed class ServiceRows : RowMapper<Service>
{
    private const string Prefix = "service-";

    public override string Key(Service row) => Prefix + row.Id;
    public override string Key(RowRef<Service> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<Service> rows) => Prefixed(Prefix);

    protected override void Write(Service s, Columns c)
    {
        c.Text("Id", s.Id); c.Enum("Kind", s.Kind); c.Text("ItemId", s.ItemId); c.Text("Name", s.Name); c.Enum("State", s.State); c.Long("Price", s.Price);
        c.Text("Currency", s.Currency); c.Int("MaxSeats", s.MaxSeats); c.Day("PaidUntil", s.PaidUntil); c.Day("PaidFrom", s.PaidFrom);
        c.Bool("AutoRenew", s.AutoRenew); c.Time("CreatedAt", s.CreatedAt); c.Day("ExpiredOn", s.ExpiredOn);
    }

    protected override Service Read(Columns c) => new()
    {
        Id = c.Text("Id"), Kind = c.Choice<ServiceKind>("Kind"), ItemId = c.Text("ItemId"), Name = c.Text("Name"), State = c.Choice<ServiceState>("State"),
        Price = c.Long("Price"), Currency = c.Text("Currency"), MaxSeats = c.IntOrNull("MaxSeats"), PaidUntil = c.Day("PaidUntil"), PaidFrom = c.DayOrNull("PaidFrom"),
        AutoRenew = c.Flag("AutoRenew", true), CreatedAt = c.Time("CreatedAt"), ExpiredOn = c.DayOrNull("ExpiredOn"),
    };
}
