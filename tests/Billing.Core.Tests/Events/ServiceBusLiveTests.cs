using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Billing.Core.Notifications;
using Billing.Infrastructure.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Billing.Core.Tests.Events;

/// <summary>
/// Runs only where <c>BILLING_TEST_SERVICEBUS</c> is set, and is reported as skipped, with why, everywhere else. xunit 2 has no
/// skip decided inside a test, so the attribute decides when the tests are discovered. `dotnet test` lists the test as Skipped
/// (its name says what it needs); the reason is printed at normal verbosity and kept in the trx results.
/// </summary>
public sealed class ServiceBusFactAttribute : FactAttribute
{
    public const string Variable = "BILLING_TEST_SERVICEBUS";

    public ServiceBusFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"no Service Bus namespace here: set {Variable} to a namespace's connection string (or its host name, signing in with " +
                "DefaultAzureCredential) whose topic billing-events has a session subscription (infra/ makes both) to run it";
    }
}

/// <summary>
/// G2 against a real namespace: the production sender and client send an event to <c>billing-events</c>; a session receiver on
/// the subscription (<c>BILLING_TEST_SERVICEBUS_SUBSCRIPTION</c>, default <c>crm</c>) gets it once with its ids and body, and a
/// second send of the same event inside the duplicate detection window is dropped by the topic.
/// </summary>
public sealed class ServiceBusLiveTests
{
    [ServiceBusFact]
    public async Task G2_with_BILLING_TEST_SERVICEBUS_set_a_real_topic_delivers_an_event_once_in_its_accounts_session_and_drops_its_redelivery()
    {
        var target = Environment.GetEnvironmentVariable(ServiceBusFactAttribute.Variable)!;
        var subscription = Environment.GetEnvironmentVariable("BILLING_TEST_SERVICEBUS_SUBSCRIPTION") is { Length: > 0 } s ? s : "crm";
        var options = new ServiceBusEventOptions();
        if (target.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase)) options.ConnectionString = target;
        else options.FullyQualifiedNamespace = target;
        Assert.Null(new EventOptions { Transport = EventTransports.ServiceBus, ServiceBus = options }.Problem());

        await using var client = ServiceBusEventClient.Create(options);
        var sender = new ServiceBusEventSender(new ServiceBusEventTopic(client, owned: false), Options.Create(new EventOptions { Transport = EventTransports.ServiceBus, ServiceBus = options }),
            NullLogger<ServiceBusEventSender>.Instance);
        // A fresh account id: this run's session holds only this run's messages.
        var account = $"acc_live{Guid.NewGuid():N}"[..24];
        var evt = new CrmEvent($"{account}.event-deleted-1", NoticeType.Deleted, 1, account, DateTimeOffset.UtcNow, new JsonObject { ["state"] = "deleted" });

        await sender.SendAsync(evt, CancellationToken.None);
        await sender.SendAsync(evt, CancellationToken.None); // a redelivery after a crash between send and mark

        await using var receiver = await client.AcceptSessionAsync(options.TopicName, subscription, account);
        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(first);
        Assert.Equal((evt.Id, account, "deleted"), (first.MessageId, first.SessionId, first.Subject));
        Assert.Equal(CrmEventBody.Json(evt), first.Body.ToString());
        await receiver.CompleteMessageAsync(first);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5)));
    }
}
