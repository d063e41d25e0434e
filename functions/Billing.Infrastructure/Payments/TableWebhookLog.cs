using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Payments;
using Billing.Infrastructure.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace Billing.Infrastructure.Payments;

/// <summary>
/// B10: the raw webhook log, table <c>{prefix}webhooks</c>. PK = the UTC day of receipt (<c>yyyyMMdd</c>), so a day is one
/// partition and the retention sweep removes whole old days by a key range; RowKey = inverted receipt ticks and 10 random
/// characters, so a day lists newest first and two notifications in one tick do not collide. An entry's id
/// (<c>wh_{day}_{row key}</c>) names both keys: a point read. A provider filter is a column filter inside the day.
/// </summary>
public sealed partial class TableWebhookLog(Storage.StorageClients clients, ILogger<TableWebhookLog> log) : IWebhookLog
{
    private static readonly WebhookLogRows Rows = new();
    private const int BatchSize = 100;

    /// <summary>The list leaves out the body (up to 64 KiB each); one entry is read whole.</summary>
    private static readonly string[] ListColumns =
    [
        "PartitionKey", "RowKey", "Provider", "ReceivedAt", "BodyBytes", "BodyTruncated", "Verification", "Reason", "VerifiedWith", "ClaimedAccountId", "ClaimedInvoiceId",
        "EventId", "EventType", "Outcome", "Status",
    ];

    [GeneratedRegex("^wh_([0-9]{8})_([0-9]{19}_[a-z2-7]{10})$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{19}_[a-z2-7]{10}$")]
    private static partial Regex KeyPattern();

    public static string DayKey(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public async Task<string> AppendAsync(WebhookLogEntry entry, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = NewId(entry.ReceivedAt);
            try
            {
                await clients.Webhooks.AddEntityAsync(Rows.ToEntity(PartitionOf(id), entry with { Id = id }), ct);
                return id;
            }
            catch (RequestFailedException e) when (e.Status == 409 && attempt < 2) { /* 50 random bits met in one tick: draw again */ }
        }
    }

    public async Task<WebhookLogPage> ListAsync(DateOnly day, string? provider, int pageSize, string? after, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DayKey(day)}");
        if (after is not null) filter += " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");
        if (provider is not null) filter += " and " + TableClient.CreateQueryFilter($"Provider eq {provider}");
        var items = new List<WebhookLogEntry>();
        await foreach (var e in clients.Webhooks.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, select: ListColumns, cancellationToken: ct))
        {
            items.Add(Rows.Read(e));
            if (items.Count > pageSize) break;
        }
        if (items.Count <= pageSize) return new WebhookLogPage(items, null);
        items.RemoveAt(pageSize);
        return new WebhookLogPage(items, KeyOf(items[^1].Id));
    }

    public bool IsPosition(string position) => KeyPattern().IsMatch(position);

    public async Task<WebhookLogEntry?> GetAsync(string id, CancellationToken ct)
    {
        if (IdPattern().Match(id) is not { Success: true } m) return null;
        var found = await clients.Webhooks.GetEntityIfExistsAsync<TableEntity>(m.Groups[1].Value, m.Groups[2].Value, cancellationToken: ct);
        return found.HasValue ? Rows.Read(found.Value!) : null;
    }

    /// <summary>
    /// Whole days before the cutoff's day and the cutoff day's older entries: one filtered query over the old key range, then
    /// deletes in batches per day (a batch is one partition). Deleting again what a concurrent sweep deleted is no error.
    /// </summary>
    public async Task<int> DeleteReceivedUntilAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey le {DayKey(DateOnly.FromDateTime(cutoff.UtcDateTime))} and ReceivedAt le {cutoff.UtcDateTime}");
        var expired = new List<(string Pk, string Rk)>();
        await foreach (var e in clients.Webhooks.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
            expired.Add((e.PartitionKey, e.RowKey));
        foreach (var day in expired.GroupBy(k => k.Pk))
            foreach (var chunk in day.Chunk(BatchSize))
            {
                try { await clients.Webhooks.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Pk, k.Rk))), ct); }
                catch (TableTransactionFailedException)
                {
                    foreach (var (pk, rk) in chunk) await clients.Webhooks.DeleteEntityAsync(pk, rk, ETag.All, ct);
                }
            }
        if (expired.Count > 0) log.LogInformation("Webhook log: {Count} entries received until {Cutoff:o} deleted", expired.Count, cutoff);
        return expired.Count;
    }

    private static string NewId(DateTimeOffset receivedAt)
    {
        var at = receivedAt.UtcDateTime;
        return $"wh_{DayKey(DateOnly.FromDateTime(at))}_{RowKeys.Inverted(at.Ticks)}_{Random10()}";
    }

    private static string Random10()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[bytes[i] & 31];
        return new string(chars);
    }

    internal static string PartitionOf(string id) => id.Substring(3, 8);
    internal static string KeyOf(string id) => id[12..];
}

/// <summary>A webhook log entry in <c>{prefix}webhooks</c>: its keys come from its id (see <see cref="TableWebhookLog"/>).</summary>
public sealed class WebhookLogRows : RowMapper<WebhookLogEntry>
{
    public override string Key(WebhookLogEntry row) => TableWebhookLog.KeyOf(row.Id);

    protected override void Write(WebhookLogEntry x, Columns c)
    {
        c.Text("Provider", x.Provider); c.Time("ReceivedAt", x.ReceivedAt); c.Nested("Headers", x.Headers); c.Bytes("Body", x.Body);
        c.Long("BodyBytes", x.BodyBytes); c.Bool("BodyTruncated", x.BodyTruncated); c.Enum("Verification", x.Verification); c.Text("Reason", x.Reason);
        c.Text("VerifiedWith", x.VerifiedWith); c.Text("ClaimedAccountId", x.ClaimedAccountId); c.Text("ClaimedInvoiceId", x.ClaimedInvoiceId);
        c.Text("EventId", x.EventId); c.Text("EventType", x.EventType); c.Text("Outcome", x.Outcome); c.Int("Status", x.Status);
    }

    protected override WebhookLogEntry Read(Columns c) => new()
    {
        Id = $"wh_{c.Entity.PartitionKey}_{c.Entity.RowKey}", Provider = c.Text("Provider"), ReceivedAt = c.Time("ReceivedAt"),
        Headers = c.Json<Dictionary<string, string>>("Headers", []), Body = c.Bytes("Body"), BodyBytes = c.Long("BodyBytes"),
        BodyTruncated = c.Flag("BodyTruncated"), Verification = c.Choice<WebhookVerificationResult>("Verification"), Reason = c.TextOrNull("Reason"),
        VerifiedWith = c.TextOrNull("VerifiedWith"), ClaimedAccountId = c.TextOrNull("ClaimedAccountId"), ClaimedInvoiceId = c.TextOrNull("ClaimedInvoiceId"),
        EventId = c.TextOrNull("EventId"), EventType = c.TextOrNull("EventType"), Outcome = c.TextOrNull("Outcome"), Status = c.Int("Status"),
    };
}
