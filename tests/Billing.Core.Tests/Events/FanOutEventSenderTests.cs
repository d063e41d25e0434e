using System.Text.Json.Nodes;
using Billing.Core.Notifications;
using Billing.Infrastructure.Events;
using Moq;

namespace Billing.Core.Tests.Events;

/// <summary>
/// G2 with <c>Events:Transport=both</c>: an event is delivered when the webhook and the topic both took it; a failure of one is
/// retried for both (the one that had it gets the same id again, which it drops), and a refusal for good fails the row at once.
/// </summary>
public sealed class FanOutEventSenderTests
{
    private readonly EventOutboxFixture _outbox = new();
    private readonly Mock<IEventSender> _webhook = new(MockBehavior.Strict);
    private readonly Mock<IEventSender> _topic = new(MockBehavior.Strict);
    private readonly List<(string Transport, string EventId)> _taken = [];

    private FanOutEventSender Both() => new([new EventTransport(EventTransports.Webhook, _webhook.Object), new EventTransport(EventTransports.ServiceBus, _topic.Object)]);

    private static void Takes(Mock<IEventSender> transport, string name, List<(string, string)> taken) =>
        transport.Setup(t => t.SendAsync(It.IsAny<CrmEvent>(), It.IsAny<CancellationToken>()))
            .Callback<CrmEvent, CancellationToken>((e, _) => { lock (taken) taken.Add((name, e.Id)); }).Returns(Task.CompletedTask);

    [Fact]
    public async Task G2_both_an_event_is_delivered_once_the_webhook_and_the_topic_took_it()
    {
        Takes(_webhook, "webhook", _taken);
        Takes(_topic, "servicebus", _taken);
        var item = await _outbox.RecordAsync("acc_f", NoticeType.InvoicePaid, "invoice-paid-inv_1");

        Assert.True(await _outbox.Delivery(Both()).DeliverAsync(item, CancellationToken.None));
        Assert.Equal([("servicebus", "acc_f.event-invoice-paid-inv_1"), ("webhook", "acc_f.event-invoice-paid-inv_1")], _taken.Order());
        Assert.Equal(DeliveryStatus.Delivered, (await _outbox.ShownAsync(item, null))!.Status);
    }

    [Fact]
    public async Task G2_both_when_the_topic_is_down_the_crm_still_gets_the_webhook_and_the_retry_sends_the_same_id_to_both()
    {
        Takes(_webhook, "webhook", _taken);
        _topic.SetupSequence(t => t.SendAsync(It.IsAny<CrmEvent>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("The operation did not complete within the allocated time."))
            .Returns(Task.CompletedTask);
        var item = await _outbox.RecordAsync("acc_g", NoticeType.PlanChanged, "plan-changed-2026-11-23");
        var delivery = _outbox.Delivery(Both());

        var e = await Assert.ThrowsAsync<EventTransportException>(() => delivery.DeliverAsync(item, CancellationToken.None));
        Assert.Equal("servicebus: The operation did not complete within the allocated time.", e.Message);
        Assert.Equal([("webhook", "acc_g.event-plan-changed-2026-11-23")], _taken);
        var pending = (await _outbox.ShownAsync(item, DeliveryStatus.Pending))!;
        Assert.Equal((1, "servicebus: The operation did not complete within the allocated time."), (pending.Attempts, pending.LastError));

        // The queue's next attempt: both transports again, so the webhook receives the same event id a second time.
        Assert.True(await delivery.DeliverAsync(item, CancellationToken.None));
        Assert.Equal(2, _taken.Count(t => t == ("webhook", "acc_g.event-plan-changed-2026-11-23")));
        _topic.Verify(t => t.SendAsync(It.Is<CrmEvent>(x => x.Id == "acc_g.event-plan-changed-2026-11-23"), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Equal(DeliveryStatus.Delivered, (await _outbox.ShownAsync(item, null))!.Status);
    }

    [Fact]
    public async Task G2_both_failing_name_each_transport_and_a_refusal_for_good_fails_the_row_at_once()
    {
        _webhook.Setup(t => t.SendAsync(It.IsAny<CrmEvent>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("The CRM answered 503 to event x."));
        _topic.Setup(t => t.SendAsync(It.IsAny<CrmEvent>(), It.IsAny<CancellationToken>())).ThrowsAsync(new PermanentDeliveryException("Service Bus refused event x: too large"));
        var item = await _outbox.RecordAsync("acc_h", NoticeType.Deleted, "deleted-1");

        Assert.False(await _outbox.Delivery(Both()).DeliverAsync(item, CancellationToken.None));
        var failed = (await _outbox.ShownAsync(item, DeliveryStatus.Failed))!;
        Assert.Equal((1, "webhook: The CRM answered 503 to event x.; servicebus: Service Bus refused event x: too large"), (failed.Attempts, failed.LastError));
    }

    [Fact]
    public async Task G2_both_a_cancelled_delivery_is_not_recorded_as_a_failed_attempt()
    {
        _webhook.Setup(t => t.SendAsync(It.IsAny<CrmEvent>(), It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());
        Takes(_topic, "servicebus", _taken);
        var evt = new CrmEvent("acc_i.event-x", NoticeType.Deleted, 1, "acc_i", DateTimeOffset.UnixEpoch, new JsonObject());
        // The host is stopping: cancellation propagates as itself, so the outbox leaves the row to its lease and the sweep.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Both().SendAsync(evt, CancellationToken.None));
    }
}
