using System.Text;
using System.Text.Json;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Events;

public sealed class EventOptions
{
    public const string Section = "Events";

    /// <summary>The CRM's endpoint; empty: events are recorded and marked delivered without a call (logged).</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>HMAC key the CRM verifies <c>Billing-Signature</c> with (README "Events").</summary>
    public string Secret { get; set; } = "";
}

/// <summary>
/// G2: POSTs <c>{id, type, version, accountId, occurredAt, data}</c> with <c>Billing-Signature: t=UNIX,v1=HEX</c>, the HMAC-SHA256
/// of <c>"t.body"</c> (the scheme the sandbox and Stripe use). A non-2xx answer throws, so the outbox retries.
/// </summary>
public sealed class SignedEventSender(IHttpClientFactory http, IOptions<EventOptions> options, TimeProvider clock, ILogger<SignedEventSender> log) : IEventSender
{
    public const string HttpClientName = "crm-events";
    public const string SignatureHeader = "Billing-Signature";

    public async Task SendAsync(CrmEvent evt, CancellationToken ct)
    {
        var (eventId, type, accountId) = (evt.Id, Core.Json.Names.Of(evt.Type), evt.AccountId);
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.WebhookUrl))
        {
            log.LogInformation("Event {EventId} ({Type}) for {AccountId}: no Events:WebhookUrl configured, not sent", eventId, type, accountId);
            return;
        }
        var body = JsonSerializer.Serialize(new { id = eventId, type, version = evt.Version, accountId, occurredAt = evt.OccurredAt, data = evt.Data },
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var request = new HttpRequestMessage(HttpMethod.Post, o.WebhookUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(body, o.Secret, clock.GetUtcNow()));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"The CRM answered {(int)response.StatusCode} to event {eventId}.");
    }
}
