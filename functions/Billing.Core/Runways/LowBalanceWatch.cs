using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Storage;

namespace Billing.Core.Runways;

/// <summary>
/// A6 after every committed balance change (top-ups, payments, plan changes, renewals, refunds, adjustments), decided
/// from the head just committed: most changes leave the alert where it was and cost nothing. When a crossing happened,
/// one more commit writes the alert state with its outbox rows. Should that commit be lost (a crash between the two), the
/// next daily charge, which applies the rule inside its own commit, catches it up.
/// </summary>
public sealed class LowBalanceWatch(AccountUnitOfWork uow, ICatalogSource catalog) : IBalanceChangeHandler
{
    public async Task OnBalanceChangedAsync(Account head, DateTimeOffset at, CancellationToken ct)
    {
        var cat = catalog.Current;
        if (!LowBalanceAlerts.Follow(head, cat, at).Changed) return;
        // Decided again from the head as stored now (a commit may have come between), and never changes the balance: no recursion.
        await uow.RunAsync(head.Id, at, fresh =>
        {
            var step = LowBalanceAlerts.Follow(fresh.Value, cat, at);
            return step.Changed ? new Decision<bool>(new AccountCommit(head.Id, step.Head, fresh.ETag, step.Rows), true) : Decision<bool>.NoChange(false);
        }, ct);
    }
}
