using Billing.Core.CustomerBilling;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>A tenant's customers (F1): RowKey <c>customer-{id}</c>.</summary>
public sealed class CustomerRows : RowMapper<Customer>
{
    private const string Prefix = "customer-";

    public override string Key(Customer row) => Prefix + row.Id;
    public override string Key(RowRef<Customer> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<Customer> rows) => Prefixed(Prefix);

    protected override void Write(Customer x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("Name", x.Name); c.Enum("Type", x.Type); c.Text("Status", x.Status); c.Text("Mobile", x.Mobile); c.Text("Email", x.Email);
        c.Text("TelegramId", x.TelegramId); c.Long("Balance", x.Balance); c.Long("LedgerSeq", x.LedgerSeq); c.Nested("Passes", x.Passes);
        c.Nested("Lessons", x.Lessons); c.Time("CreatedAt", x.CreatedAt); c.Time("UpdatedAt", x.UpdatedAt);
    }

    protected override Customer Read(Columns c) => new()
    {
        Id = c.Text("Id"), Name = c.Text("Name"), Type = c.Choice<CustomerType>("Type"), Status = c.TextOrNull("Status") ?? "active", Mobile = c.TextOrNull("Mobile"),
        Email = c.TextOrNull("Email"), TelegramId = c.TextOrNull("TelegramId"), Balance = c.Long("Balance"), LedgerSeq = c.Long("LedgerSeq"),
        Passes = c.Json<List<Pass>>("Passes", []), Lessons = c.Json<List<Lesson>>("Lessons", []), CreatedAt = c.Time("CreatedAt"),
        UpdatedAt = c.TimeOrNull("UpdatedAt") ?? default,
    };
}

/// <summary>A tenant's invoices to its customers (F2): RowKey <c>cinvoice-{id}</c>.</summary>
public sealed class CustomerInvoiceRows : RowMapper<CustomerInvoice>
{
    private const string Prefix = "cinvoice-";

    public override string Key(CustomerInvoice row) => Prefix + row.Id;
    public override string Key(RowRef<CustomerInvoice> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<CustomerInvoice> rows) => Prefixed(Prefix);

    protected override void Write(CustomerInvoice x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("Number", x.Number); c.Text("CustomerId", x.CustomerId); c.Text("CustomerName", x.CustomerName);
        c.Enum("Calculation", x.Calculation); c.Text("Target", x.Target); c.Long("Amount", x.Amount); c.Text("Currency", x.Currency);
        c.Nested("Lines", x.Lines); c.Nested("Subjects", x.Subjects); c.Day("PeriodStart", x.PeriodStart); c.Day("PeriodEnd", x.PeriodEnd);
        c.Day("PayableFrom", x.PayableFrom); c.Day("PayableUntil", x.PayableUntil); c.Bool("Repeatable", x.Repeatable); c.Enum("Status", x.Status);
        c.Text("PublicToken", x.PublicToken); c.Time("CreatedAt", x.CreatedAt); c.Text("CreatedBy", x.CreatedBy); c.Text("RuleId", x.RuleId);
        c.Int("PaymentCount", x.PaymentCount); c.Long("PaidTotal", x.PaidTotal); c.Time("PaidAt", x.PaidAt); c.Time("ArchivedAt", x.ArchivedAt);
        c.Text("PaymentIssue", x.PaymentIssue); c.Nested("PassNames", x.PassNames); c.Int("Declines", x.Declines == 0 ? null : x.Declines);
        c.Time("LastDeclinedAt", x.LastDeclinedAt);
    }

    protected override CustomerInvoice Read(Columns c) => new()
    {
        Id = c.Text("Id"), Number = c.Text("Number"), CustomerId = c.Text("CustomerId"), CustomerName = c.Text("CustomerName"),
        Calculation = c.Choice<CalculationType>("Calculation"), Target = c.Text("Target"), Amount = c.Long("Amount"), Currency = c.Text("Currency"),
        Lines = c.Json<List<AmountLine>>("Lines", []), Subjects = c.Json<List<string>>("Subjects", []), PeriodStart = c.Day("PeriodStart"),
        PeriodEnd = c.Day("PeriodEnd"), PayableFrom = c.Day("PayableFrom"), PayableUntil = c.DayOrNull("PayableUntil"), Repeatable = c.Flag("Repeatable"),
        Status = c.Choice<CustomerInvoiceStatus>("Status"), PublicToken = c.Text("PublicToken"), CreatedAt = c.Time("CreatedAt"),
        CreatedBy = c.TextOrNull("CreatedBy"), RuleId = c.TextOrNull("RuleId"), PaymentCount = c.Int("PaymentCount"), PaidTotal = c.Long("PaidTotal"),
        PaidAt = c.TimeOrNull("PaidAt"), ArchivedAt = c.TimeOrNull("ArchivedAt"), PaymentIssue = c.TextOrNull("PaymentIssue"),
        PassNames = c.Json<List<string>>("PassNames", []), Declines = c.Int("Declines"), LastDeclinedAt = c.TimeOrNull("LastDeclinedAt"),
    };
}

/// <summary>A customer's money movements (F4): RowKey <c>cledger-{customer id}-{inverted seq}</c>, newest first per customer.</summary>
public sealed class CustomerLedgerRows : RowMapper<CustomerLedgerEntry>
{
    private const string Prefix = "cledger-";

    public override string Key(CustomerLedgerEntry row) => $"{Prefix}{row.CustomerId}-{RowKeys.Inverted(row.Seq)}";
    public override (string From, string To) Range(RowSet<CustomerLedgerEntry> rows) => Prefixed($"{Prefix}{(string)rows.Owner!}-");

    protected override void Write(CustomerLedgerEntry x, Columns c)
    {
        c.Text("CustomerId", x.CustomerId); c.Long("Seq", x.Seq); c.Text("Target", x.Target); c.Long("Amount", x.Amount); c.Text("Currency", x.Currency);
        c.Long("BalanceAfter", x.BalanceAfter); c.Text("Description", x.Description); c.Text("InvoiceId", x.InvoiceId); c.Text("EventId", x.EventId);
        c.Time("Time", x.Time);
    }

    protected override CustomerLedgerEntry Read(Columns c) => new()
    {
        CustomerId = c.Text("CustomerId"), Seq = c.Long("Seq"), Target = c.Text("Target"), Amount = c.Long("Amount"), Currency = c.Text("Currency"),
        BalanceAfter = c.Long("BalanceAfter"), Description = c.Text("Description"), InvoiceId = c.TextOrNull("InvoiceId"), EventId = c.TextOrNull("EventId"),
        Time = c.Time("Time"),
    };
}

/// <summary>A tenant's company details (F7): RowKey <c>company</c>, one per tenant.</summary>
public sealed class CompanyDetailsRows : RowMapper<CompanyDetails>
{
    private const string RowKey = "company";

    public override string Key(CompanyDetails row) => RowKey;
    public override string Key(RowRef<CompanyDetails> row) => RowKey;

    protected override void Write(CompanyDetails x, Columns c)
    {
        c.Text("LegalName", x.LegalName); c.Text("TaxId", x.TaxId); c.Text("Address", x.Address); c.Text("BankDetails", x.BankDetails);
        c.Text("PublicOfferUrl", x.PublicOfferUrl); c.Time("UpdatedAt", x.UpdatedAt);
    }

    protected override CompanyDetails Read(Columns c) => new()
    {
        LegalName = c.TextOrNull("LegalName") ?? "", TaxId = c.TextOrNull("TaxId") ?? "", Address = c.TextOrNull("Address") ?? "",
        BankDetails = c.TextOrNull("BankDetails") ?? "", PublicOfferUrl = c.TextOrNull("PublicOfferUrl") ?? "", UpdatedAt = c.TimeOrNull("UpdatedAt") ?? default,
    };
}

/// <summary>A tenant's message templates (F9): RowKey <c>template-{id}</c>.</summary>
public sealed class MessageTemplateRows : RowMapper<MessageTemplate>
{
    private const string Prefix = "template-";

    public override string Key(MessageTemplate row) => Prefix + row.Id;
    public override string Key(RowRef<MessageTemplate> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<MessageTemplate> rows) => Prefixed(Prefix);

    protected override void Write(MessageTemplate x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("Name", x.Name); c.Text("Subject", x.Subject); c.Text("Body", x.Body); c.Time("UpdatedAt", x.UpdatedAt);
    }

    protected override MessageTemplate Read(Columns c) => new()
    {
        Id = c.Text("Id"), Name = c.Text("Name"), Subject = c.TextOrNull("Subject") ?? "", Body = c.Text("Body"), UpdatedAt = c.Time("UpdatedAt"),
    };
}
