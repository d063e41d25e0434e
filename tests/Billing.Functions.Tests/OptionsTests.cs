using Billing.Core.Notifications;
using Billing.Http;
using Billing.Infrastructure.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Tests;

/// <summary>
/// S4 settings, bound one way and checked when either host starts (ValidateOnStart): a wrong setting stops the host with
/// a message naming it, before any request or job runs. Both hosts call the same AddBilling.
/// </summary>
public sealed class OptionsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Payments:Sandbox:WebhookSecret"] = "a-test-secret-of-enough-length",
        ["CustomerBilling:DefaultPublicOfferUrl"] = "https://vendor.test/public-offer",
        ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
        ["Telemetry:Console"] = "false",
    };

    private static void Start(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddBilling(config);
        using var provider = services.BuildServiceProvider();
        // What the host runs at start for every option registered with ValidateOnStart.
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void S4_the_shipped_defaults_start() => Start(Valid);

    [Fact]
    public void S4_stripe_starts_with_its_keys() => Start(new Dictionary<string, string?>(Valid)
    {
        ["Payments:Provider"] = "stripe", ["Payments:Stripe:ApiKey"] = "sk_test_placeholder", ["Payments:Stripe:WebhookSecret"] = "whsec_placeholder",
    });

    /// <summary>F11: a deployment without a key-encryption key starts (tenants then cannot connect a provider: 422), one with a valid key too.</summary>
    [Fact]
    public void S4_F11_the_host_starts_without_a_key_encryption_key_and_with_a_valid_one() =>
        Start(new Dictionary<string, string?>(Valid) { ["Payments:Merchants:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]) });

    [Theory]
    [InlineData("Restrictions:PaymentOnlyFromDay", "3", "ReminderFromDay (4) < PaymentOnlyFromDay (3)")]
    [InlineData("Restrictions:BlockedFromDay", "40", "BlockedFromDay")]
    [InlineData("Payments:Provider", "paypal", "Payments:Provider 'paypal' is not one of: sandbox, stripe, liqpay")]
    [InlineData("Payments:Provider", "stripe", "Payments:Stripe:ApiKey and Payments:Stripe:WebhookSecret must be set")]
    [InlineData("Payments:Stripe:ApiBase", "api.stripe.com", "Payments:Stripe:ApiBase must be an absolute http(s) URL")]
    [InlineData("Payments:Stripe:CheckoutOrigins:0", "checkout.example", "Payments:Stripe:CheckoutOrigins: 'checkout.example'")]
    [InlineData("Payments:Sandbox:WebhookSecret", "short", "WebhookSecret must be set (16 characters at least)")]
    [InlineData("Api:PublicBaseUrl", "/relative", "Api:PublicBaseUrl must be an absolute http(s) URL")]
    [InlineData("CustomerBilling:DefaultPublicOfferUrl", "offer.html", "DefaultPublicOfferUrl must be an absolute http(s) URL")]
    [InlineData("CustomerBilling:DefaultPublicOfferUrl", "", "CustomerBilling:DefaultPublicOfferUrl must be set")]
    [InlineData("CustomerBilling:PublicBaseUrl", "ftp://links.example", "CustomerBilling:PublicBaseUrl must be an absolute http(s) URL")]
    [InlineData("Jobs:ShardCount", "0", "ShardCount")]
    [InlineData("Jobs:MaxAsOfAheadDays", "-1", "MaxAsOfAheadDays")]
    [InlineData("Deletion:NoticeDays", "2", "ReminderDaysBefore")]
    [InlineData("Events:WebhookUrl", "crm.example/hook", "Events:WebhookUrl must be an absolute http(s) URL")]
    [InlineData("Events:Transport", "kafka", "Events:Transport 'kafka' is not one of: webhook, servicebus, both")]
    [InlineData("Events:Transport", "servicebus", "Events:ServiceBus:FullyQualifiedNamespace (Azure, managed identity) or Events:ServiceBus:ConnectionString (local) must be set")]
    [InlineData("Events:Transport", "both", "Events:ServiceBus:FullyQualifiedNamespace (Azure, managed identity) or Events:ServiceBus:ConnectionString (local) must be set")]
    [InlineData("Security:Keys:0:Key", "too-short", "every key needs 16 characters")]
    [InlineData("Security:Keys:0:AccountId", "acc_abc", "is an operator key scoped to an account")]
    [InlineData("Storage:ConnectionString", "", "Storage: set Storage:ConnectionString")]
    [InlineData("Money:MaxAmountMinor", "0", "MaxAmountMinor")]
    [InlineData("Money:MaxAmountMinor", "1000000000000000000", "MaxAmountMinor")]
    [InlineData("Idempotency:RetentionHours", "12", "RetentionHours")]
    [InlineData("Payments:NotificationRetentionDays", "7", "NotificationRetentionDays")]
    [InlineData("Payments:Provider", "liqpay", "Payments:LiqPay:PublicKey and Payments:LiqPay:PrivateKey must be set")]
    [InlineData("Payments:LiqPay:ApiBase", "www.liqpay.ua", "Payments:LiqPay:ApiBase must be an absolute http(s) URL")]
    [InlineData("Payments:WebhookLogRetentionDays", "0", "WebhookLogRetentionDays")]
    [InlineData("Payments:Merchants:KeyEncryptionKey", "not-a-key", "Payments:Merchants:KeyEncryptionKey must be base64 of 32 bytes")]
    [InlineData("Payments:Merchants:PreviousKeys:0", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "PreviousKeys needs Payments:Merchants:KeyEncryptionKey")]
    public void S4_a_wrong_setting_stops_the_host_and_names_itself(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };
        if (key.StartsWith("Security:Keys", StringComparison.Ordinal))
        {
            settings.TryAdd("Security:Keys:0:Key", "an-operator-key-long-enough");
            settings["Security:Keys:0:Role"] = "Operator";
        }
        var e = Assert.ThrowsAny<Exception>(() => Start(settings));
        var messages = e is AggregateException a ? string.Join(" | ", a.Flatten().InnerExceptions.Select(x => x.Message)) : e.Message;
        Assert.Contains(message, messages);
    }

    private const string LocalConnection = "Endpoint=sb://sb-local.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=bm90LWEtcmVhbC1rZXk=";

    [Theory]
    [InlineData("sb-billing.servicebus.windows.net", LocalConnection, "billing-events", "set FullyQualifiedNamespace or ConnectionString, not both")]
    [InlineData("https://sb-billing.servicebus.windows.net/", null, "billing-events", "must be a host name such as sb-billing.servicebus.windows.net")]
    [InlineData("sb-billing.servicebus.windows.net:5671", null, "billing-events", "must be a host name")]
    [InlineData("sb-billing.servicebus.windows.net", null, "", "Events:ServiceBus:TopicName '' is not a topic name")]
    [InlineData(null, LocalConnection, "billing events", "Events:ServiceBus:TopicName 'billing events' is not a topic name")]
    public void G2_S4_a_wrong_service_bus_setting_stops_the_host_and_names_itself(string? ns, string? connection, string topic, string message)
    {
        var settings = new Dictionary<string, string?>(Valid)
        {
            ["Events:Transport"] = "servicebus", ["Events:ServiceBus:FullyQualifiedNamespace"] = ns,
            ["Events:ServiceBus:ConnectionString"] = connection, ["Events:ServiceBus:TopicName"] = topic,
        };
        var e = Assert.ThrowsAny<Exception>(() => Start(settings));
        Assert.Contains(message, e is AggregateException a ? string.Join(" | ", a.Flatten().InnerExceptions.Select(x => x.Message)) : e.Message);
    }

    /// <summary>G2: Events:Transport decides which sender the outbox delivers events with; webhook stays the default.</summary>
    [Theory]
    [InlineData(null, null, new[] { "webhook" })]
    [InlineData("webhook", null, new[] { "webhook" })]
    [InlineData("servicebus", "sb-billing.servicebus.windows.net", new[] { "servicebus" })]
    [InlineData("ServiceBus", LocalConnection, new[] { "servicebus" })]
    [InlineData("both", "sb-billing.servicebus.windows.net", new[] { "webhook", "servicebus" })]
    public void G2_S4_Events_Transport_picks_the_sender_of_the_outbox(string? transport, string? target, string[] transports)
    {
        var settings = new Dictionary<string, string?>(Valid) { ["Events:Transport"] = transport };
        if (target is not null) settings[target.StartsWith("Endpoint=", StringComparison.Ordinal) ? "Events:ServiceBus:ConnectionString" : "Events:ServiceBus:FullyQualifiedNamespace"] = target;
        var services = new ServiceCollection().AddLogging();
        services.AddBilling(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        // The sender OutboxDelivery is built with (no connection is opened: a client connects on its first send).
        Assert.NotNull(provider.GetRequiredService<OutboxDelivery>());
        var sender = provider.GetRequiredService<IEventSender>();
        IEventSender[] expected = sender is FanOutEventSender both ? [.. both.Transports.Select(t => t.Sender)] : [sender];
        Assert.Equal(transports, expected.Select(s => s switch
        {
            SignedEventSender => "webhook",
            ServiceBusEventSender => "servicebus",
            _ => s.GetType().Name,
        }));
        if (sender is FanOutEventSender fan) Assert.Equal(transports, fan.Transports.Select(t => t.Name));
        if (transports.Contains("servicebus"))
            Assert.Equal(target!.StartsWith("Endpoint=", StringComparison.Ordinal) ? "sb-local.servicebus.windows.net" : target,
                provider.GetRequiredService<ServiceBusEventTopic>().Client.FullyQualifiedNamespace);
    }
}
