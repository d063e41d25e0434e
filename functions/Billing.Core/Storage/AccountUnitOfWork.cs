using Billing.Core.Accounts;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Storage;

/// <summary>What a decision wants: a commit and the answer to give once it is in, or just an answer.</summary>
public sealed record Decision<T>(AccountCommit? Commit, T Result)
{
    public static Decision<T> NoChange(T result) => new(null, result);
}

/// <summary>Told once after every committed change of an account's balance (D5: restrictions follow at once).</summary>
public interface IBalanceChangeHandler
{
    /// <summary><paramref name="head"/> is the head just committed, so a handler with nothing to do needs no read; <paramref name="at"/> is the command's time.</summary>
    Task OnBalanceChangedAsync(Account head, DateTimeOffset at, CancellationToken ct);
}

/// <summary>What happens after a commit, once, outside the retry: hand outbox rows to their queue.</summary>
public interface ICommitEffects
{
    Task CommittedAsync(AccountCommit commit, CancellationToken ct);
}

/// <summary>Several after-commit effects, in order (the outbox queue, then the operators' indexes).</summary>
public sealed class CommitEffectsChain(IReadOnlyList<ICommitEffects> effects) : ICommitEffects
{
    public async Task CommittedAsync(AccountCommit commit, CancellationToken ct)
    {
        foreach (var effect in effects) await effect.CommittedAsync(commit, ct);
    }
}

/// <summary>
/// Told once after an account is created, and after a commit that changed how people find it (its name or emails): the
/// operators' account search (P2) keeps its index from it. <paramref name="head"/> is the head as stored.
/// </summary>
public interface IAccountProfileHandler
{
    Task OnProfileChangedAsync(Account head, CancellationToken ct);
}

/// <summary>
/// The one commit path (ARCHITECTURE "Unit of work"): load what the decision needs, decide, commit one batch with
/// If-Match, and on a lost race (412) or a row that appeared meanwhile (409) decide again from what is stored now,
/// a bounded number of times with jitter. After-commit effects (outbox dispatch, the balance-change handler) run once,
/// outside the retry: a failing effect is logged and never re-runs the decision. Contention that outlasts the
/// retries is <see cref="BillingException.Busy"/>: 409 account_busy with Retry-After.
/// </summary>
public sealed class AccountUnitOfWork(IAccountStore store, ICommitEffects effects, Func<IEnumerable<IBalanceChangeHandler>> balanceHandlers,
    ILogger<AccountUnitOfWork> log, Func<IEnumerable<IAccountProfileHandler>>? profileHandlers = null, Jobs.IShardIndex? shards = null)
{
    public const int MaxAttempts = 12;
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Reads only: what every use case reads outside its decision.</summary>
    public IAccountReader Reader => store;

    public async Task CreateAsync(Account account, CancellationToken ct)
    {
        await store.CreateAsync(account, ct);
        await ProfileChangedAsync(account, ct);
    }

    /// <summary>A decision over the account (head and satellites merged, read first; committed with If-Match when the decision writes the head).</summary>
    public Task<T> RunAsync<T>(string accountId, DateTimeOffset at, Func<Versioned<Account>, Task<Decision<T>>> decide, CancellationToken ct) =>
        RunOnHeadAsync(accountId, at, (head, _) => decide(head.Merged), ct);

    public Task<T> RunAsync<T>(string accountId, DateTimeOffset at, Func<Versioned<Account>, Decision<T>> decide, CancellationToken ct) =>
        RunAsync(accountId, at, head => Task.FromResult(decide(head)), ct);

    /// <summary>
    /// A decision over the head row and its satellites, for those that write a satellite (reports, usage, the charge).
    /// <c>conflict</c> is why the previous attempt's commit failed (null on the first), so a decision can look at what collided.
    /// </summary>
    /// <remarks>
    /// <paramref name="known"/>: a head read moments ago by the same caller (its previous transaction's read), decided on first
    /// instead of reading again; a stale one only loses its race and is read afresh.
    /// </remarks>
    public Task<T> RunOnHeadAsync<T>(string accountId, DateTimeOffset at, Func<AccountHead, Exception?, Task<Decision<T>>> decide, CancellationToken ct,
        AccountHead? known = null) =>
        RunCoreAsync(accountId, at, async conflict =>
        {
            var head = (conflict is null ? known : null) ?? await store.ReadHeadAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
            return (head.Merged, await decide(head, conflict));
        }, ct);

    /// <summary>A decision over rows of the partition that does not touch the head (no head read, no If-Match on it).</summary>
    public Task<T> RunRowsAsync<T>(string accountId, Func<Task<Decision<T>>> decide, CancellationToken ct) =>
        RunCoreAsync(accountId, default, async _ => ((Versioned<Account>?)null, await decide()), ct);

    private async Task<T> RunCoreAsync<T>(string accountId, DateTimeOffset at, Func<Exception?, Task<(Versioned<Account>? Head, Decision<T> Decision)>> attempt,
        CancellationToken ct)
    {
        Exception? conflict = null;
        for (var n = 1; ; n++)
        {
            var (before, decision) = await attempt(conflict);
            if (decision.Commit is not { } commit) return decision.Result;
            if (commit.AccountId != accountId) throw new InvalidOperationException($"A decision for {accountId} committed to {commit.AccountId}.");
            try
            {
                await store.CommitAsync(commit, ct);
            }
            catch (Exception e) when (e is ConcurrencyException or DuplicateRowException && n < MaxAttempts)
            {
                conflict = e;
                await Task.Delay(Backoff(n), ct);
                continue;
            }
            catch (ConcurrencyException e)
            {
                log.LogWarning("Account {AccountId} busy: {Attempts} decisions lost the race ({Reason})", accountId, n, e.Message);
                throw BillingException.Busy(accountId, RetryAfter);
            }
            catch (DuplicateRowException e)
            {
                // Every decision wrote a row that exists although it read the partition again first: a decision that does not
                // check for its own row. Nothing was written; the caller may retry, and the log names the row to fix.
                log.LogError("Account {AccountId}: {Attempts} decisions collided on row {Row}", accountId, n, e.Row);
                throw BillingException.Busy(accountId, RetryAfter);
            }
            await AfterCommitAsync(before?.Value, commit, at, ct);
            return decision.Result;
        }
    }

    private async Task AfterCommitAsync(Account? before, AccountCommit commit, DateTimeOffset at, CancellationToken ct)
    {
        try { await effects.CommittedAsync(commit, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "After-commit effects of {AccountId} failed; the outbox sweep delivers what was left", commit.AccountId);
        }
        if (before is null || commit.Head is not { } after) return;
        if (after.Name != before.Name || after.OwnerEmail != before.OwnerEmail || !after.AdminEmails.SequenceEqual(before.AdminEmails))
            await ProfileChangedAsync(after, ct);
        if (shards is not null && (after.TimeZone != before.TimeZone || after.ActivatedOn != before.ActivatedOn || after.State != before.State))
        {
            // The daily charge skips accounts whose local day did not end since its last good run; an entry written now is visited next run.
            try { await shards.NoteAsync(after.Shard, after.Id, after.TimeZone, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Shard index entry of {AccountId} not rewritten; the charge visits it at its next local midnight", after.Id);
            }
        }
        if (after.Balance == before.Balance) return;
        foreach (var handler in balanceHandlers())
        {
            try { await handler.OnBalanceChangedAsync(after, at, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The daily re-evaluation records what this missed; the committed change stands.
                log.LogWarning(e, "Balance-change handler {Handler} failed for {AccountId}", handler.GetType().Name, commit.AccountId);
            }
        }
    }

    private async Task ProfileChangedAsync(Account head, CancellationToken ct)
    {
        foreach (var handler in profileHandlers?.Invoke() ?? [])
        {
            try { await handler.OnProfileChangedAsync(head, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The operator-index job re-derives what this missed; the committed change stands.
                log.LogWarning(e, "Profile handler {Handler} failed for {AccountId}", handler.GetType().Name, head.Id);
            }
        }
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * Math.Min(1 << Math.Min(attempt, 6), 50));
}
