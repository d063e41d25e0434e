using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Core.Time;

namespace Billing.Core.Runways;

/// <summary>The head after the low-balance rule looked at it, and the outbox rows to insert in the same commit.</summary>
public sealed record LowBalanceStep(Account Head, IReadOnlyList<RowOp> Rows, bool Changed);

/// <summary>
/// A6: the rule a commit applies to the head it is about to write, wherever the balance or the burn moves: the daily
/// charge and seat and settings changes apply it inside their own decision; every other balance change through
/// <see cref="LowBalanceWatch"/> right after its commit. The state and the notice go in one commit either way.
/// </summary>
public static class LowBalanceAlerts
{
    /// <summary>The most rows one step adds to a commit (an email and an event): commits that fill a batch leave room for them.</summary>
    public const int MaxRows = 2;

    public static LowBalanceStep Follow(Account head, BillingCatalog catalog, DateTimeOffset at)
    {
        var outcome = RunwayCalculator.Of(head, catalog, at);
        if (outcome is RunwayOutcome.NotCharged) return new(head, [], false);
        var (state, notice) = head.LowBalance.Follow(outcome, head.Balance, head.Currency, LocalCalendar.Today(at, head.TimeZone));
        if (state == head.LowBalance) return new(head, [], false);
        var next = head with { LowBalance = state };
        return new(next, notice is null ? [] : [.. Outbox.Rows(next, notice, at)], true);
    }
}
