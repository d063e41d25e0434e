using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace Billing.Infrastructure.Events;

/// <summary>The one <see cref="ServiceBusClient"/> of the app, built from <c>Events:ServiceBus</c>: identity in Azure, a connection string locally.</summary>
public static class ServiceBusEventClient
{
    /// <summary>
    /// Transient faults (busy, timeout, a dropped connection) are retried by the SDK inside one send with exponential backoff and
    /// jitter, well within the outbox claim's lease (2 minutes): 4 tries of at most 20 s and about 7 s of waiting between them. What still
    /// fails goes back to the outbox queue, which tries again later.
    /// </summary>
    public static ServiceBusClientOptions Options() => new()
    {
        Identifier = "billing-events",
        RetryOptions = new ServiceBusRetryOptions
        {
            Mode = ServiceBusRetryMode.Exponential,
            MaxRetries = 3,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(4),
            TryTimeout = TimeSpan.FromSeconds(20),
        },
    };

    public static ServiceBusClient Create(ServiceBusEventOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.ConnectionString)) return new ServiceBusClient(o.ConnectionString, Options());
        if (string.IsNullOrWhiteSpace(o.FullyQualifiedNamespace))
            throw new InvalidOperationException("Events:ServiceBus: set FullyQualifiedNamespace or ConnectionString (checked at start).");
        // DefaultAzureCredential: the app's user-assigned identity in Azure (its client id from infra), a developer's sign-in locally.
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(o.ClientId) ? null : o.ClientId,
        });
        return new ServiceBusClient(o.FullyQualifiedNamespace, credential, Options());
    }
}
