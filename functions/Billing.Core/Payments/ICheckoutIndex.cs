namespace Billing.Core.Payments;

/// <summary>
/// Checkouts opened at providers and not yet settled (issue 15, reconciliation): kept by the account's job shard, so the
/// reconciliation run visits only the accounts that have one. An entry leaves when reconciliation has its outcome.
/// </summary>
public interface ICheckoutIndex
{
    /// <summary>Idempotent: opening the same checkout again keeps one entry.</summary>
    Task AddAsync(CheckoutAttempt attempt, int shardCount, CancellationToken ct);

    IAsyncEnumerable<string> AccountsAsync(int shard, CancellationToken ct);

    IAsyncEnumerable<CheckoutAttempt> ListAsync(string accountId, int shardCount, CancellationToken ct);

    Task RemoveAsync(CheckoutAttempt attempt, int shardCount, CancellationToken ct);
}
