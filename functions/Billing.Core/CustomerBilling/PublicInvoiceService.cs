using Billing.Core.Accounts;
using Billing.Core.Payments;
using Billing.Core.Payments.Merchants;
using Billing.Core.Storage;
using Billing.Core.Texts;
using Billing.Core.Time;
using Billing.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Billing.Core.CustomerBilling;

public enum Payability { Payable, NotYetOpen, Expired, AlreadyPaid, Archived }

/// <summary>The status a payer reads: an unpaid invoice whose window has ended reads expired, not awaiting payment (F3).</summary>
public enum ShownStatus { AwaitingPayment, Paid, Expired, Archived }

/// <summary>What the public page of an invoice shows (F3, F7).</summary>
public sealed record PublicInvoice(CustomerInvoice Invoice, string AccountId, string TenantName, Language Language, CompanyDetails Company,
    string PublicOfferUrl, Payability Payability)
{
    /// <summary>When its payment window closes: the end of the last payable day in the tenant's zone; null when it has none.</summary>
    public DateTimeOffset? PayableUntil { get; init; }

    public ShownStatus Status =>
        Invoice.Status == CustomerInvoiceStatus.Archived ? ShownStatus.Archived
        : Invoice.Status == CustomerInvoiceStatus.Paid ? ShownStatus.Paid
        : Payability == Payability.Expired ? ShownStatus.Expired
        : ShownStatus.AwaitingPayment;

    /// <summary>A paid repeatable invoice still in its window: the page says paid first and offers paying again second.</summary>
    public bool PaysAgain => Invoice.Status == CustomerInvoiceStatus.Paid && Payability == Payability.Payable;
}

/// <summary>Where a token led: the invoice, or nothing, in the language of the tenant that issued the token when that is known.</summary>
public sealed record PublicInvoiceLookup(PublicInvoice? Found, Language? TenantLanguage);

/// <summary>
/// F3: an invoice reached by its unguessable token, the only key a payer holds: it never leads to another invoice
/// or account (S1). The payability rules are checked here for both the page and the checkout.
/// </summary>
public sealed class PublicInvoiceService(IAccountReader store, IPublicLinks links, MerchantConnections merchants, Checkouts checkouts, CustomerInvoiceService invoices,
    CustomerBillingOptions options, TimeProvider clock, ILogger<PublicInvoiceService> log)
{
    public async Task<PublicInvoiceLookup> LookupAsync(string token, CancellationToken ct)
    {
        // Every miss looks the same, so a probe learns nothing about which part was wrong. Only a token this app issued
        // (160 random bits: held only by someone it was sent to) tells the tenant's language for the "not found" page.
        var link = Ids.IsToken(token) ? await links.FindAsync(token, ct) : null;
        var head = link is null ? null : await store.FindAsync(link.AccountId, ct);
        var invoice = head is null ? null : await store.GetAsync(link!.AccountId, CustomerInvoice.Ref(link.InvoiceId), ct);
        if (invoice is null || invoice.Value.PublicToken != token) return new PublicInvoiceLookup(null, head?.Value.Language);
        var company = (await store.GetAsync(link!.AccountId, CompanyDetails.Ref, ct))?.Value ?? new CompanyDetails();
        var inv = invoice.Value;
        var today = LocalCalendar.Today(clock.GetUtcNow(), head!.Value.TimeZone);
        return new PublicInvoiceLookup(new PublicInvoice(inv, link.AccountId, head.Value.Name, head.Value.Language, company,
            company.PublicOfferUrl.Length > 0 ? company.PublicOfferUrl : options.DefaultPublicOfferUrl, PayabilityOf(inv, today))
        {
            PayableUntil = inv.PayableUntil is { } last ? LocalCalendar.StartOf(last.AddDays(1), head.Value.TimeZone) : null,
        }, head.Value.Language);
    }

    public async Task<PublicInvoice> FindAsync(string token, CancellationToken ct) =>
        (await LookupAsync(token, ct)).Found ?? throw BillingException.NotFound("invoice", "link");

    /// <summary>The F3 rules in order: archived never; paid only when repeatable; only inside the payment window.</summary>
    public static Payability PayabilityOf(CustomerInvoice inv, DateOnly today) =>
        inv.Status == CustomerInvoiceStatus.Archived ? Payability.Archived
        : inv.Status == CustomerInvoiceStatus.Paid && !inv.Repeatable ? Payability.AlreadyPaid
        : inv.PayableUntil is { } until && today > until ? Payability.Expired
        : today < inv.PayableFrom ? Payability.NotYetOpen
        : Payability.Payable;

    /// <summary>"Go to payment": a checkout at the provider for this invoice (and this payment of a repeatable one).</summary>
    public async Task<string> CheckoutAsync(string token, CancellationToken ct)
    {
        var p = await FindAsync(token, ct);
        var inv = p.Invoice;
        switch (p.Payability)
        {
            case Payability.Archived: throw BillingException.Conflict("invoice_archived", $"Invoice {inv.Number} is archived and cannot be paid.");
            case Payability.AlreadyPaid: throw BillingException.Conflict("invoice_already_paid", $"Invoice {inv.Number} is already paid.");
            case Payability.Expired: throw BillingException.Refused("payment_window_expired", Text.Get(p.Language, TextKeys.Pages.Invoice.ExpiredNote));
            case Payability.NotYetOpen: throw BillingException.Refused("payment_window_not_open", $"Invoice {inv.Number} can be paid from {inv.PayableFrom:yyyy-MM-dd}.");
        }
        // F11: the tenant's own provider account takes its customers' money when it connected one; else the vendor's, as before.
        var (provider, merchant) = await merchants.CheckoutProviderAsync(p.AccountId, ct);
        var checkout = await checkouts.OpenAsync(provider, new CheckoutRequest(p.AccountId, inv.Id, inv.Number,
            new Money.Money(inv.Amount, inv.Currency), $"{p.TenantName}: invoice {inv.Number} ({inv.PeriodStart:yyyy-MM-dd}…{inv.PeriodEnd:yyyy-MM-dd})",
            invoices.PublicUrl(inv), inv.CheckoutAttempt) { Merchant = merchant, Language = p.Language, ExpiresAt = p.PayableUntil }, ct);
        log.LogInformation("Checkout {CheckoutId} at {Provider} ({Whose}) for customer invoice {Number} of {AccountId} (attempt {Attempt})",
            checkout.CheckoutId, provider.Name, merchant is null ? "vendor's account" : "tenant's account", inv.Number, p.AccountId, inv.CheckoutAttempt + 1);
        return checkout.Url;
    }
}
