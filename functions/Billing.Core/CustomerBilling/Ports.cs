namespace Billing.Core.CustomerBilling;

/// <summary>Where a public invoice token leads: the tenant and the invoice (the cross-account index, S1).</summary>
public sealed record PublicLink(string Token, string AccountId, string InvoiceId);

/// <summary>The index of public invoice tokens (port). A token is written before its invoice, so none is ever orphaned the other way.</summary>
public interface IPublicLinks
{
    Task AddAsync(PublicLink link, CancellationToken ct);
    Task<PublicLink?> FindAsync(string token, CancellationToken ct);
}

/// <summary>A message to one of a tenant's customers, already rendered.</summary>
public sealed record CustomerMessage(string MessageId, MessageChannel Channel, string To, string Subject, string Text);

/// <summary>Email, SMS or Telegram (F5): one port, one adapter per channel.</summary>
public interface ICustomerChannel
{
    MessageChannel Channel { get; }
    /// <summary>Whether this deployment can send on the channel (a gateway or bot is configured); rules and sends need it.</summary>
    bool IsConfigured { get; }
    Task SendAsync(CustomerMessage message, CancellationToken ct);
}

public sealed class CustomerBillingOptions
{
    public const string Section = "CustomerBilling";

    /// <summary>Base of public invoice links (<c>{base}/api/pay/{token}</c>) in messages and answers, when not <c>Api:PublicBaseUrl</c> (S1: configuration only).</summary>
    public string PublicBaseUrl { get; set; } = "";
    /// <summary>
    /// The vendor's public offer, linked on invoices of tenants that set none (F3). A deployment setting with no default in
    /// code: a host without it does not start (an invented link must never reach a payer).
    /// </summary>
    public string DefaultPublicOfferUrl { get; set; } = "";
    /// <summary>Customers processed at once within one tenant's mailing run.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int MailingParallelism { get; set; } = 4;
}
