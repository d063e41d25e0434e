namespace Billing.Infrastructure.CustomerBilling;

/// <summary>The HTTP gateways customer messages go through (F5). Tokens come from Key Vault in Azure (S4).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public SmsGatewayOptions Sms { get; set; } = new();
    public TelegramOptions Telegram { get; set; } = new();
}

public sealed class SmsGatewayOptions
{
    /// <summary>POST endpoint taking <c>{messageId, to, text}</c> (most SMS and WhatsApp gateways accept this shape or a thin proxy does).</summary>
    public string Url { get; set; } = "";
    /// <summary>Sent as <c>Authorization: Bearer …</c>.</summary>
    public string ApiKey { get; set; } = "";
    public string Sender { get; set; } = "";
}

public sealed class TelegramOptions
{
    /// <summary>The Bot API base; a local receiver in tests.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";
    public string BotToken { get; set; } = "";
}
