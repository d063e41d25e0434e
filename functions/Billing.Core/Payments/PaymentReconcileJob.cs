using Billing.Core.Jobs;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Payments;

/// <summary>
/// Issue 15: asks each provider about the checkouts it has not told us the end of, and applies what it says through the one
/// payment path: a paid checkout whose notification was lost is credited (once: the provider names the payment as its
/// notification would), a declined or expired one ends its attempt. Visits only accounts with open checkouts.
/// </summary>
public sealed class PaymentReconcileJob(ICheckoutIndex index, PaymentProviders providers, Merchants.MerchantConnections merchants, PaymentApplication payments,
    ReconcileOptions options, JobOptions jobs, ILogger<PaymentReconcileJob> log) : ISelectiveAccountJob
{
    /// <summary>Every ten minutes: a lost notification is found between 30 and 40 minutes after the checkout opened.</summary>
    public const string Cron = "0 */10 * * * *";

    public string Name => JobNames.PaymentReconcile;
    public string Schedule => Cron;

    public IAsyncEnumerable<string> AccountsAsync(int shard, JobContext job, CancellationToken ct) => index.AccountsAsync(shard, ct);

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var settled = 0;
        await foreach (var attempt in index.ListAsync(accountId, jobs.ShardCount, ct))
        {
            if (attempt.CreatedAt.AddMinutes(options.ReconcileAfterMinutes) > job.AsOf) continue;
            if (providers.Find(attempt.Provider) is not { } provider)
            {
                log.LogWarning("Checkout {CheckoutId} of {AccountId} is at provider {Provider}, which this deployment no longer has", attempt.CheckoutId, accountId, attempt.Provider);
                continue;
            }
            var merchant = await merchants.ForInvoiceAsync(accountId, attempt.InvoiceId, provider.Name, ct);
            var evt = await provider.CheckoutStateAsync(attempt, merchant, ct);
            if (evt is null)
            {
                if (attempt.CreatedAt.AddHours(options.GiveUpAfterHours) <= job.AsOf) await index.RemoveAsync(attempt, jobs.ShardCount, ct);
                continue;
            }
            var result = await payments.ApplyAsync(evt, job.AsOf, ct);
            log.LogInformation("Reconciled checkout {CheckoutId} of {AccountId} invoice {InvoiceId} at {Provider}: {Type} → {Outcome}",
                attempt.CheckoutId, accountId, attempt.InvoiceId, provider.Name, evt.Type, result.Outcome);
            await index.RemoveAsync(attempt, jobs.ShardCount, ct);
            settled++;
        }
        return settled;
    }
}
