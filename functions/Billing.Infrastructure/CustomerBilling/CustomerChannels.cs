using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Core.CustomerBilling;
using Billing.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.CustomerBilling;

/// <summary>Email to a customer: through the same SMTP sender as our own mail, the rendered text as the body.</summary>
public sealed class EmailCustomerChannel(IEmailSender email) : ICustomerChannel
{
    public MessageChannel Channel => MessageChannel.Email;
    public bool IsConfigured => true;

    public Task SendAsync(CustomerMessage m, CancellationToken ct) =>
        email.SendAsync(new EmailMessage(m.MessageId, [m.To], m.Subject.Length > 0 ? m.Subject : "Invoice",
            "<p>" + WebUtility.HtmlEncode(m.Text).Replace("\n", "<br>") + "</p>", m.Text), ct);
}

/// <summary>SMS through a configurable HTTP gateway: POST <c>{messageId, from, to, text}</c> with a bearer key.</summary>
public sealed class SmsGatewayChannel(IHttpClientFactory http, IOptions<MessagingOptions> options) : ICustomerChannel
{
    public const string HttpClientName = "sms-gateway";

    public MessageChannel Channel => MessageChannel.Sms;
    public bool IsConfigured => options.Value.Sms.Url.Length > 0;

    public async Task SendAsync(CustomerMessage m, CancellationToken ct)
    {
        var o = options.Value.Sms;
        if (o.Url.Length == 0) throw new InvalidOperationException("Messaging:Sms:Url is not configured; the SMS stays in the outbox.");
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Url)
        {
            Content = JsonContent.Create(new { messageId = m.MessageId, from = o.Sender, to = m.To, text = m.Text }),
        };
        if (o.ApiKey.Length > 0) request.Headers.Authorization = new("Bearer", o.ApiKey);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return;
        var detail = $"The SMS gateway answered {(int)response.StatusCode} to {m.MessageId}: {Gateway.Excerpt(await response.Content.ReadAsStringAsync(ct))}";
        throw Gateway.IsPermanent(response.StatusCode) ? new PermanentDeliveryException(detail) : new HttpRequestException(detail);
    }
}

/// <summary>How the gateways' answers are read: a 4xx other than a timeout or a rate limit is the receiver's final word.</summary>
internal static class Gateway
{
    public static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized);

    public static string Excerpt(string body) => body.Length > 300 ? body[..300] : body;
}

/// <summary>Telegram through the Bot API: <c>POST {base}/bot{token}/sendMessage</c> with <c>chat_id</c> and <c>text</c>; <c>ok: false</c> fails.</summary>
public sealed class TelegramChannel(IHttpClientFactory http, IOptions<MessagingOptions> options) : ICustomerChannel
{
    public const string HttpClientName = "telegram";

    public MessageChannel Channel => MessageChannel.Telegram;
    public bool IsConfigured => options.Value.Telegram.BotToken.Length > 0;

    public async Task SendAsync(CustomerMessage m, CancellationToken ct)
    {
        var o = options.Value.Telegram;
        if (o.BotToken.Length == 0) throw new InvalidOperationException("Messaging:Telegram:BotToken is not configured; the message stays in the outbox.");
        var url = $"{o.ApiBaseUrl.TrimEnd('/')}/bot{o.BotToken}/sendMessage";
        using var response = await http.CreateClient(HttpClientName).PostAsJsonAsync(url, new Dictionary<string, object>
        {
            ["chat_id"] = m.To, ["text"] = m.Text, ["disable_web_page_preview"] = false,
        }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var ok = false;
        try { ok = JsonDocument.Parse(body).RootElement.TryGetProperty("ok", out var v) && v.ValueKind == JsonValueKind.True; }
        catch (JsonException) { }
        if (response.IsSuccessStatusCode && ok) return;
        var detail = $"Telegram answered {(int)response.StatusCode} to {m.MessageId}: {Gateway.Excerpt(body)}";
        // 400 (chat not found) and 403 (the customer blocked the bot) will not change on a retry.
        throw Gateway.IsPermanent(response.StatusCode) ? new PermanentDeliveryException(detail) : new HttpRequestException(detail);
    }
}
