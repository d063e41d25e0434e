using Billing.Core.Audit;
using Billing.Core.Storage;

namespace Billing.Core.Notifications;

/// <summary>One message of an account's outbox (G1 emails, F5 a tenant's messages to its customers) as operators see it.</summary>
public sealed record MessageDelivery(string Id, OutboxChannel Channel, NoticeType Type, IReadOnlyList<string> To, DeliveryStatus Status, int Attempts,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
{
    public static MessageDelivery Of(OutboxMessage m) =>
        new(m.Id, m.Channel, m.Type, m.To, Redelivery.StatusOf(m.Status), m.Attempts, m.LastError, m.CreatedAt, m.SentAt);
}

/// <summary>
/// G1, P2: an account's outgoing messages (everything of its outbox but CRM events, which <see cref="EventDeliveries"/> shows),
/// newest first, and sending one again when it failed or never arrived. A resend queues the same row (same message id) with
/// fresh attempts, its audit entry in the same commit; a message being sent right now is left to that delivery (409).
/// </summary>
public sealed class MessageDeliveries(AccountUnitOfWork uow, Outbox outbox, TimeProvider clock)
{
    public async Task<Page<MessageDelivery>> ListAsync(string accountId, DeliveryStatus? status, int pageSize, string? token, CancellationToken ct)
    {
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        var list = "messages/" + (status is { } st ? Json.Names.Of(st) : "*");
        var position = PageTokens.Decode(accountId, list, token);
        if (position is not null && !(position.Length > 20 && position[..19].All(char.IsAsciiDigit) && position[19] == '_')) throw PageTokens.Invalid();
        List<RowFilter> filters = [new(nameof(OutboxMessage.Channel), FilterOp.Ne, OutboxChannel.Event), .. status is { } s ? Redelivery.Filters(s) : Enumerable.Empty<RowFilter>()];
        // Outbox rows are keyed by what they tell, not by time: an account's messages are ordered here, the filter runs at the storage service.
        var ordered = (await uow.Reader.AllAsync(accountId, OutboxMessage.All, filters, ct))
            .Select(m => (Position: Position(m), Message: m)).Where(x => position is null || string.CompareOrdinal(x.Position, position) > 0)
            .OrderBy(x => x.Position, StringComparer.Ordinal).Take(pageSize + 1).ToList();
        var shown = ordered.Take(pageSize).ToList();
        return new Page<MessageDelivery>(shown.Select(x => MessageDelivery.Of(x.Message)).ToList(),
            ordered.Count > pageSize ? PageTokens.Encode(accountId, list, shown[^1].Position) : null);
    }

    public async Task<MessageDelivery> ResendAsync(string accountId, string messageId, OperatorAct act, CancellationToken ct)
    {
        if (messageId.Length > 200 || messageId.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')))
            throw NotFound(messageId);
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        var now = clock.GetUtcNow();
        var done = await Redelivery.RequeueAsync(uow, accountId, messageId, m => m.Channel != OutboxChannel.Event,
            m => AuditEntry.New(act, AuditAction.MessageResend, now, accountId, messageId, Redelivery.Snapshot(m), Redelivery.Snapshot(Redelivery.Requeued(m))), now, ct)
            ?? throw NotFound(messageId);
        await outbox.DispatchAsync([new OutboxItem(accountId, messageId)], ct);
        return MessageDelivery.Of(done.After);
    }

    private static string Position(OutboxMessage m) => FormattableString.Invariant($"{long.MaxValue - m.CreatedAt.UtcTicks:D19}_{m.Id}");

    private static BillingException NotFound(string id) => BillingException.NotFound("message", id.Length > 64 ? id[..64] : id);
}
