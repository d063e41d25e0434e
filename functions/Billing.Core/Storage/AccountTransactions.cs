using Billing.Core.Accounts;

namespace Billing.Core.Storage;

/// <summary>Told after every committed change of an account's balance (D5: restrictions follow at once).</summary>
public interface IBalanceChangeHandler
{
    /// <summary><paramref name="head"/> is the head just committed, so a handler with nothing to do needs no read.</summary>
    Task OnBalanceChangedAsync(Accounts.Account head, CancellationToken ct);
}

/// <summary>What a decision wants: a commit and the answer to give once it is in, or just an answer.</summary>
public sealed record Decision<T>(AccountCommit? Commit, T Result)
{
    public static Decision<T> NoChange(T result) => new(null, result);
}

/// <summary>
/// Read the head, decide, commit with If-Match; on a lost race (412) or a row that appeared meanwhile (409)
/// read again and decide again. Bounded, with jitter, so hot accounts cannot spin forever. Outbox rows a commit
/// wrote (emails, CRM events) are handed to their queue once it is in.
/// </summary>
public sealed class AccountTransactions(IAccountStore store, Notifications.Outbox? outbox = null, IBalanceChangeHandler? balanceChanged = null)
{
    public const int MaxAttempts = 12;

    public IAccountStore Store => store;

    public async Task<T> RunAsync<T>(string accountId, Func<Versioned<Account>, Task<Decision<T>>> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var head = await store.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
            var decision = await decide(head);
            if (decision.Commit is null) return decision.Result;
            try
            {
                await store.CommitAsync(decision.Commit, ct);
                if (outbox is not null) await outbox.DispatchAsync(Notifications.Outbox.ItemsOf(decision.Commit), ct);
                if (balanceChanged is not null && decision.Commit.Head is { } next && next.Balance != head.Value.Balance)
                    await balanceChanged.OnBalanceChangedAsync(next, ct);
                return decision.Result;
            }
            catch (Exception e) when (e is ConcurrencyException or DuplicateRowException && attempt < MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), ct);
            }
        }
    }

    public Task<T> RunAsync<T>(string accountId, Func<Versioned<Account>, Decision<T>> decide, CancellationToken ct) =>
        RunAsync(accountId, head => Task.FromResult(decide(head)), ct);

    /// <summary>
    /// For multi-commit work (a job catching up several days): on a lost race the whole piece starts again from
    /// what is stored, a bounded number of times.
    /// </summary>
    public static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await work(); }
            catch (Exception e) when (e is ConcurrencyException or DuplicateRowException && attempt < MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), ct);
            }
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * Math.Min(1 << Math.Min(attempt, 6), 50));
}
