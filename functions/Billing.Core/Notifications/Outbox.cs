using System.Text.Json.Nodes;
using Billing.Core.Accounts;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Notifications;

/// <summary>Builds outbox rows from notices, and hands committed ones to the delivery queue (the unit of work's after-commit effect).</summary>
public sealed class Outbox(IOutboxQueue queue, ILogger<Outbox> log) : ICommitEffects
{
    /// <summary>The version of the event body and data (README "Events"); a change that breaks a reader raises it.</summary>
    public const int EventVersion = 1;

    public static OutboxMessage Email(Account a, AccountNotice notice, IEnumerable<string?> to, DateTimeOffset at) =>
        new()
        {
            Id = "mail-" + notice.Key, Channel = OutboxChannel.Email, Type = notice.Type, Language = a.Language, CreatedAt = at,
            To = to.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Data = Flat(WithAccount(a, notice.Data())),
        };

    public static OutboxMessage Event(Account a, AccountNotice notice, DateTimeOffset at) =>
        new()
        {
            Id = "event-" + notice.EventKey, Channel = OutboxChannel.Event, Type = notice.Type, Language = a.Language, CreatedAt = at,
            Payload = notice.Data(), Version = EventVersion,
        };

    /// <summary>The email (to the notice's audience) and the CRM event of one notice, as rows to insert.</summary>
    public static IEnumerable<RowOp> Rows(Account a, AccountNotice notice, DateTimeOffset at)
    {
        IEnumerable<string?> to = notice.Email switch
        {
            NoticeAudience.Owner => [a.OwnerEmail],
            NoticeAudience.OwnerAndAdmins => [a.OwnerEmail, .. a.AdminEmails],
            _ => [],
        };
        var email = Email(a, notice, to, at);
        if (email.To.Count > 0) yield return new RowOp(email, RowWrite.Insert);
        if (notice.Event) yield return new RowOp(Event(a, notice, at), RowWrite.Insert);
    }

    private static JsonObject WithAccount(Account a, JsonObject data)
    {
        data["accountId"] = a.Id; data["accountName"] = a.Name; data["currency"] ??= a.Currency; data["timeZone"] = a.TimeZone;
        return data;
    }

    /// <summary>What an email template reads: each value as text (integers stay digits, for the money helper).</summary>
    private static Dictionary<string, string> Flat(JsonObject data) =>
        data.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key,
            kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value!.ToJsonString());

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
