using Billing.Core.CustomerBilling;
using Billing.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Payments.Merchants;

/// <summary>Whose keys verified a notification: the vendor's provider account (configuration) or a tenant's own (F11).</summary>
public enum VerifiedWith { Vendor, Tenant }

public sealed record VerifiedWebhook(ProviderEvent Event, VerifiedWith KeysOf);

/// <summary>
/// B4 with F11: which keys verify a provider notification. What it claims (before verification) only chooses the keys:
/// a tenant's customer invoice, of a tenant that connected this provider, is verified with the tenant's keys; everything
/// else with the vendor's. A tenant's keys never verify anything but that tenant's customer invoices: the verified event
/// must name exactly the account and invoice it claimed, so a tenant cannot sign a payment of its own top-up.
/// </summary>
public sealed class WebhookVerification(MerchantConnections merchants, ILogger<WebhookVerification> log)
{
    /// <summary>What the unverified notification names; a provider that cannot read it claims nothing (then the vendor's keys verify).</summary>
    public WebhookClaim Claim(IPaymentProvider provider, WebhookRequest request)
    {
        try { return provider.Claim(request); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogDebug(e, "Provider {Provider} could not read the claim of a notification", provider.Name);
            return new WebhookClaim(null, null);
        }
    }

    /// <summary>The verified event, or <see cref="WebhookRejectedException"/> when no key that may verify it does.</summary>
    public async Task<VerifiedWebhook> VerifyAsync(IPaymentProvider provider, WebhookRequest request, WebhookClaim claim, DateTimeOffset now, CancellationToken ct)
    {
        var merchant = await TenantKeysAsync(provider, claim, ct);
        if (merchant is null) return new VerifiedWebhook(provider.VerifyAndParse(request, null, now), VerifiedWith.Vendor);
        string tenantReason;
        try
        {
            var evt = provider.VerifyAndParse(request, merchant, now);
            if (evt.AccountId == claim.AccountId && evt.InvoiceId == claim.InvoiceId) return new VerifiedWebhook(evt, VerifiedWith.Tenant);
            tenantReason = "the verified event names another account or invoice than it claimed";
        }
        catch (WebhookRejectedException e) { tenantReason = e.Message; }
        // A checkout opened before the tenant connected (or before it changed keys) was taken by the vendor's account, which
        // signs its notifications: the vendor's keys verify those, and they verify everything else already.
        try { return new VerifiedWebhook(provider.VerifyAndParse(request, null, now), VerifiedWith.Vendor); }
        catch (WebhookRejectedException e) { throw new WebhookRejectedException($"tenant's keys: {tenantReason}; vendor's keys: {e.Message}"); }
    }

    private async Task<MerchantCredentials?> TenantKeysAsync(IPaymentProvider provider, WebhookClaim claim, CancellationToken ct) =>
        Ids.IsValid(claim.AccountId) && Ids.IsValid(claim.InvoiceId)
            ? await merchants.ForInvoiceAsync(claim.AccountId!, claim.InvoiceId!, provider.Name, ct)
            : null;
}
