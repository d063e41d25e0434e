using System.Text.RegularExpressions;
using Billing.Core.Hosting;

namespace Billing.Infrastructure.Events;

/// <summary>
/// G2: where CRM events go (<c>Events:Transport</c>): the signed webhook, a Service Bus topic, or both. Checked when the host
/// starts (<see cref="Problem"/>), so a deployment that names a transport without what it needs does not start.
/// </summary>
public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary><see cref="EventTransports.Webhook"/> (the default), <see cref="EventTransports.ServiceBus"/> or <see cref="EventTransports.Both"/>.</summary>
    public string Transport { get; set; } = EventTransports.Webhook;
    /// <summary>The CRM's endpoint; empty: events are recorded and marked delivered without a call (logged).</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>HMAC key the CRM verifies <c>Billing-Signature</c> with (README "Events").</summary>
    public string Secret { get; set; } = "";
    /// <summary>The topic, when <see cref="Transport"/> uses it.</summary>
    public ServiceBusEventOptions ServiceBus { get; set; } = new();

    /// <summary>The transport in force: an empty setting (an app setting left blank) is the default.</summary>
    public string Effective => string.IsNullOrWhiteSpace(Transport) ? EventTransports.Webhook : Transport.Trim();
    public bool UsesWebhook => EventTransports.Is(Effective, EventTransports.Webhook) || EventTransports.Is(Effective, EventTransports.Both);
    public bool UsesServiceBus => EventTransports.Is(Effective, EventTransports.ServiceBus) || EventTransports.Is(Effective, EventTransports.Both);

    /// <summary>What is wrong with these settings, naming the setting; null when the host may start.</summary>
    public string? Problem()
    {
        if (!EventTransports.All.Any(t => EventTransports.Is(Effective, t)))
            return $"Events:Transport '{Transport}' is not one of: {string.Join(", ", EventTransports.All)}.";
        if (WebhookUrl is { Length: > 0 } url && !ApiOptions.IsAbsoluteHttp(url)) return "Events:WebhookUrl must be an absolute http(s) URL.";
        return UsesServiceBus ? ServiceBus.Problem() : null;
    }
}

/// <summary>The values of <c>Events:Transport</c> (compared ignoring case).</summary>
public static class EventTransports
{
    public const string Webhook = "webhook";
    public const string ServiceBus = "servicebus";
    public const string Both = "both";
    public static readonly IReadOnlyList<string> All = [Webhook, ServiceBus, Both];

    public static bool Is(string configured, string transport) => string.Equals(configured, transport, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// <c>Events:ServiceBus</c>: in Azure the namespace's host name and the app's managed identity (no secret); locally a connection
/// string, which is a secret and comes only from configuration (user secrets, environment), never from the repository.
/// </summary>
public sealed partial class ServiceBusEventOptions
{
    /// <summary>The topic of infra/ (<c>billing-events</c>).</summary>
    public const string DefaultTopic = "billing-events";

    /// <summary>The namespace's host name, e.g. <c>sb-abc.servicebus.windows.net</c>: the app signs in with <c>DefaultAzureCredential</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }
    /// <summary>A namespace's connection string (local runs, tests against a real namespace); set this or the namespace, not both.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>Client id of the user-assigned managed identity <c>DefaultAzureCredential</c> should use; empty: its own choice.</summary>
    public string? ClientId { get; set; }
    public string TopicName { get; set; } = DefaultTopic;

    public string? Problem()
    {
        var hasNamespace = !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);
        var hasConnection = !string.IsNullOrWhiteSpace(ConnectionString);
        if (!hasNamespace && !hasConnection)
            return "Events:ServiceBus:FullyQualifiedNamespace (Azure, managed identity) or Events:ServiceBus:ConnectionString (local) must be set when Events:Transport is servicebus or both.";
        if (hasNamespace && hasConnection)
            return "Events:ServiceBus: set FullyQualifiedNamespace or ConnectionString, not both.";
        if (hasNamespace && !HostName().IsMatch(FullyQualifiedNamespace!))
            return $"Events:ServiceBus:FullyQualifiedNamespace '{FullyQualifiedNamespace}' must be a host name such as sb-billing.servicebus.windows.net (no scheme, port or path).";
        if (!EntityName().IsMatch(TopicName ?? ""))
            return $"Events:ServiceBus:TopicName '{TopicName}' is not a topic name (letters, digits, '.', '-', '_'; at most 260).";
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,259}$")]
    private static partial Regex EntityName();
}
