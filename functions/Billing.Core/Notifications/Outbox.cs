using Billing.Core.Accounts;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Notifications;

/// <summary>Builds outbox rows for a state change, and hands committed ones to the delivery queue.</summary>
public sealed class Outbox(IOutboxQueue queue, ILogger<Outbox> log)
{
    public static OutboxMessage Email(Account a, string id, string template, IEnumerable<string?> to, IReadOnlyDictionary<string, string> data, DateTimeOffset now) =>
        new()
        {
            Id = "mail-" + id, Channel = OutboxChannel.Email, Type = template, Language = a.Language, CreatedAt = now,
            To = to.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Data = WithAccount(a, data),
        };

    public static OutboxMessage Event(Account a, string id, string type, IReadOnlyDictionary<string, string> data, DateTimeOffset now) =>
        new() { Id = "event-" + id, Channel = OutboxChannel.Event, Type = type, Language = a.Language, CreatedAt = now, Data = WithAccount(a, data) };

    private static Dictionary<string, string> WithAccount(Account a, IReadOnlyDictionary<string, string> data)
    {
        var all = new Dictionary<string, string>(data) { ["accountId"] = a.Id, ["accountName"] = a.Name, ["currency"] = a.Currency, ["timeZone"] = a.TimeZone };
        return all;
    }

    /// <summary>The rows of a commit that are outbox messages, as queue items.</summary>
    public static IReadOnlyList<OutboxItem> ItemsOf(AccountCommit? commit) =>
        commit?.Rows.Where(r => r.Row is OutboxMessage && r.Write == RowWrite.Insert).Select(r => new OutboxItem(commit.AccountId, ((OutboxMessage)r.Row).Id)).ToList() ?? [];

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
