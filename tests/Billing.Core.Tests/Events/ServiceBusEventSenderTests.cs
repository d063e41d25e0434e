using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Billing.Core.Notifications;
using Billing.Infrastructure.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Billing.Core.Tests.Events;

/// <summary>
/// G2 on a Service Bus topic, through the SDK's own test seams: a mocked <see cref="ServiceBusClient"/> hands out a mocked
/// <see cref="ServiceBusSender"/> (their members are virtual for this), and the real outbox delivery drives it. No broker runs
/// here; <see cref="ServiceBusLiveTests"/> runs against a real namespace when one is given.
/// </summary>
public sealed class ServiceBusEventSenderTests
{
    private readonly EventOutboxFixture _outbox = new();
    private readonly Mock<ServiceBusClient> _client = new(MockBehavior.Strict);
    private readonly Mock<ServiceBusSender> _sender = new(MockBehavior.Strict);
    private readonly List<ServiceBusMessage> _sent = [];

    public ServiceBusEventSenderTests()
    {
        _client.Setup(c => c.CreateSender(ServiceBusEventOptions.DefaultTopic)).Returns(_sender.Object);
        _sender.SetupGet(s => s.EntityPath).Returns(ServiceBusEventOptions.DefaultTopic);
    }

    private void TopicTakes() =>
        _sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => _sent.Add(m)).Returns(Task.CompletedTask);

    private ServiceBusEventSender Sender() =>
        new(new ServiceBusEventTopic(_client.Object, owned: false), Options.Create(new EventOptions { Transport = EventTransports.ServiceBus }), NullLogger<ServiceBusEventSender>.Instance);

    [Fact]
    public async Task G2_each_event_is_one_message_on_the_topic_with_its_id_session_subject_and_properties()
    {
        TopicTakes();
        var item = await _outbox.RecordAsync("acc_q7k2m9x4c5v8b1n3", NoticeType.InvoicePaid, "invoice-paid-inv_42");
        Assert.True(await _outbox.Delivery(Sender()).DeliverAsync(item, CancellationToken.None));

        var m = Assert.Single(_sent);
        _client.Verify(c => c.CreateSender("billing-events"), Times.Once);
        Assert.Equal("acc_q7k2m9x4c5v8b1n3.event-invoice-paid-inv_42", m.MessageId);
        Assert.Equal(("acc_q7k2m9x4c5v8b1n3", "acc_q7k2m9x4c5v8b1n3"), (m.SessionId, m.CorrelationId));
        Assert.Equal(("invoice_paid", "application/json"), (m.Subject, m.ContentType));
        Assert.Equal(new Dictionary<string, object> { ["accountId"] = "acc_q7k2m9x4c5v8b1n3", ["type"] = "invoice_paid", ["version"] = 1 },
            m.ApplicationProperties.OrderBy(p => p.Key).ToDictionary());
        // Nothing else is set that a subscriber might rely on by accident.
        Assert.Null(m.PartitionKey);
        Assert.Equal(default, m.ScheduledEnqueueTime);
        var body = JsonNode.Parse(m.Body.ToString())!;
        Assert.Equal((m.MessageId, "invoice_paid", 1, "acc_q7k2m9x4c5v8b1n3"),
            ((string)body["id"]!, (string)body["type"]!, (int)body["version"]!, (string)body["accountId"]!));
        Assert.Equal(150_000, (long)body["data"]!["amount"]!);
    }

    [Fact]
    public async Task G2_the_message_body_is_the_webhook_body_byte_for_byte()
    {
        TopicTakes();
        var posted = new List<byte[]>();
        var http = new Mock<IHttpClientFactory>();
        http.Setup(f => f.CreateClient(SignedEventSender.HttpClientName)).Returns(() => new HttpClient(new Capture(posted)));
        var webhook = new SignedEventSender(http.Object, Options.Create(new EventOptions { WebhookUrl = "https://crm.test/events", Secret = "a-secret-of-enough-length" }),
            _outbox.Clock, NullLogger<SignedEventSender>.Instance);
        // Text a CRM must read exactly as sent: Cyrillic, an apostrophe, markup characters, a large integer.
        var item = await _outbox.RecordAsync("acc_b", NoticeType.PlanChanged, "plan-changed-2026-11-23",
            new JsonObject { ["fromName"] = "Стандарт «Плюс»", ["toName"] = "O'Brien <Pro> & co", ["cost"] = 9_007_199_254_740_993 });
        var evt = (await _outbox.RowAsync(item)).ToEvent(item.AccountId);

        await webhook.SendAsync(evt, CancellationToken.None);
        await Sender().SendAsync(evt, CancellationToken.None);

        var fromWebhook = Assert.Single(posted);
        Assert.Equal(fromWebhook, Assert.Single(_sent).Body.ToArray());
        var parsed = JsonNode.Parse(Encoding.UTF8.GetString(fromWebhook))!["data"]!;
        Assert.Equal(("Стандарт «Плюс»", "O'Brien <Pro> & co", 9_007_199_254_740_993), ((string)parsed["fromName"]!, (string)parsed["toName"]!, (long)parsed["cost"]!));
    }

    private sealed class Capture(List<byte[]> posted) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            posted.Add(await request.Content!.ReadAsByteArrayAsync(ct));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task G2_one_accounts_events_share_its_session_in_the_order_they_were_sent_and_accounts_never_share_one()
    {
        TopicTakes();
        var delivery = _outbox.Delivery(Sender());
        var order = new List<string>();
        foreach (var (account, key) in new[] { ("acc_a", "restriction-change-1"), ("acc_b", "restriction-change-1"), ("acc_a", "restriction-change-2"), ("acc_a", "balance-low-1") })
        {
            var item = await _outbox.RecordAsync(account, NoticeType.RestrictionChanged, key);
            Assert.True(await delivery.DeliverAsync(item, CancellationToken.None));
            order.Add($"{account}.event-{key}");
        }
        Assert.Equal(order, _sent.Select(m => m.MessageId));
        // A session subscription hands each session's messages to one receiver in this order; acc_b's never wait behind acc_a's.
        Assert.Equal(["acc_a.event-restriction-change-1", "acc_a.event-restriction-change-2", "acc_a.event-balance-low-1"],
            _sent.Where(m => m.SessionId == "acc_a").Select(m => m.MessageId));
        Assert.Equal(["acc_b.event-restriction-change-1"], _sent.Where(m => m.SessionId == "acc_b").Select(m => m.MessageId));
        Assert.Equal(_sent.Count, _sent.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task G2_a_subscriber_receives_the_ids_subject_properties_and_body_that_were_sent()
    {
        TopicTakes();
        var item = await _outbox.RecordAsync("acc_r", NoticeType.Deleted, "deleted-1");
        await _outbox.Delivery(Sender()).DeliverAsync(item, CancellationToken.None);
        var sent = Assert.Single(_sent);

        // What a receiver gets from the broker is the AMQP message the sender wrote: the SDK maps it back, as on a real link.
        var received = ServiceBusReceivedMessage.FromAmqpMessage(sent.GetRawAmqpMessage(), BinaryData.FromBytes(Guid.NewGuid().ToByteArray()));
        Assert.Equal((sent.MessageId, "acc_r", "acc_r", "deleted", "application/json"),
            (received.MessageId, received.SessionId, received.CorrelationId, received.Subject, received.ContentType));
        Assert.Equal(("acc_r", "deleted", 1), ((string)received.ApplicationProperties["accountId"], (string)received.ApplicationProperties["type"], (int)received.ApplicationProperties["version"]));
        Assert.Equal(sent.Body.ToArray(), received.Body.ToArray());
    }

    [Fact]
    public async Task G2_the_outbox_marks_an_event_delivered_only_after_the_topic_took_it()
    {
        var taken = new TaskCompletionSource();
        _sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>())).Returns(taken.Task);
        var item = await _outbox.RecordAsync("acc_s", NoticeType.PlanChanged, "plan-changed-2026-11-23");

        var delivering = _outbox.Delivery(Sender()).DeliverAsync(item, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(delivering.IsCompleted);
        Assert.Equal(OutboxStatus.Sending, (await _outbox.RowAsync(item)).Status);
        Assert.Equal(DeliveryStatus.Pending, (await _outbox.ShownAsync(item, null))!.Status);

        taken.SetResult();
        Assert.True(await delivering);
        var row = await _outbox.RowAsync(item);
        Assert.Equal((OutboxStatus.Sent, 1, _outbox.Clock.GetUtcNow()), (row.Status, row.Attempts, row.SentAt));
        Assert.Equal(DeliveryStatus.Delivered, (await _outbox.ShownAsync(item, DeliveryStatus.Delivered))!.Status);
    }

    [Fact]
    public async Task G2_a_transient_fault_is_retried_by_the_queue_and_after_the_last_attempt_the_row_is_failed_and_shown_to_operators()
    {
        var busy = new ServiceBusException("The service was busy.", ServiceBusFailureReason.ServiceBusy, "billing-events");
        Assert.True(busy.IsTransient);
        _sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(busy);
        var item = await _outbox.RecordAsync("acc_t", NoticeType.InvoicePaid, "invoice-paid-inv_1");
        var delivery = _outbox.Delivery(Sender());

        // Each attempt is recorded and rethrown: the queue message comes back after its backoff and the next attempt runs.
        await Assert.ThrowsAsync<ServiceBusException>(() => delivery.DeliverAsync(item, CancellationToken.None));
        var first = (await _outbox.ShownAsync(item, DeliveryStatus.Pending))!;
        Assert.Equal(1, first.Attempts);
        Assert.Contains("The service was busy.", first.LastError);
        for (var i = 2; i < OutboxDelivery.MaxAttempts; i++)
            await Assert.ThrowsAsync<ServiceBusException>(() => delivery.DeliverAsync(item, CancellationToken.None));
        // The last attempt marks it failed and stops the retries (nothing thrown: the queue message is done).
        Assert.False(await delivery.DeliverAsync(item, CancellationToken.None));
        var failed = (await _outbox.ShownAsync(item, DeliveryStatus.Failed))!;
        Assert.Equal((OutboxDelivery.MaxAttempts, "acc_t.event-invoice-paid-inv_1"), (failed.Attempts, failed.EventId));
        Assert.Contains("ServiceBusy", failed.LastError);
        // A later delivery of the same queue message sends nothing more.
        Assert.False(await delivery.DeliverAsync(item, CancellationToken.None));
        _sender.Verify(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(OutboxDelivery.MaxAttempts));
    }

    [Fact]
    public async Task G2_a_message_the_topic_can_never_take_fails_its_row_at_once_with_the_brokers_words()
    {
        _sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("The message is larger than 256 KB.", ServiceBusFailureReason.MessageSizeExceeded, "billing-events"));
        var item = await _outbox.RecordAsync("acc_u", NoticeType.InvoicePaid, "invoice-paid-inv_2");

        Assert.False(await _outbox.Delivery(Sender()).DeliverAsync(item, CancellationToken.None));
        var failed = (await _outbox.ShownAsync(item, DeliveryStatus.Failed))!;
        Assert.Equal(1, failed.Attempts);
        Assert.StartsWith("Service Bus refused event acc_u.event-invoice-paid-inv_2: The message is larger than 256 KB.", failed.LastError);
    }

    [Fact]
    public void G2_an_id_service_bus_cannot_carry_is_refused_for_good_before_any_send()
    {
        var account = "acc_" + new string('x', 60);
        var evt = new CrmEvent($"{account}.event-{new string('k', 70)}", NoticeType.InvoicePaid, 1, account, DateTimeOffset.UnixEpoch, []);
        Assert.True(evt.Id.Length > ServiceBusEventSender.MaxIdLength);
        var e = Assert.Throws<PermanentDeliveryException>(() => ServiceBusEventSender.Message(evt));
        Assert.Contains("128", e.Message);
        // A real id of ours (a random account id, a keyed row) is far inside the limit.
        Assert.Equal(evt.Id[..20], ServiceBusEventSender.Message(evt with { Id = evt.Id[..20] }).MessageId);
    }

    [Fact]
    public void G2_the_sdk_retries_transient_faults_exponentially_and_gives_up_before_the_outbox_claim_lapses()
    {
        var retry = ServiceBusEventClient.Options().RetryOptions;
        Assert.Equal(ServiceBusRetryMode.Exponential, retry.Mode);
        Assert.InRange(retry.MaxRetries, 1, 5);
        // Worst case of one attempt: every try times out and every wait is the longest. It must end before the claim's lease,
        // or a second delivery could claim the row while the first still sends (a duplicate the topic would have to drop).
        var worst = retry.TryTimeout * (retry.MaxRetries + 1) + retry.MaxDelay * retry.MaxRetries;
        Assert.True(worst < OutboxDelivery.ClaimLease, $"one attempt may take {worst}, the claim lasts {OutboxDelivery.ClaimLease}");
    }

    [Fact]
    public async Task G2_S4_the_client_signs_in_to_the_namespace_named_by_configuration()
    {
        // Neither call connects: a client opens its AMQP connection on the first send.
        await using var local = ServiceBusEventClient.Create(new ServiceBusEventOptions
        {
            ConnectionString = "Endpoint=sb://sb-local.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=bm90LWEtcmVhbC1rZXk=",
        });
        Assert.Equal("sb-local.servicebus.windows.net", local.FullyQualifiedNamespace);
        await using var azure = ServiceBusEventClient.Create(new ServiceBusEventOptions { FullyQualifiedNamespace = "sb-prod.servicebus.windows.net", ClientId = Guid.NewGuid().ToString() });
        Assert.Equal("sb-prod.servicebus.windows.net", azure.FullyQualifiedNamespace);
        Assert.Equal("billing-events", azure.Identifier);
    }
}
