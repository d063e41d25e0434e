using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Billing.Infrastructure.Events;
using Billing.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Billing.Integration.Tests;

/// <summary>
/// G2 over HTTP with <c>Events:Transport</c> servicebus and both: the server on Azurite records a real change, its outbox queue
/// delivers the event through the app's Service Bus sender, and operators read the delivery through <c>operator/events</c>.
/// No broker runs here: the topic is the SDK's mocked <see cref="ServiceBusSender"/>, put in place of the client the app builds.
/// </summary>
public sealed class ServiceBusTransportTests
{
    /// <summary>A namespace's connection string shape; nothing connects to it (the mocked client replaces the real one).</summary>
    private const string LocalConnection = "Endpoint=sb://sb-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=bm90LWEtcmVhbC1rZXk=";

    /// <summary>The topic as the app sees it: what it took, and what it does on each send.</summary>
    private sealed class Topic
    {
        public ConcurrentQueue<ServiceBusMessage> Taken { get; } = new();
        public Mock<ServiceBusSender> Sender { get; } = new();
        public Func<ServiceBusMessage, Task> OnSend { get; set; } = _ => Task.CompletedTask;

        public Topic() =>
            Sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
                .Returns<ServiceBusMessage, CancellationToken>(async (m, _) => { await OnSend(m); Taken.Enqueue(m); });

        public void Install(IServiceCollection services)
        {
            var client = new Mock<ServiceBusClient>();
            client.Setup(c => c.CreateSender("billing-events")).Returns(Sender.Object);
            services.AddSingleton(new ServiceBusEventTopic(client.Object, owned: false));
        }

        public async Task<List<ServiceBusMessage>> WaitForAsync(string accountId, string type, int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var found = Taken.Where(m => m.SessionId == accountId && m.Subject == type).ToList();
                if (found.Count >= count || DateTime.UtcNow > deadline) return found;
                await Task.Delay(100);
            }
        }
    }

    private static BillingApp App(Topic topic, string transport, string? eventsUrl = null)
    {
        var app = new BillingApp { EventsUrl = eventsUrl, TestServices = topic.Install };
        app.Settings["Events:Transport"] = transport;
        app.Settings["Events:ServiceBus:ConnectionString"] = LocalConnection;
        return app;
    }

    private static async Task<JsonNode> DeliveryAsync(BillingApp app, string accountId, string eventId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var items = (await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/events?accountId={accountId}&status={status}"), 200))["items"]!.AsArray();
            if (items.SingleOrDefault(i => (string)i!["eventId"]! == eventId) is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, $"{eventId} was not listed {status}: {items.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task G2_servicebus_a_paid_invoice_reaches_the_topic_as_one_message_in_its_accounts_session_and_operators_see_it_delivered()
    {
        var topic = new Topic();
        await using var app = await BillingApp.StartAsync(App(topic, "servicebus"));
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await app.FundAsync(account, 50_000, "wire-sb1");

        var message = Assert.Single(await topic.WaitForAsync(account, "invoice_paid", 1));
        var body = JsonNode.Parse(message.Body.ToString())!;
        Assert.Equal((message.MessageId, account, account), ((string)body["id"]!, message.SessionId, message.CorrelationId));
        Assert.StartsWith(account + ".event-invoice-paid-", message.MessageId);
        Assert.Equal((account, "invoice_paid", 1), ((string)message.ApplicationProperties["accountId"], (string)message.ApplicationProperties["type"], (int)message.ApplicationProperties["version"]));
        Assert.Equal(50_000, (long)body["data"]!["amount"]!);
        var delivered = await DeliveryAsync(app, account, message.MessageId, "delivered");
        Assert.Equal(1, (int)delivered["attempts"]!);
    }

    [Fact]
    public async Task G2_both_the_webhook_and_the_topic_carry_the_same_event_and_it_is_delivered_once_both_took_it()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        var topic = new Topic();
        await using var app = await BillingApp.StartAsync(App(topic, "both", receiver.Url));
        receiver.Clock = app.Clock;
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await app.FundAsync(account, 40_000, "wire-sb2");

        var posted = Assert.Single(await receiver.WaitForAsync(account, "invoice_paid", 1));
        var sent = Assert.Single(await topic.WaitForAsync(account, "invoice_paid", 1));
        Assert.Equal(posted.ToJsonString(), JsonNode.Parse(sent.Body.ToString())!.ToJsonString());
        Assert.Equal((string)posted["id"]!, sent.MessageId);
        await DeliveryAsync(app, account, sent.MessageId, "delivered");
        Assert.Empty(receiver.Rejected);
    }

    [Fact]
    public async Task G2_servicebus_an_event_the_topic_refuses_is_failed_for_operators_with_its_reason_and_a_replay_delivers_it_under_the_same_id()
    {
        var topic = new Topic
        {
            OnSend = _ => throw new ServiceBusException("The message is larger than the topic allows.", ServiceBusFailureReason.MessageSizeExceeded, "billing-events"),
        };
        await using var app = await BillingApp.StartAsync(App(topic, "servicebus"));
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await app.FundAsync(account, 30_000, "wire-sb3");

        var failed = await DeliveryAsync(app, account, (await FirstEventIdAsync(app, account)), "failed");
        Assert.Equal(("invoice_paid", 1), ((string)failed["type"]!, (int)failed["attempts"]!));
        Assert.Contains("Service Bus refused event", (string)failed["lastError"]!);
        Assert.Contains("larger than the topic allows", (string)failed["lastError"]!);
        Assert.Empty(topic.Taken);

        // The topic takes it now (an operator fixed the cause): a replay delivers the same event id.
        topic.OnSend = _ => Task.CompletedTask;
        var eventId = (string)failed["eventId"]!;
        await BillingApp.ReadAsync(await app.Admin.PostAsync($"/api/operator/events/{eventId}/replay", null), 200);
        Assert.Equal(eventId, Assert.Single(await topic.WaitForAsync(account, "invoice_paid", 1)).MessageId);
        await DeliveryAsync(app, account, eventId, "delivered");
    }

    private static async Task<string> FirstEventIdAsync(BillingApp app, string account)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var items = (await BillingApp.ReadAsync(await app.Admin.GetAsync($"/api/operator/events?accountId={account}"), 200))["items"]!.AsArray();
            if (items.FirstOrDefault(i => (string)i!["type"]! == "invoice_paid") is { } e) return (string)e["eventId"]!;
            Assert.True(DateTime.UtcNow < deadline, "no invoice_paid event was recorded");
            await Task.Delay(100);
        }
    }
}
