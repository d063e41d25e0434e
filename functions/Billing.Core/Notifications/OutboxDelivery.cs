using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Notifications;

/// <summary>
/// Delivers one outbox row: claims it (If-Match), sends it, marks it sent. A concurrent or repeated delivery finds
/// it claimed or sent and sends nothing. A failure is recorded and thrown, so the queue delivers again with
/// backoff; after <see cref="MaxAttempts"/> the row is marked failed. Only a crash between sending and marking
/// can repeat a send, after the claim's lease; the message id (the row id) lets the receiver spot it.
/// </summary>
public sealed class OutboxDelivery(AccountUnitOfWork uow, IEmailRenderer renderer, IEmailSender email, IEventSender events, TimeProvider clock,
    ILogger<OutboxDelivery> log, IEnumerable<CustomerBilling.ICustomerChannel>? channels = null, IEnumerable<IOutboxOutcomeRows>? outcomes = null)
{
    public const int MaxAttempts = 8;
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    public async Task<bool> DeliverAsync(OutboxItem item, CancellationToken ct)
    {
        var m = await ClaimAsync(item, ct);
        if (m is null) return false;
        try
        {
            if (m.Type == NoticeType.CustomerInvoice) await SendToCustomerAsync(m, ct);
            else if (m.Channel == OutboxChannel.Email)
            {
                var (subject, html, text) = renderer.Render(m.Type, m.Language, m.Data);
                await email.SendAsync(new EmailMessage(m.Id, m.To, subject, html, text), ct);
            }
            else await events.SendAsync(m.ToEvent(item.AccountId), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = m.Attempts + 1;
            var failed = m with
            {
                Attempts = attempts, LastError = e.Message.Length > 500 ? e.Message[..500] : e.Message,
                Status = e is PermanentDeliveryException || attempts >= MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending, LeaseUntil = null,
            };
            await FinishAsync(item.AccountId, m, failed, ct);
            log.LogWarning(e, "Outbox {Type} {Id} of {AccountId}: attempt {Attempt} failed", m.Type, m.Id, item.AccountId, attempts);
            if (failed.Status == OutboxStatus.Failed) return false;
            throw;
        }
        await FinishAsync(item.AccountId, m, m with { Status = OutboxStatus.Sent, SentAt = clock.GetUtcNow(), Attempts = m.Attempts + 1, LeaseUntil = null }, ct);
        log.LogInformation("Outbox {Channel} {Type} {Id} of {AccountId} sent", m.Channel, m.Type, m.Id, item.AccountId);
        return true;
    }

    /// <summary>The row, claimed for this delivery until its lease ends; null when it is sent, failed, gone or claimed by another.</summary>
    private Task<OutboxMessage?> ClaimAsync(OutboxItem item, CancellationToken ct) =>
        uow.RunRowsAsync(item.AccountId, async () =>
        {
            var found = await uow.Reader.GetAsync(item.AccountId, OutboxMessage.Ref(item.OutboxId), ct);
            var now = clock.GetUtcNow();
            if (found is null)
            {
                log.LogWarning("Outbox {Id} of {AccountId} not found; nothing to send", item.OutboxId, item.AccountId);
                return Decision<OutboxMessage?>.NoChange(null);
            }
            if (found.Value.Status is OutboxStatus.Sent or OutboxStatus.Failed) return Decision<OutboxMessage?>.NoChange(null);
            if (found.Value.Status == OutboxStatus.Sending && found.Value.LeaseUntil > now) return Decision<OutboxMessage?>.NoChange(null);
            var claimed = found.Value with { Status = OutboxStatus.Sending, LeaseUntil = now + ClaimLease };
            return new Decision<OutboxMessage?>(AccountCommit.RowsOnly(item.AccountId, new RowOp(claimed, RowWrite.Replace, found.ETag)), claimed);
        }, ct);

    /// <summary>
    /// Records the outcome, unless another delivery took the row over after this one's lease ended (its status then stands).
    /// A final outcome carries the rows features keep about the message (<see cref="IOutboxOutcomeRows"/>) in the same commit.
    /// </summary>
    private async Task FinishAsync(string accountId, OutboxMessage claimed, OutboxMessage outcome, CancellationToken ct)
    {
        var final = outcome.Status is OutboxStatus.Sent or OutboxStatus.Failed;
        try { await CommitOutcomeAsync(accountId, claimed, outcome, final, withCounters: true, ct); }
        catch (BillingException e) when (e.Kind == ErrorKind.Busy && final)
        {
            // Counters shared by many messages (a mailing run's) were too contended: record the outcome without them rather
            // than leave the row "sending", which after its lease would send the message again.
            log.LogWarning("Outbox {Id} of {AccountId}: counters beside the outcome were too contended; outcome recorded without them", outcome.Id, accountId);
            await CommitOutcomeAsync(accountId, claimed, outcome, final, withCounters: false, ct);
        }
    }

    private Task CommitOutcomeAsync(string accountId, OutboxMessage claimed, OutboxMessage outcome, bool final, bool withCounters, CancellationToken ct) =>
        uow.RunRowsAsync(accountId, async () =>
        {
            var found = await uow.Reader.GetAsync(accountId, OutboxMessage.Ref(claimed.Id), ct);
            if (found is not { Value.Status: OutboxStatus.Sending } || found.Value.LeaseUntil != claimed.LeaseUntil) return Decision<bool>.NoChange(false);
            var rows = new List<RowOp> { new(outcome, RowWrite.Replace, found.ETag) };
            if (final)
                foreach (var o in outcomes ?? [])
                    rows.AddRange(await o.RowsAsync(accountId, outcome, clock.GetUtcNow(), withCounters, ct));
            return new Decision<bool>(AccountCommit.RowsOnly(accountId, [.. rows]), true);
        }, ct);

    /// <summary>A tenant's message to its customer (F5): already rendered, sent through the customer's channel.</summary>
    private Task SendToCustomerAsync(OutboxMessage m, CancellationToken ct)
    {
        var channel = m.Channel switch
        {
            OutboxChannel.Sms => CustomerBilling.MessageChannel.Sms,
            OutboxChannel.Telegram => CustomerBilling.MessageChannel.Telegram,
            _ => CustomerBilling.MessageChannel.Email,
        };
        var sender = channels?.FirstOrDefault(c => c.Channel == channel)
            ?? throw new InvalidOperationException($"No {channel} channel is configured for customer messages.");
        return sender.SendAsync(new CustomerBilling.CustomerMessage(m.Id, channel, m.To[0], m.Data.GetValueOrDefault("subject") ?? "",
            m.Data.GetValueOrDefault("text") ?? ""), ct);
    }
}
