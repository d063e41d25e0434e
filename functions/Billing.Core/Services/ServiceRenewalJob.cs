using Billing.Core.Invoices;
using Billing.Core.Jobs;
using Billing.Core.Storage;

namespace Billing.Core.Services;

/// <summary>
/// The daily service job (C7, C8, C10), per account: renew or invoice or expire each due service, auto-pay the
/// awaiting invoices C8 allows on their due date, then mark the rest past due as overdue.
/// </summary>
public sealed class ServiceRenewalJob(IAccountStore store, ServiceManager services, InvoiceService invoices) : IAccountJob
{
    public string Name => JobNames.ServiceRenewal;

    public async Task<int> RunAsync(string accountId, DateTimeOffset asOf, CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var s in store.ServicesAsync(accountId, ct)) ids.Add(s.Id);
        var done = 0;
        foreach (var id in ids)
            if (await services.RenewDueAsync(accountId, id, ct) is not ("not_due" or "skipped" or "awaiting_payment")) done++;
        done += (await invoices.AutoPayAsync(accountId, dueOnly: true, ct)).Paid.Count;
        done += await invoices.MarkOverdueAsync(accountId, ct);
        return done;
    }
}
