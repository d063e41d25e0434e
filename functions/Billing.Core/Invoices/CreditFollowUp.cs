using Billing.Core.Accounts;

namespace Billing.Core.Invoices;

/// <summary>
/// What money reaching the balance allows, once its commit is in (B5, E2): unpaid invoices whose auto-pay moment has come are
/// paid, those the balance covers are offered, and a scheduled deletion ends (a balance above zero ends candidacy). A
/// provider's payment, an offline payment, an operator's positive adjustment and a flag credited to the balance all run it;
/// restrictions follow every balance change by themselves (the unit of work's balance handler, D5).
/// </summary>
public sealed class CreditFollowUp(InvoiceService invoices, Deletion.DeletionService deletion)
{
    /// <param name="head">The head the crediting commit stored: auto-pay reads its unpaid list instead of the partition.</param>
    public async Task<AutoPayReport> AfterCreditAsync(Account head, DateTimeOffset now, string trigger, CancellationToken ct)
    {
        var report = await invoices.AutoPayAsync(head.Id, now, ct, head);
        if (head.State == AccountState.DeletionScheduled) await deletion.RecheckAsync(head.Id, trigger, now, ct);
        return report;
    }
}
