using System.Text.Json.Nodes;
using Billing.Core.Storage;

namespace Billing.Core.Audit;

/// <summary>
/// One operator action in the append-only audit log (P2): who, when, what (the action and its target), on which account,
/// why, and small snapshots of what it changed (<see cref="Before"/>, <see cref="After"/>: a balance, an invoice's status, a
/// deletion state). Entries are only ever inserted: no code path updates or deletes one, and no route writes one but the
/// actions themselves.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>An account's entries, newest first.</summary>
    public static readonly RowSet<AuditEntry> All = RowSet<AuditEntry>.All;

    /// <summary>A snapshot larger than this (in JSON characters) is cut to a note: snapshots say what changed, they are no copy of the rows.</summary>
    public const int MaxSnapshotLength = 4_000;

    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required AuditAction Action { get; init; }
    public required OperatorActor Who { get; init; }
    public string? AccountId { get; init; }
    /// <summary>What was acted on: an invoice, payment, run, event, message, key or flag id.</summary>
    public string? Target { get; init; }
    public string? Reason { get; init; }
    public JsonObject? Before { get; init; }
    public JsonObject? After { get; init; }
    public string? IdempotencyKey { get; init; }

    public static AuditEntry New(OperatorAct act, AuditAction action, DateTimeOffset at, string? accountId, string? target,
        JsonObject? before, JsonObject? after) => new()
    {
        Id = Validation.Ids.New("aud"), At = at, Action = action, Who = act.Actor, AccountId = accountId, Target = target, Reason = act.Reason,
        Before = Small(before), After = Small(after), IdempotencyKey = act.IdempotencyKey,
    };

    private static JsonObject? Small(JsonObject? snapshot) =>
        snapshot is null || snapshot.ToJsonString().Length <= MaxSnapshotLength ? snapshot
            : new JsonObject { ["truncated"] = true, ["keys"] = new JsonArray([.. snapshot.Select(kv => (JsonNode?)JsonValue.Create(kv.Key))]) };
}

/// <summary>What the audit search asks: an account or all, an action, a time range (inclusive).</summary>
public sealed record AuditQuery(string? AccountId = null, AuditAction? Action = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? ContinuationToken);
