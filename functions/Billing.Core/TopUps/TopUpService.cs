using Billing.Core.Texts;
using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Invoices;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Core.Validation;

namespace Billing.Core.TopUps;

public sealed record TopUpRequest(long Amount, string ActingUserId, Role Role, string? ReturnUrl);

public sealed record TopUpCreated(Invoice Invoice, string CheckoutUrl);

/// <summary>One step of the prepayment bonus (B3) for an account: at least <see cref="MinAmount"/> (that many months of its plan) earns the percent.</summary>
public sealed record BonusStep(int MinMonths, int Percent, long MinAmount);

/// <summary>What an account may top up now (B2, B3): the limits, the plan's month price the bonus is measured in, and the bonus steps, lowest first.</summary>
public sealed record TopUpTerms(string Currency, long Min, long Max, long PlanMonthlyPrice, IReadOnlyList<BonusStep> Bonuses)
{
    /// <summary>The first step above <paramref name="percent"/> that a top-up within the limits reaches, or null.</summary>
    public BonusStep? NextAbove(int percent) => Bonuses.FirstOrDefault(b => b.Percent > percent && b.MinAmount > 0 && b.MinAmount <= Max);
}

/// <summary>Top-ups (B1–B3): a quote with its bonus, then a top-up invoice and a checkout at the provider.</summary>
public sealed class TopUpService(AccountUnitOfWork uow, ICatalogSource catalog, PaymentProviders providers, Checkouts checkouts, PaymentApplication payments, TimeProvider clock,
    Audit.AuditTrail audit)
{
    public async Task<BonusQuote> QuoteAsync(string accountId, long amount, CancellationToken ct)
    {
        var head = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        return Quote(head.Value, amount);
    }

    public async Task<TopUpTerms> TermsAsync(string accountId, CancellationToken ct)
    {
        var head = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        return Terms(head.Value);
    }

    /// <summary>B1: only an owner or admin tops up; anyone else gets 403 <c>top_up_forbidden</c>, before anything is written.</summary>
    public static void RequirePayer(Role role)
    {
        if (role is not (Role.Owner or Role.Admin))
            throw BillingException.Forbidden("top_up_forbidden", new Says(TextKeys.Problem.TopUpForbidden));
    }

    public async Task<TopUpCreated> CreateAsync(string accountId, TopUpRequest request, string? idempotencyKey, CancellationToken ct)
    {
        RequirePayer(request.Role);
        // With an idempotency key the invoice id is derived from it, so a retry after a crash finds the same invoice.
        var invoiceId = idempotencyKey is null ? Ids.New("inv") : Ids.FromKey("inv", accountId + "/" + idempotencyKey);

        var invoice = await EnsureInvoiceAsync(accountId, invoiceId, request.Amount, request.ActingUserId, providers.Current.Name, ct, payerTopUp: true);

        var url = await AttachCheckoutAsync(accountId, invoice, request.ReturnUrl, ct);
        var stored = await uow.Reader.GetAsync(accountId, Invoice.Ref(invoice.Id), ct);
        return new TopUpCreated(stored?.Value ?? invoice, url);
    }

    /// <summary>C10: the provider checkout of an unpaid account invoice; never an ERP invoice, which only the ERP completes (B7).</summary>
    public async Task<(Invoice Invoice, string CheckoutUrl)> CheckoutInvoiceAsync(string accountId, string invoiceId, string? returnUrl, CancellationToken ct)
    {
        var invoice = (await uow.Reader.GetAsync(accountId, Invoice.Ref(Ids.Require(invoiceId, "invoice")), ct) ?? throw BillingException.NotFound("invoice", invoiceId)).Value;
        if (!invoice.IsUnpaid) throw BillingException.Conflict("invoice_not_payable", new Says(TextKeys.Problem.InvoiceNotPayable, invoice.Number));
        if (invoice.ExternalErp) throw BillingException.Refused("erp_invoice", $"Invoice {invoice.Number} is completed by the external ERP.");
        return (invoice, await AttachCheckoutAsync(accountId, invoice, returnUrl, ct));
    }

    /// <summary>
    /// The provider checkout for an unpaid invoice (top-up, renewal, plan change), created once and stored on the invoice
    /// with If-Match, so a concurrent payment's status change is never overwritten.
    /// </summary>
    public async Task<string> AttachCheckoutAsync(string accountId, Invoice invoice, string? returnUrl, CancellationToken ct)
    {
        if (invoice.CheckoutUrl is { } url) return url;
        var provider = providers.Current;
        // The payer reads the provider's page in the account's language where the provider has it.
        var language = (await uow.Reader.FindAsync(accountId, ct))?.Value.Language ?? Accounts.Language.En;
        var checkout = await checkouts.OpenAsync(provider, new CheckoutRequest(accountId, invoice.Id, invoice.Number,
            new Money.Money(invoice.Amount, invoice.Currency), invoice.Description, returnUrl ?? "", invoice.CheckoutAttempt) { Language = language }, ct);
        return await uow.RunRowsAsync(accountId, async () =>
        {
            var stored = await uow.Reader.GetAsync(accountId, Invoice.Ref(invoice.Id), ct)
                ?? throw new InvalidOperationException($"Invoice {invoice.Id} vanished.");
            if (stored.Value.CheckoutUrl is { } known) return Decision<string>.NoChange(known);
            var withCheckout = stored.Value with { CheckoutId = checkout.CheckoutId, CheckoutUrl = checkout.Url, Provider = provider.Name };
            return new Decision<string>(AccountCommit.RowsOnly(accountId, new RowOp(withCheckout, RowWrite.Replace, stored.ETag)), checkout.Url);
        }, ct);
    }

    /// <summary>
    /// B6: a bank transfer recorded by an operator is received like a webhook payment: a top-up invoice (named by
    /// the transfer's reference, so recording it twice is harmless) paid through the same payment path. P2: audited right
    /// after it was applied (the invoice, the shared payment path and auto-pay are several commits, none of them the
    /// operator's alone); a repeat that finds the transfer already applied did nothing and records nothing.
    /// </summary>
    public async Task<PaymentResult> RecordOfflineAsync(string accountId, Money.Money amount, string reference, string? invoiceId,
        Audit.OperatorAct act, CancellationToken ct)
    {
        var operatorId = act.Actor.Display;
        if (reference.Length is 0 or > 100 || reference.Any(char.IsControl))
            throw BillingException.Invalid("reference_invalid", "The payment reference must be 1 to 100 printable characters.");
        var account = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        if (amount.Currency != account.Value.Currency)
            throw BillingException.Invalid("currency_mismatch", $"The account is billed in {account.Value.Currency}, not {amount.Currency} (A1).");
        var id = invoiceId ?? Ids.FromKey("inv", accountId + "/offline/" + reference);
        if (invoiceId is null) await EnsureInvoiceAsync(accountId, id, amount.Minor, operatorId, OfflineProvider, ct);
        else if (await uow.Reader.GetAsync(accountId, Invoice.Ref(id), ct) is null) throw BillingException.NotFound("invoice", id);
        var evt = new ProviderEvent(OfflineProvider, reference, ProviderEventType.PaymentSucceeded, accountId, id, amount, null);
        var now = clock.GetUtcNow();
        var result = await payments.ApplyAsync(evt, now, ct);
        if (result.Outcome != PaymentOutcome.AlreadyApplied)
            await audit.RecordAsync(Audit.AuditEntry.New(act, Audit.AuditAction.OfflinePayment, now, accountId, id,
                new System.Text.Json.Nodes.JsonObject { ["balance"] = account.Value.Balance },
                new System.Text.Json.Nodes.JsonObject
                {
                    ["balance"] = result.Balance, ["outcome"] = Json.Names.Of(result.Outcome), ["amount"] = amount.Minor, ["currency"] = amount.Currency,
                    ["reference"] = reference, ["invoiceId"] = id,
                }), ct);
        return result;
    }

    public const string OfflineProvider = "offline";

    /// <param name="payerTopUp">A payer's top-up, which a deleted or purged account refuses (a bank transfer that already happened is still received).</param>
    private Task<Invoice> EnsureInvoiceAsync(string accountId, string invoiceId, long amount, string createdBy, string providerName, CancellationToken ct,
        bool payerTopUp = false)
    {
        var now = clock.GetUtcNow();
        return uow.RunAsync(accountId, now, async head =>
        {
            var existing = await uow.Reader.GetAsync(accountId, Invoice.Ref(invoiceId), ct);
            if (existing is not null) return Decision<Invoice>.NoChange(existing.Value);
            if (payerTopUp && head.Value.State is AccountState.Deleted or AccountState.Purged)
                throw BillingException.Conflict("account_deleted",
                    head.Value.Text(Texts.TextKeys.TopUp.AccountDeleted, head.Value.Text(Texts.TextKeys.State.Of(Json.Names.Of(head.Value.State)))));
            var quote = Quote(head.Value, amount);
            var (next, number) = head.Value.NextInvoiceNumber();
            var created = new Invoice
            {
                Id = invoiceId, AccountId = accountId, Number = number, Kind = InvoiceKind.TopUp,
                Amount = amount, Currency = head.Value.Currency, Bonus = quote.Bonus, BonusPercent = quote.Percent,
                Description = quote.Bonus > 0 ? head.Value.Text(Texts.TextKeys.Invoice.TopUpBonus, head.Value.Money(amount), quote.Percent)
                    : head.Value.Text(Texts.TextKeys.Invoice.TopUp, head.Value.Money(amount)),
                CreatedAt = now, CreatedBy = createdBy, Provider = providerName,
            };
            return new Decision<Invoice>(new AccountCommit(accountId, next, head.ETag, [new RowOp(created, RowWrite.Insert)]), created);
        }, ct);
    }

    private BonusQuote Quote(Account account, long amount)
    {
        var terms = Terms(account);
        if (amount <= 0) throw BillingException.Invalid("amount_not_positive", "The amount must be a positive number of minor units.");
        if (amount < terms.Min || amount > terms.Max)
            throw BillingException.Refused("amount_out_of_range", account.Text(TextKeys.Problem.TopUpAmountOutOfRange, account.Money(terms.Min), account.Money(terms.Max)));
        return BonusCalculator.Quote(amount, terms.PlanMonthlyPrice, catalog.Current.PrepaymentBonuses);
    }

    private TopUpTerms Terms(Account account)
    {
        var cat = catalog.Current;
        var plan = cat.Plan(account.PlanId);
        var monthly = plan.TierFor(account.Charging.SeatsInUse).Tier.Monthly.For(account.Currency, $"plan {plan.Id}");
        var steps = cat.PrepaymentBonuses.OrderBy(b => b.MinMonths).Select(b => new BonusStep(b.MinMonths, b.Percent, monthly * b.MinMonths)).ToList();
        return new TopUpTerms(account.Currency, cat.TopUp.Min.For(account.Currency, "top-up minimum"), cat.TopUp.Max.For(account.Currency, "top-up maximum"), monthly, steps);
    }
}
