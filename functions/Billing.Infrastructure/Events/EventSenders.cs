using Billing.Core.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Events;

/// <summary>The <see cref="IEventSender"/> <c>Events:Transport</c> names (validated at start, so the value is one of the three here).</summary>
public static class EventSenders
{
    public static IEventSender Select(IServiceProvider services)
    {
        var o = services.GetRequiredService<IOptions<EventOptions>>().Value;
        if (o.UsesWebhook && o.UsesServiceBus)
            return new FanOutEventSender([
                new EventTransport(EventTransports.Webhook, services.GetRequiredService<SignedEventSender>()),
                new EventTransport(EventTransports.ServiceBus, services.GetRequiredService<ServiceBusEventSender>()),
            ]);
        return o.UsesServiceBus ? services.GetRequiredService<ServiceBusEventSender>() : services.GetRequiredService<SignedEventSender>();
    }
}
