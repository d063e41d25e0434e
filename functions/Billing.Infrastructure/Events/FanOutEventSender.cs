using Billing.Core.Notifications;

namespace Billing.Infrastructure.Events;

/// <summary>One transport of <c>Events:Transport=both</c>, named for the delivery's error text.</summary>
public sealed record EventTransport(string Name, IEventSender Sender);

/// <summary>
/// <c>Events:Transport=both</c>: an event is delivered when every transport took it. Both are tried on every attempt, so a CRM
/// still hears of it through one while the other is down; when one fails the attempt fails, the outbox retries it, and the
/// transport that had taken it receives the same event again: the topic drops it by MessageId within its duplicate detection
/// window, and the CRM by the event id it stores (README "Events for the CRM"). When one transport refuses the event for good,
/// the row is failed at once with that transport's words.
/// </summary>
public sealed class FanOutEventSender(IReadOnlyList<EventTransport> transports) : IEventSender
{
    public IReadOnlyList<EventTransport> Transports => transports;

    public async Task SendAsync(CrmEvent evt, CancellationToken ct)
    {
        var outcomes = await Task.WhenAll(transports.Select(t => TryAsync(t, evt, ct)));
        var failures = outcomes.OfType<(string Name, Exception Error)>().ToList();
        if (failures.Count == 0) return;
        // The outbox keeps the message as the delivery's lastError: name each transport that failed.
        var text = string.Join("; ", failures.Select(f => $"{f.Name}: {f.Error.Message}"));
        if (failures.Any(f => f.Error is PermanentDeliveryException)) throw new PermanentDeliveryException(text);
        throw new EventTransportException(text, failures.Select(f => f.Error));
    }

    private static async Task<(string Name, Exception Error)?> TryAsync(EventTransport t, CrmEvent evt, CancellationToken ct)
    {
        try
        {
            await t.Sender.SendAsync(evt, ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (t.Name, e);
        }
    }
}

/// <summary>Some transport of <c>both</c> failed for now: the outbox retries the event.</summary>
public sealed class EventTransportException : AggregateException
{
    private readonly string _summary;

    public EventTransportException(string summary, IEnumerable<Exception> inner) : base(summary, inner) => _summary = summary;

    // AggregateException appends its inner messages to Message; the delivery's lastError should read as the summary alone.
    public override string Message => _summary;
}
