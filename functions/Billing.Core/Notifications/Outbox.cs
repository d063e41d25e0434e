using Billing.Core.Accounts;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Notifications;

/// <summary>Builds outbox rows from notices, and hands committed ones to the delivery queue (the unit of work's after-commit effect).</summary>
public sealed class Outbox(IOutboxQueue queue, ILogger<Outbox> log) : ICommitEffects
{
    public static OutboxMessage Email(Account a, AccountNotice notice, IEnumerable<string?> to, DateTimeOffset at) =>
        new()
        {
            Id = "mail-" + notice.Key, Channel = OutboxChannel.Email, Type = notice.Type, Language = a.Language, CreatedAt = at,
            To = to.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Data = WithAccount(a, notice.Data()),
        };

    public static OutboxMessage Event(Account a, AccountNotice notice, DateTimeOffset at) =>
        new() { Id = "event-" + notice.Key, Channel = OutboxChannel.Event, Type = notice.Type, Language = a.Language, CreatedAt = at, Data = WithAccount(a, notice.Data()) };

    /// <summary>The email to the owner and admins and the CRM event of one notice, as rows to insert.</summary>
    public static IEnumerable<RowOp> EmailAndEvent(Account a, AccountNotice notice, IEnumerable<string?> to, DateTimeOffset at)
    {
        var email = Email(a, notice, to, at);
        if (email.To.Count > 0) yield return new RowOp(email, RowWrite.Insert);
        yield return new RowOp(Event(a, notice, at), RowWrite.Insert);
    }

    private static Dictionary<string, string> WithAccount(Account a, IReadOnlyDictionary<string, string> data) =>
        new(data) { ["accountId"] = a.Id, ["accountName"] = a.Name, ["currency"] = a.Currency, ["timeZone"] = a.TimeZone };

    /// <summary>The rows of a commit that are new outbox messages, as queue items.</summary>
    public static IReadOnlyList<OutboxItem> ItemsOf(AccountCommit commit) =>
        commit.Rows.Where(r => r.Row is OutboxMessage && r.Write == RowWrite.Insert).Select(r => new OutboxItem(commit.AccountId, ((OutboxMessage)r.Row).Id)).ToList();

    public Task CommittedAsync(AccountCommit commit, CancellationToken ct) => DispatchAsync(ItemsOf(commit), ct);

    /// <summary>Best effort: a row that misses the queue is found by the outbox sweep job.</summary>
    public async Task DispatchAsync(IReadOnlyList<OutboxItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        try { await queue.EnqueueAsync(items, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not enqueue {Count} outbox messages; the sweep will", items.Count);
        }
    }
}
