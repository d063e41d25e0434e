using System.Text;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Events;

/// <summary>
/// G2: POSTs <c>{id, type, version, accountId, occurredAt, data}</c> (<see cref="CrmEventBody"/>) with <c>Billing-Signature: t=UNIX,v1=HEX</c>,
/// the HMAC-SHA256 of <c>"t.body"</c> (the scheme the sandbox and Stripe use). A non-2xx answer throws, so the outbox retries.
/// </summary>
public sealed class SignedEventSender(IHttpClientFactory http, IOptions<EventOptions> options, TimeProvider clock, ILogger<SignedEventSender> log) : IEventSender
{
    public const string HttpClientName = "crm-events";
    public const string SignatureHeader = "Billing-Signature";

    public async Task SendAsync(CrmEvent evt, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.WebhookUrl))
        {
            log.LogInformation("Event {EventId} ({Type}) for {AccountId}: no Events:WebhookUrl configured, not sent", evt.Id, CrmEventBody.TypeOf(evt), evt.AccountId);
            return;
        }
        var body = CrmEventBody.Json(evt);
        using var request = new HttpRequestMessage(HttpMethod.Post, o.WebhookUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(body, o.Secret, clock.GetUtcNow()));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"The CRM answered {(int)response.StatusCode} to event {evt.Id}.");
    }
}
