using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Billing.Core.CustomerBilling;

/// <summary>An invoice a tenant's user asks for (F2). Amount and period are the caller's only for <c>manual</c>.</summary>
public sealed record CustomerInvoiceRequest(string CustomerId, CalculationType Calculation, string? Target, long? Amount,
    DateOnly? PeriodStart, DateOnly? PeriodEnd, PeriodUnit? Period, DateOnly? PayableUntil, bool Repeatable, string? CreatedBy);

/// <summary>Everything an invoice will be, decided before its number is taken.</summary>
public sealed record InvoiceDraft(string Id, Customer Customer, CalculationType Calculation, TargetAccount Target, Calculated Amount,
    Period Period, DateOnly PayableFrom, DateOnly? PayableUntil, bool Repeatable, string? CreatedBy, string? RuleId);

public sealed record CustomerInvoiceQuery(CustomerInvoiceStatus? Status, string? CustomerId, CalculationType? Calculation, string? RuleId);

/// <summary>F2, F6: issue a tenant's invoices to its customers, list them, archive them in bulk.</summary>
public sealed class CustomerInvoiceService(AccountUnitOfWork uow, IPublicLinks links, CustomerService customers, CustomerBillingOptions options, Hosting.ApiOptions api,
    TimeProvider clock, ILogger<CustomerInvoiceService> log, Money.MoneyOptions? money = null)
{
    private readonly Money.MoneyOptions _money = money ?? new();

    public const int MaxArchiveIds = 500;

    public async Task<CustomerInvoice> CreateAsync(string accountId, CustomerInvoiceRequest r, string? idempotencyKey, CancellationToken ct)
    {
        var head = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        var customer = (await customers.GetAsync(accountId, r.CustomerId, ct)).Value;
        var today = LocalCalendar.Today(clock.GetUtcNow(), head.Value.TimeZone);
        var target = TargetAccount.Parse(r.Target);
        target.Validate(customer);
        var (amount, period) = r.Calculation switch
        {
            CalculationType.Manual => Manual(r, customer, target),
            CalculationType.Forecast => Forecast(r, customer, target, today),
            _ => Subscription(r, customer, target, today),
        };
        if (r.PayableUntil is { } until && until < today)
            throw Invalid("payableUntil", "payable_until_past", "The payment window cannot end before today.");
        var id = idempotencyKey is null ? Ids.New(CustomerInvoice.IdPrefix) : Ids.FromKey(CustomerInvoice.IdPrefix, accountId + "/cinvoice/" + idempotencyKey);
        var draft = new InvoiceDraft(id, customer, r.Calculation, target, amount, period, today, r.PayableUntil, r.Repeatable, r.CreatedBy, null);
        return (await IssueAsync(accountId, draft, _ => [], ct)).Invoice;
    }

    /// <summary>
    /// Takes the tenant's next number and writes the invoice with <paramref name="extraRows"/> in one transaction.
    /// The public token is indexed first; a repeat of the same id finds the invoice and changes nothing (callers that
    /// repeat often, the mailing runs, check for the invoice first).
    /// </summary>
    public async Task<(CustomerInvoice Invoice, bool Created)> IssueAsync(string accountId, InvoiceDraft d, Func<CustomerInvoice, IEnumerable<RowOp>> extraRows,
        CancellationToken ct)
    {
        // A repeat of an id already issued leaves this link unused: a lookup checks the invoice's own token, so it leads nowhere.
        var token = Ids.Token();
        await links.AddAsync(new PublicLink(token, accountId, d.Id), ct);
        var now = clock.GetUtcNow();
        return await uow.RunAsync(accountId, now, async head =>
        {
            var again = await uow.Reader.GetAsync(accountId, CustomerInvoice.Ref(d.Id), ct);
            if (again is not null) return Decision<(CustomerInvoice, bool)>.NoChange((again.Value, false));
            var (next, number) = head.Value.NextCustomerInvoiceNumber();
            var invoice = new CustomerInvoice
            {
                Id = d.Id, Number = number, CustomerId = d.Customer.Id, CustomerName = d.Customer.Name,
                Calculation = d.Calculation, Target = d.Target.Key, Amount = d.Amount.Amount, Currency = head.Value.Currency,
                Lines = d.Amount.Lines, Subjects = d.Amount.Subjects, PassNames = d.Amount.Passes, PeriodStart = d.Period.Start, PeriodEnd = d.Period.End,
                PayableFrom = d.PayableFrom, PayableUntil = d.PayableUntil, Repeatable = d.Repeatable, PublicToken = token,
                CreatedAt = now, CreatedBy = d.CreatedBy, RuleId = d.RuleId,
            };
            var rows = new List<RowOp> { new(invoice, RowWrite.Insert) };
            rows.AddRange(extraRows(invoice));
            log.LogInformation("Customer invoice {Number} ({Calculation}) of {AccountId} for customer {CustomerId}: {Amount}",
                invoice.Number, invoice.Calculation, accountId, invoice.CustomerId, head.Value.Money(invoice.Amount));
            return new Decision<(CustomerInvoice, bool)>(new AccountCommit(accountId, next, head.ETag, rows), (invoice, true));
        }, ct);
    }

    public async Task<Versioned<CustomerInvoice>> GetAsync(string accountId, string invoiceId, CancellationToken ct) =>
        await uow.Reader.GetAsync(accountId, CustomerInvoice.Ref(Ids.Require(invoiceId, "invoice")), ct)
        ?? throw BillingException.NotFound("invoice", invoiceId);

    public Task<Page<CustomerInvoice>> ListAsync(string accountId, CustomerInvoiceQuery q, int pageSize, string? token, CancellationToken ct)
    {
        var filters = new List<RowFilter>();
        if (q.Status is { } s) filters.Add(new RowFilter(nameof(CustomerInvoice.Status), FilterOp.Eq, s));
        if (q.CustomerId is { } c) filters.Add(new RowFilter(nameof(CustomerInvoice.CustomerId), FilterOp.Eq, c));
        if (q.Calculation is { } k) filters.Add(new RowFilter(nameof(CustomerInvoice.Calculation), FilterOp.Eq, k));
        if (q.RuleId is { } r) filters.Add(new RowFilter(nameof(CustomerInvoice.RuleId), FilterOp.Eq, r));
        return uow.Reader.PageAsync(accountId, CustomerInvoice.All, filters, pageSize, token, ct);
    }

    /// <summary>The invoice's public link (F3), on the configured base: never on a host a request named (S1).</summary>
    public string PublicUrl(CustomerInvoice invoice) =>
        $"{(options.PublicBaseUrl is { Length: > 0 } links ? links : api.PublicBaseUrl).TrimEnd('/')}/api/pay/{invoice.PublicToken}";

    /// <summary>
    /// F6: archives the given invoices, or every unpaid one. Irreversible; one protocol line per invoice. Each invoice
    /// is its own If-Match write, so a payment landing meanwhile wins and the line says "paid".
    /// </summary>
    public async Task<IReadOnlyList<ArchiveLine>> ArchiveAsync(string accountId, IReadOnlyList<string>? invoiceIds, CancellationToken ct)
    {
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        if (invoiceIds is { Count: > MaxArchiveIds }) throw BillingException.Invalid("too_many_invoices", $"At most {MaxArchiveIds} invoices per request; or archive all.");
        var ids = invoiceIds ?? await AllUnpaidAsync(accountId, ct);
        var lines = new ArchiveLine[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => lines[i] = await ArchiveOneAsync(accountId, ids[i], token));
        log.LogInformation("Archive of {AccountId}: {Archived} archived, {Refused} refused", accountId,
            lines.Count(l => l.Result == ArchiveResult.Archived), lines.Count(l => l.Result != ArchiveResult.Archived));
        return lines;
    }

    private async Task<List<string>> AllUnpaidAsync(string accountId, CancellationToken ct)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await ListAsync(accountId, new CustomerInvoiceQuery(CustomerInvoiceStatus.AwaitingPayment, null, null, null), 1000, token, ct);
            ids.AddRange(page.Items.Select(i => i.Id));
            token = page.ContinuationToken;
        } while (token is not null);
        return ids;
    }

    private Task<ArchiveLine> ArchiveOneAsync(string accountId, string invoiceId, CancellationToken ct)
    {
        if (!Ids.IsValid(invoiceId)) return Task.FromResult(new ArchiveLine(invoiceId.Length > 64 ? invoiceId[..64] : invoiceId, null, ArchiveResult.NotFound));
        // Paid or archived meanwhile: the unit of work reads again and the line reports that.
        return uow.RunRowsAsync(accountId, async () =>
        {
            var found = await uow.Reader.GetAsync(accountId, CustomerInvoice.Ref(invoiceId), ct);
            if (found is null) return Decision<ArchiveLine>.NoChange(new ArchiveLine(invoiceId, null, ArchiveResult.NotFound));
            var inv = found.Value;
            if (inv.Status == CustomerInvoiceStatus.Archived) return Decision<ArchiveLine>.NoChange(new ArchiveLine(inv.Id, inv.Number, ArchiveResult.AlreadyArchived));
            if (inv.Status == CustomerInvoiceStatus.Paid) return Decision<ArchiveLine>.NoChange(new ArchiveLine(inv.Id, inv.Number, ArchiveResult.PaidCannotBeArchived));
            var archived = inv with { Status = CustomerInvoiceStatus.Archived, ArchivedAt = clock.GetUtcNow() };
            return new Decision<ArchiveLine>(AccountCommit.RowsOnly(accountId, new RowOp(archived, RowWrite.Replace, found.ETag)),
                new ArchiveLine(inv.Id, inv.Number, ArchiveResult.Archived));
        }, ct);
    }

    private (Calculated, Period) Manual(CustomerInvoiceRequest r, Customer c, TargetAccount target)
    {
        var amount = r.Amount ?? throw Invalid("amount", "field_missing", "'amount' is required for a manual invoice.");
        if (amount <= 0 || amount > _money.MaxAmountMinor) throw Invalid("amount", "amount_invalid", $"'amount' must be 1 to {_money.MaxAmountMinor} minor units.");
        var start = r.PeriodStart ?? throw Invalid("periodStart", "field_missing", "'periodStart' is required for a manual invoice.");
        var end = r.PeriodEnd ?? throw Invalid("periodEnd", "field_missing", "'periodEnd' is required for a manual invoice.");
        if (end < start) throw Invalid("periodEnd", "period_invalid", "'periodEnd' is before 'periodStart'.");
        return (Calculated.Set(amount, "Amount set by the tenant", c, target), new Period(start, end));
    }

    private static (Calculated, Period) Forecast(CustomerInvoiceRequest r, Customer c, TargetAccount target, DateOnly today)
    {
        if (r.Amount is not null) throw BillingException.Refused("forecast_amount_fixed", "A forecast invoice's amount is calculated and cannot be set.");
        if (r.PeriodStart is { } s && s != today)
            throw BillingException.Refused("forecast_period_start_fixed", $"A forecast invoice's period starts on the day it is issued ({today:yyyy-MM-dd}).");
        var period = r.PeriodEnd is { } end
            ? end >= today ? new Period(today, end) : throw Invalid("periodEnd", "period_invalid", "'periodEnd' is before today.")
            : Periods.StartingOn(today, r.Period ?? PeriodUnit.Month);
        var calc = InvoiceAmounts.Forecast(c, target, period);
        if (calc.Amount <= 0) throw BillingException.Refused("nothing_to_pay", $"The forecast for {period.Start:yyyy-MM-dd}…{period.End:yyyy-MM-dd} is covered by the {target.Describe(c)}.");
        return (calc, period);
    }

    private static (Calculated, Period) Subscription(CustomerInvoiceRequest r, Customer c, TargetAccount target, DateOnly today)
    {
        if (r.Amount is not null) throw BillingException.Refused("subscription_amount_fixed", "A subscription invoice's amount is the pass price and cannot be set.");
        var start = r.PeriodStart ?? today;
        var period = r.PeriodEnd is { } end
            ? end >= start ? new Period(start, end) : throw Invalid("periodEnd", "period_invalid", "'periodEnd' is before 'periodStart'.")
            : Periods.StartingOn(start, r.Period ?? PeriodUnit.Month);
        var calc = InvoiceAmounts.Subscription(c, target);
        if (calc.Amount <= 0) throw BillingException.Refused("nothing_to_pay", $"The {target.Describe(c)} has no priced pass.");
        return (calc, period);
    }

    private static BillingException Invalid(string field, string code, string message) =>
        BillingException.Invalid(code, message, new Dictionary<string, string[]> { [field] = [message] });
}

public enum ArchiveResult { Archived, AlreadyArchived, PaidCannotBeArchived, NotFound }

/// <summary>One line of the archive protocol (F6).</summary>
public sealed record ArchiveLine(string InvoiceId, string? Number, ArchiveResult Result);
