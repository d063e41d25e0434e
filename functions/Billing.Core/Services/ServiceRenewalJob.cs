using Billing.Core.Invoices;
using Billing.Core.Jobs;
using Billing.Core.Storage;

namespace Billing.Core.Services;

/// <summary>
/// The service job (C7, C8, C10), per account and as of the run: renew or invoice or expire each due service, auto-pay
/// the awaiting invoices C8 allows on their due date, then mark the rest past due as overdue.
/// </summary>
public sealed class ServiceRenewalJob(IAccountReader reader, ServiceManager services, InvoiceService invoices) : IAccountJob
{
    /// <summary>Hourly: services renew on each account's local date; a service already renewed is not due again.</summary>
    public const string Cron = "0 35 * * * *";

    public string Name => JobNames.ServiceRenewal;
    public string Schedule => Cron;

    public async Task<int> RunAsync(string accountId, JobContext job, CancellationToken ct)
    {
        var ids = await reader.ListAsync(accountId, Service.All, ct).Select(s => s.Id).ToListAsync(ct);
        var done = 0;
        foreach (var id in ids)
            if (await services.RenewDueAsync(accountId, id, job.AsOf, ct) is RenewalOutcome.Renewed or RenewalOutcome.RenewedInvoicePaid
                or RenewalOutcome.Invoiced or RenewalOutcome.Expired) done++;
        done += (await invoices.AutoPayAsync(accountId, job.AsOf, ct)).Lines.Count(l => l.Outcome == AutoPayOutcome.Paid);
        done += await invoices.MarkOverdueAsync(accountId, job.AsOf, ct);
        return done;
    }
}
