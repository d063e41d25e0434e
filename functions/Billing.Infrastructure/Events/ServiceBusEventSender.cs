using Azure.Messaging.ServiceBus;
using Billing.Core.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Events;

/// <summary>
/// G2 on a Service Bus topic: one message per event, its <c>MessageId</c> the event id (the topic's duplicate detection drops a
/// redelivery within its window), <c>SessionId</c> and <c>CorrelationId</c> the account id (a session subscription hands one
/// account's events to one receiver in the order they were sent), <c>Subject</c> the type, the application properties
/// <c>accountId</c>, <c>type</c>, <c>version</c> (for subscription filters), and the webhook's body, byte for byte.
/// <para>
/// The returned task completes when the broker has taken the message, and only then does the outbox mark the event delivered.
/// Transient faults are retried inside one attempt by the SDK's exponential policy (<see cref="ServiceBusEventClient.Options"/>);
/// what still fails is thrown, the outbox records the attempt and the queue delivers it again, until the row is failed
/// (<see cref="OutboxDelivery.MaxAttempts"/>). A message the broker can never take fails the row at once.
/// </para>
/// </summary>
public sealed class ServiceBusEventSender : IEventSender
{
    /// <summary>Service Bus refuses a MessageId or SessionId longer than this.</summary>
    public const int MaxIdLength = 128;
    public const string ContentType = "application/json";

    private readonly ServiceBusSender _sender;
    private readonly ILogger<ServiceBusEventSender> _log;

    public ServiceBusEventSender(ServiceBusEventTopic topic, IOptions<EventOptions> options, ILogger<ServiceBusEventSender> log)
    {
        // A sender opens its link on the first send and is closed with its client, which the container disposes.
        _sender = topic.Client.CreateSender(options.Value.ServiceBus.TopicName);
        _log = log;
    }

    public async Task SendAsync(CrmEvent evt, CancellationToken ct)
    {
        var message = Message(evt);
        try
        {
            await _sender.SendMessageAsync(message, ct);
        }
        catch (ServiceBusException e) when (e.Reason == ServiceBusFailureReason.MessageSizeExceeded)
        {
            // The same body is refused on every attempt: fail the row now, with the broker's words, for an operator to see.
            throw new PermanentDeliveryException($"Service Bus refused event {evt.Id}: {e.Message}");
        }
        _log.LogInformation("Event {EventId} ({Type}) for {AccountId} sent to topic {Topic}", evt.Id, message.Subject, evt.AccountId, _sender.EntityPath);
    }

    /// <summary>The message for one event (the shape README "Events for the CRM" documents).</summary>
    public static ServiceBusMessage Message(CrmEvent evt)
    {
        // Longer ids would be refused by the SDK on every attempt; ours are far shorter (random account ids, keyed rows).
        if (evt.Id.Length > MaxIdLength || evt.AccountId.Length > MaxIdLength)
            throw new PermanentDeliveryException($"Event {evt.Id}: an id longer than {MaxIdLength} characters cannot be a Service Bus MessageId or SessionId.");
        var type = CrmEventBody.TypeOf(evt);
        return new ServiceBusMessage(BinaryData.FromString(CrmEventBody.Json(evt)))
        {
            MessageId = evt.Id,
            SessionId = evt.AccountId,
            CorrelationId = evt.AccountId,
            Subject = type,
            ContentType = ContentType,
            ApplicationProperties = { ["accountId"] = evt.AccountId, ["type"] = type, ["version"] = evt.Version },
        };
    }
}
