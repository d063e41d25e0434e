using Azure.Messaging.ServiceBus;

namespace Billing.Infrastructure.Events;

/// <summary>
/// The app's one <see cref="ServiceBusClient"/> for the events topic, as the container holds it. The client is only
/// <see cref="IAsyncDisposable"/>, and a container disposed with <c>Dispose()</c> (a host or test that is not awaited) refuses
/// such a service; this holder closes the client's connection either way. A client given from outside (a test's mock) is not
/// the holder's to close.
/// </summary>
public sealed class ServiceBusEventTopic(ServiceBusClient client, bool owned) : IAsyncDisposable, IDisposable
{
    public ServiceBusClient Client => client;

    public ValueTask DisposeAsync() => owned ? client.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose()
    {
        if (owned) client.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
