using Billing.Core.Jobs;

namespace Billing.Core.Payments;

/// <summary>Opens a checkout at a provider and remembers it until reconciliation knows how it ended.</summary>
public sealed class Checkouts(ICheckoutIndex index, JobOptions jobs, TimeProvider clock)
{
    public async Task<Checkout> OpenAsync(IPaymentProvider provider, CheckoutRequest request, CancellationToken ct)
    {
        var checkout = await provider.CreateCheckoutAsync(request, ct);
        // After the provider's answer: should this write fail, the payer's retry opens the same checkout and records it then.
        await index.AddAsync(new CheckoutAttempt(provider.Name, checkout.CheckoutId, request.AccountId, request.InvoiceId, request.Amount, clock.GetUtcNow()),
            jobs.ShardCount, ct);
        return checkout;
    }
}
