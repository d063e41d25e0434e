using Billing.Core.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Billing.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "billing@localhost";
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>maildev locally; Azure Communication Services' smtp.azurecomm.net (port 587, STARTTLS) in Azure.</summary>
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1025;
    public string? Username { get; set; }
    public string? Password { get; set; }
}

/// <summary>Sends email over SMTP with MailKit (G1). The outbox row id is the Message-Id, so a repeat is recognisable.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var o = options.Value;
        var mime = new MimeMessage { Subject = message.Subject, MessageId = $"{message.MessageId}@billing" };
        mime.From.Add(MailboxAddress.Parse(o.From));
        foreach (var to in message.To) mime.To.Add(MailboxAddress.Parse(to));
        mime.Body = new BodyBuilder { HtmlBody = message.Html, TextBody = message.Text }.ToMessageBody();

        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(o.Smtp.Host, o.Smtp.Port, o.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(o.Smtp.Username)) await client.AuthenticateAsync(o.Smtp.Username, o.Smtp.Password ?? "", ct);
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
    }
}
