using Billing.Core.Storage;

namespace Billing.Core.Notifications;

public enum OutboxChannel { Email, Event, Sms, Telegram }

public enum OutboxStatus { Pending, Sending, Sent, Failed }

/// <summary>
/// An email or CRM event written in the same transaction as the state change it reports (G1, G2), then delivered
/// from a queue. Its deterministic id makes a repeated state change collide instead of notifying twice, and its
/// status makes a redelivered queue message send nothing.
/// </summary>
public sealed record OutboxMessage
{
    public static RowRef<OutboxMessage> Ref(string id) => new(id);
    public static readonly RowSet<OutboxMessage> All = RowSet<OutboxMessage>.All;

    public required string Id { get; init; }
    public required OutboxChannel Channel { get; init; }
    /// <summary>The email template or event type (<c>restriction_changed</c>, <c>deletion_scheduled</c>…), or a tenant's customer message.</summary>
    public required NoticeType Type { get; init; }
    /// <summary>Recipients of an email; empty for an event.</summary>
    public IReadOnlyList<string> To { get; init; } = [];
    public Accounts.Language Language { get; init; }
    /// <summary>What an email template shows (text values), or a customer message's subject and text.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();
    /// <summary>An event's data as the CRM receives it (integers stay integers); null on rows from before it existed, which send <see cref="Data"/>.</summary>
    public System.Text.Json.Nodes.JsonObject? Payload { get; init; }
    /// <summary>The event body's version (README "Events").</summary>
    public int Version { get; init; } = 1;
    public OutboxStatus Status { get; init; } = OutboxStatus.Pending;
    public int Attempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    /// <summary>While Sending: until when the claiming delivery owns the row.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? LastError { get; init; }

    /// <summary>G2: the id the CRM sees, unique across accounts: the account and the row, which names the change.</summary>
    public string EventId(string accountId) => $"{accountId}.{Id}";

    public CrmEvent ToEvent(string accountId) => new(EventId(accountId), Type, Version, accountId, CreatedAt,
        Payload?.DeepClone().AsObject() ?? new System.Text.Json.Nodes.JsonObject(Data.Select(kv =>
            KeyValuePair.Create(kv.Key, (System.Text.Json.Nodes.JsonNode?)System.Text.Json.Nodes.JsonValue.Create(kv.Value)))));
}

/// <summary>A state change the CRM learns of (G2), as it is posted.</summary>
public sealed record CrmEvent(string Id, NoticeType Type, int Version, string AccountId, DateTimeOffset OccurredAt, System.Text.Json.Nodes.JsonObject Data);

/// <summary>A delivery request on the outbox queue.</summary>
public sealed record OutboxItem(string AccountId, string OutboxId);

public interface IOutboxQueue
{
    Task EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken ct);
}

public sealed record EmailMessage(string MessageId, IReadOnlyList<string> To, string Subject, string Html, string Text);

/// <summary>Renders our own email templates (per language) into a message.</summary>
public interface IEmailRenderer
{
    (string Subject, string Html, string Text) Render(NoticeType template, Accounts.Language language, IReadOnlyDictionary<string, string> data);
}

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>Posts a signed event to the CRM (G2).</summary>
public interface IEventSender
{
    Task SendAsync(CrmEvent evt, CancellationToken ct);
}
