using Billing.Core.Texts;
using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Ledger;
using Billing.Core.Notifications;
using Billing.Core.Services;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Invoices;

/// <summary>
/// G2: the CRM learns an invoice was paid; one event per invoice. G1: an invoice paid from the balance (auto-pay, the
/// admin's word, an operator) is emailed to the admins; money from outside gets its receipt (<see cref="PaymentReceived"/>).
/// </summary>
public sealed record InvoicePaid(Invoice Invoice, long BalanceAfter) : AccountNotice
{
    public override NoticeType Type => NoticeType.InvoicePaid;
    public override string Key => "invoice-paid-" + Invoice.Id;
    public override NoticeAudience Email => Invoice.Status == InvoiceStatus.PaidFromBalance ? NoticeAudience.OwnerAndAdmins : NoticeAudience.Nobody;
    public override System.Text.Json.Nodes.JsonObject Data() => new()
    {
        ["invoiceId"] = Invoice.Id, ["number"] = Invoice.Number, ["kind"] = Json.Names.Of(Invoice.Kind), ["status"] = Json.Names.Of(Invoice.Status),
        ["amount"] = Invoice.Amount, ["currency"] = Invoice.Currency, ["paidBy"] = Invoice.PaidBy ?? "", ["balanceAfter"] = BalanceAfter,
    };
}

/// <summary>G1 receipt: money from outside reached the account (a top-up with its bonus, an offline payment, an invoice paid by checkout).</summary>
public sealed record PaymentReceived(Invoice Invoice, long Bonus, long BalanceAfter, string Via) : AccountNotice
{
    public override NoticeType Type => NoticeType.PaymentReceived;
    public override string Key => "payment-received-" + Invoice.Id;
    public override NoticeAudience Email => NoticeAudience.OwnerAndAdmins;
    public override bool Event => false;
    public override System.Text.Json.Nodes.JsonObject Data() => new()
    {
        ["invoiceId"] = Invoice.Id, ["number"] = Invoice.Number, ["kind"] = Json.Names.Of(Invoice.Kind), ["amount"] = Invoice.Amount,
        ["bonus"] = Bonus, ["bonusPercent"] = Invoice.BonusPercent, ["balanceAfter"] = BalanceAfter, ["via"] = Via,
        ["offline"] = Via == TopUps.TopUpService.OfflineProvider,
    };
}

/// <summary>G1: an invoice to pay was issued (renewal, plan change, external); the admins are emailed, once per invoice.</summary>
public sealed record InvoiceIssued(Invoice Invoice) : AccountNotice
{
    public override NoticeType Type => NoticeType.InvoiceIssued;
    public override string Key => "invoice-issued-" + Invoice.Id;
    public override NoticeAudience Email => NoticeAudience.OwnerAndAdmins;
    public override bool Event => false;
    public override System.Text.Json.Nodes.JsonObject Data() => new()
    {
        ["invoiceId"] = Invoice.Id, ["number"] = Invoice.Number, ["kind"] = Json.Names.Of(Invoice.Kind), ["amount"] = Invoice.Amount,
        ["description"] = Invoice.Description, ["dueDate"] = Invoice.DueDate is { } d ? Day(d) : null,
    };
}

/// <summary>Money for an invoice from outside the balance: a provider's payment, a bank transfer, the ERP's confirmation.</summary>
public sealed record ExternalPayment(string Source, string Reference)
{
    public const string Erp = "erp";

    /// <summary>The entry's description: "Bank transfer wire-42 for INV-000007", "Payment of INV-000007 via ERP, reference act-77"…</summary>
    public string Describe(Account head, string number) => Source switch
    {
        TopUps.TopUpService.OfflineProvider => head.Text(Texts.TextKeys.Ledger.BankTransfer, Reference, number),
        Erp => head.Text(Texts.TextKeys.Ledger.InvoicePaymentReference, number, "ERP", Reference),
        _ => head.Text(Texts.TextKeys.Ledger.InvoicePayment, number, Source),
    };
}

/// <summary>
/// Paying an invoice, from the balance or with money from outside (provider, ERP): the status change, the
/// entries and the settlement, as one set of rows for one transaction.
/// </summary>
public static class InvoicePayment
{
    /// <summary>The event (and, paid from the balance, the email) of a paid invoice, for <paramref name="head"/> as the payment leaves it.</summary>
    public static IEnumerable<RowOp> PaidNotices(Account head, Invoice paid, DateTimeOffset now) => Outbox.Rows(head, new InvoicePaid(paid, head.Balance), now);

    public static async Task<Dictionary<string, Versioned<Service>>> LoadServicesAsync(IAccountReader reader, string accountId, IEnumerable<string> ids, CancellationToken ct)
    {
        var found = new Dictionary<string, Versioned<Service>>();
        foreach (var id in ids)
            if (await reader.GetAsync(accountId, Service.Ref(id), ct) is { } s) found[id] = s;
        return found;
    }

    /// <summary>
    /// <paramref name="external"/> null: from the balance (status paid_from_balance, the settlement's charges are the
    /// payment). Otherwise the money arrives first as an invoice_payment entry naming its source and reference, then the
    /// settlement spends it: a pair of entries with their own idempotency keys.
    /// </summary>
    public static (LedgerPosting Posting, List<RowOp> Rows, Invoice Paid) Build(Account head, Versioned<Invoice> invoice,
        IReadOnlyDictionary<string, Versioned<Service>> services, BillingCatalog catalog, DateTimeOffset now, ExternalPayment? external, string paidBy, string reference)
    {
        var inv = invoice.Value;
        if (!inv.IsUnpaid) throw BillingException.Conflict("invoice_not_payable", head.Text(TextKeys.Problem.InvoiceNotPayable, inv.Number));
        var today = LocalCalendar.Today(now, head.TimeZone);
        var posting = new LedgerPosting(head);
        if (external is not null)
            posting.Post(now, LedgerKind.InvoicePayment, inv.Amount, external.Describe(head, inv.Number),
                [new BreakdownLine("invoice:" + inv.Id, inv.Description, 1, inv.Amount, inv.Amount)], "invoice:" + inv.Id, reference + "-received", external.Reference);
        else if (head.Balance < inv.Amount)
            throw BillingException.Refused("balance_insufficient", head.Text(TextKeys.Problem.BalanceInsufficient, head.Money(head.Balance), inv.Number, head.Money(inv.Amount)));
        var rows = InvoiceSettlement.Settle(posting, inv, services, catalog, today, now, reference);
        var paid = inv with
        {
            Status = external is null ? InvoiceStatus.PaidFromBalance : InvoiceStatus.Paid, PaidAt = now, PaidBy = paidBy,
        };
        rows.Add(new RowOp(paid, RowWrite.Replace, invoice.ETag));
        rows.AddRange(PaidNotices(posting.Head, paid, now));
        if (external is not null) rows.AddRange(Outbox.Rows(posting.Head, new PaymentReceived(paid, 0, posting.Head.Balance, external.Source), now));
        return (posting, rows, paid);
    }
}
