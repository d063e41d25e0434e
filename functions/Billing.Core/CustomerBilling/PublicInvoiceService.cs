using Billing.Core.Accounts;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Billing.Core.CustomerBilling;

public enum Payability { Payable, NotYetOpen, Expired, AlreadyPaid, Archived }

/// <summary>What the public page of an invoice shows (F3, F7).</summary>
public sealed record PublicInvoice(CustomerInvoice Invoice, string AccountId, string TenantName, Language Language, CompanyDetails Company,
    string PublicOfferUrl, Payability Payability);

/// <summary>
/// F3: an invoice reached by its unguessable token, the only key a payer holds: it never leads to another invoice
/// or account (S1). The payability rules are checked here for both the page and the checkout.
/// </summary>
public sealed class PublicInvoiceService(IAccountReader store, IPublicLinks links, PaymentProviders providers, CustomerInvoiceService invoices, CustomerBillingOptions options,
    TimeProvider clock, ILogger<PublicInvoiceService> log)
{
    public async Task<PublicInvoice> FindAsync(string token, CancellationToken ct)
    {
        // Every miss looks the same, so a probe learns nothing about which part was wrong.
        var link = Ids.IsToken(token) ? await links.FindAsync(token, ct) : null;
        var invoice = link is null ? null : await store.GetAsync(link.AccountId, CustomerInvoice.Ref(link.InvoiceId), ct);
        var head = invoice is null ? null : await store.FindAsync(link!.AccountId, ct);
        if (invoice is null || head is null || invoice.Value.PublicToken != token) throw BillingException.NotFound("invoice", "link");
        var company = (await store.GetAsync(link!.AccountId, CompanyDetails.Ref, ct))?.Value ?? new CompanyDetails();
        var inv = invoice.Value;
        var today = LocalCalendar.Today(clock.GetUtcNow(), head.Value.TimeZone);
        return new PublicInvoice(inv, link.AccountId, head.Value.Name, head.Value.Language, company,
            company.PublicOfferUrl.Length > 0 ? company.PublicOfferUrl : options.DefaultPublicOfferUrl, PayabilityOf(inv, today));
    }

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
            case Payability.Expired: throw BillingException.Refused("payment_window_expired", PublicTexts.Expired(p.Language));
            case Payability.NotYetOpen: throw BillingException.Refused("payment_window_not_open", $"Invoice {inv.Number} can be paid from {inv.PayableFrom:yyyy-MM-dd}.");
        }
        var checkout = await providers.Current.CreateCheckoutAsync(new CheckoutRequest(p.AccountId, inv.Id, inv.Number,
            new Money.Money(inv.Amount, inv.Currency), $"{p.TenantName}: invoice {inv.Number} ({inv.PeriodStart:yyyy-MM-dd}…{inv.PeriodEnd:yyyy-MM-dd})",
            invoices.PublicUrl(inv), inv.PaymentCount), ct);
        log.LogInformation("Checkout {CheckoutId} for customer invoice {Number} of {AccountId} (payment {Attempt})",
            checkout.CheckoutId, inv.Number, p.AccountId, inv.PaymentCount + 1);
        return checkout.Url;
    }
}

/// <summary>The words of the public page that rules depend on, in the tenant's language.</summary>
public static class PublicTexts
{
    public static string Expired(Language language) => language switch
    {
        Language.Ru => "Срок оплаты счета истек, обратитесь к администратору",
        Language.Uk => "Термін оплати рахунку минув, зверніться до адміністратора",
        _ => "The payment period of this invoice has expired, please contact the administrator",
    };
}
