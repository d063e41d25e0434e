using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Billing.Core.Hosting;
using Billing.Core.Payments;
using Billing.Infrastructure.Storage.Rows;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Payments;

public enum SandboxStatus { Open, Paid, Declined }

public sealed record SandboxCheckout(string Id, string AccountId, string InvoiceId, string InvoiceNumber, long Amount, string Currency,
    string Description, string ReturnUrl, SandboxStatus Status, DateTimeOffset CreatedAt);

public sealed record SandboxEventData(string CheckoutId, string AccountId, string InvoiceId, long Amount, string Currency);

public sealed record SandboxEvent(string Id, string Type, long Created, SandboxEventData Data);

/// <summary>
/// A payment provider that lives inside this app, for local runs and tests: a hosted checkout page with Pay and
/// Decline, and webhooks signed and posted exactly as a real provider would (over HTTP, timestamped HMAC).
/// Its checkouts are its own table, as a real provider's are its own database.
/// </summary>
public sealed class SandboxPaymentProvider(Storage.StorageClients clients, IOptions<PaymentsOptions> options, IOptions<ApiOptions> api, IHttpClientFactory http,
    TimeProvider clock, ILogger<SandboxPaymentProvider> log) : IPaymentProvider
{
    public const string ProviderName = "sandbox";
    public const string SignatureHeader = "Sandbox-Signature";
    public const string HttpClientName = "sandbox-webhooks";
    private const string Partition = "checkout";
    private static readonly SandboxCheckoutRows Rows = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string Name => ProviderName;

    /// <summary>The sandbox's checkout pages are this app's own, on <c>Api:PublicBaseUrl</c>.</summary>
    public IReadOnlyList<string> CheckoutOrigins => [Origins.Of(api.Value.PublicBaseUrl)];

    private string Secret => options.Value.Sandbox.WebhookSecret;

    public async Task<Checkout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        var id = "cs_" + Core.Validation.Ids.Hash(request.AccountId + "/" + request.InvoiceId + (request.Attempt > 0 ? "/" + request.Attempt : ""))[..24];
        var checkout = new SandboxCheckout(id, request.AccountId, request.InvoiceId, request.InvoiceNumber, request.Amount.Minor,
            request.Amount.Currency, request.Description, request.ReturnUrl, SandboxStatus.Open, clock.GetUtcNow());
        try { await clients.Sandbox.AddEntityAsync(Rows.ToEntity(Partition, checkout), ct); }
        catch (RequestFailedException e) when (e.Status == 409) { /* same invoice, same checkout */ }
        return new Checkout(id, api.Value.Url($"sandbox/checkout/{id}"));
    }

    public async Task<SandboxCheckout?> FindAsync(string checkoutId, CancellationToken ct)
    {
        if (!Core.Validation.Ids.IsValid(checkoutId)) return null;
        var found = await clients.Sandbox.GetEntityIfExistsAsync<TableEntity>(Partition, checkoutId, cancellationToken: ct);
        return found.HasValue ? Rows.Read(found.Value!) : null;
    }

    /// <summary>
    /// The payer pressed Pay or Decline: sign and post the webhook to the merchant, then record the outcome.
    /// The event id is derived from the checkout and outcome, so pressing again resends the same event.
    /// </summary>
    public async Task<(bool Delivered, int Status)> CompleteAsync(SandboxCheckout checkout, bool paid, CancellationToken ct)
    {
        var type = paid ? "checkout.completed" : "checkout.declined";
        var evt = new SandboxEvent("evt_" + Core.Validation.Ids.Hash(checkout.Id + "/" + type)[..24], type, clock.GetUtcNow().ToUnixTimeSeconds(),
            new SandboxEventData(checkout.Id, checkout.AccountId, checkout.InvoiceId, checkout.Amount, checkout.Currency));
        var body = JsonSerializer.Serialize(evt, Json);
        var url = options.Value.Sandbox.WebhookUrl is { Length: > 0 } configured ? configured : api.Value.Url($"webhooks/{ProviderName}");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(body, Secret, clock.GetUtcNow()));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        log.LogInformation("Sandbox webhook {EventId} ({Type}) for {InvoiceId} → {Url}: {Status}", evt.Id, type, checkout.InvoiceId, url, (int)response.StatusCode);
        if (!response.IsSuccessStatusCode) return (false, (int)response.StatusCode);
        var updated = checkout with { Status = paid ? SandboxStatus.Paid : SandboxStatus.Declined };
        await clients.Sandbox.UpsertEntityAsync(Rows.ToEntity(Partition, updated), TableUpdateMode.Replace, ct);
        return (true, (int)response.StatusCode);
    }

    public ProviderEvent VerifyAndParse(string body, Func<string, string?> header, DateTimeOffset now)
    {
        WebhookSignature.Verify(body, header(SignatureHeader), Secret, now, WebhookSignature.DefaultTolerance);
        SandboxEvent? evt;
        try { evt = JsonSerializer.Deserialize<SandboxEvent>(body, Json); }
        catch (JsonException e) { throw new WebhookRejectedException("payload malformed: " + e.Message); }
        if (evt?.Data is null || string.IsNullOrEmpty(evt.Id)) throw new WebhookRejectedException("payload malformed");
        var type = evt.Type switch
        {
            "checkout.completed" => ProviderEventType.PaymentSucceeded,
            "checkout.declined" => ProviderEventType.PaymentFailed,
            _ => ProviderEventType.Ignored,
        };
        return new ProviderEvent(ProviderName, evt.Id, type, evt.Data.AccountId, evt.Data.InvoiceId,
            new Core.Money.Money(evt.Data.Amount, evt.Data.Currency), evt.Data.CheckoutId);
    }
}

/// <summary>The sandbox's own checkouts (its table, PK <c>checkout</c>): RowKey the checkout id.</summary>
public sealed class SandboxCheckoutRows : RowMapper<SandboxCheckout>
{
    public override string Key(SandboxCheckout row) => row.Id;

    protected override void Write(SandboxCheckout x, Columns c)
    {
        c.Text("Id", x.Id); c.Text("AccountId", x.AccountId); c.Text("InvoiceId", x.InvoiceId); c.Text("InvoiceNumber", x.InvoiceNumber);
        c.Long("Amount", x.Amount); c.Text("Currency", x.Currency); c.Text("Description", x.Description); c.Text("ReturnUrl", x.ReturnUrl);
        c.Enum("Status", x.Status); c.Time("CreatedAt", x.CreatedAt);
    }

    protected override SandboxCheckout Read(Columns c) => new(c.Text("Id"), c.Text("AccountId"), c.Text("InvoiceId"), c.Text("InvoiceNumber"),
        c.Long("Amount"), c.Text("Currency"), c.Text("Description"), c.TextOrNull("ReturnUrl") ?? "", c.Choice<SandboxStatus>("Status"), c.Time("CreatedAt"));
}
