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

/// <summary><paramref name="RefundId"/> only on <c>refund.succeeded</c>, where <paramref name="Amount"/> is the amount returned.</summary>
public sealed record SandboxEventData(string CheckoutId, string AccountId, string InvoiceId, long Amount, string Currency, string? RefundId = null);

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
    /// The payer pressed Pay or Decline: record the outcome (the provider knows it whether or not the merchant hears of it),
    /// then sign and post the webhook. The event id is derived from the checkout and outcome, so pressing again resends the
    /// same event, and reconciliation names the same one.
    /// </summary>
    public async Task<(bool Delivered, int Status)> CompleteAsync(SandboxCheckout checkout, bool paid, CancellationToken ct) =>
        await PostAsync(Outcome(await RecordOutcomeAsync(checkout, paid, ct))!, checkout.InvoiceId, ct);

    /// <summary>The payer's choice as the sandbox keeps it (what reconciliation and refunds read).</summary>
    public async Task<SandboxCheckout> RecordOutcomeAsync(SandboxCheckout checkout, bool paid, CancellationToken ct)
    {
        var updated = checkout with { Status = paid ? SandboxStatus.Paid : SandboxStatus.Declined };
        await clients.Sandbox.UpsertEntityAsync(Rows.ToEntity(Partition, updated), TableUpdateMode.Replace, ct);
        return updated;
    }

    private static SandboxEvent? Outcome(SandboxCheckout c)
    {
        var type = c.Status switch { SandboxStatus.Paid => "checkout.completed", SandboxStatus.Declined => "checkout.declined", _ => null };
        return type is null ? null : new SandboxEvent("evt_" + Core.Validation.Ids.Hash(c.Id + "/" + type)[..24], type, c.CreatedAt.ToUnixTimeSeconds(),
            new SandboxEventData(c.Id, c.AccountId, c.InvoiceId, c.Amount, c.Currency));
    }

    private async Task<(bool Delivered, int Status)> PostAsync(SandboxEvent evt, string invoiceId, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(evt with { Created = clock.GetUtcNow().ToUnixTimeSeconds() }, Json);
        var url = options.Value.Sandbox.WebhookUrl is { Length: > 0 } configured ? configured : api.Value.Url($"webhooks/{ProviderName}");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(body, Secret, clock.GetUtcNow()));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        log.LogInformation("Sandbox webhook {EventId} ({Type}) for {InvoiceId} → {Url}: {Status}", evt.Id, evt.Type, invoiceId, url, (int)response.StatusCode);
        return (response.IsSuccessStatusCode, (int)response.StatusCode);
    }

    public WebhookClaim Claim(WebhookRequest request)
    {
        try { return JsonSerializer.Deserialize<SandboxEvent>(request.Body, Json)?.Data is { } d ? new WebhookClaim(d.AccountId, d.InvoiceId) : new WebhookClaim(null, null); }
        catch (JsonException) { return new WebhookClaim(null, null); }
    }

    /// <summary>The sandbox has one signing secret for every merchant: it stands in for a provider, not for a tenant's account at one.</summary>
    public ProviderEvent VerifyAndParse(WebhookRequest request, MerchantCredentials? merchant, DateTimeOffset now)
    {
        WebhookSignature.Verify(request.Body, request.Header(SignatureHeader), Secret, now, WebhookSignature.DefaultTolerance);
        SandboxEvent? evt;
        try { evt = JsonSerializer.Deserialize<SandboxEvent>(request.Body, Json); }
        catch (JsonException e) { throw new WebhookRejectedException("payload malformed: " + e.Message); }
        if (evt?.Data is null || string.IsNullOrEmpty(evt.Id)) throw new WebhookRejectedException("payload malformed");
        return Parse(evt);
    }

    private static ProviderEvent Parse(SandboxEvent evt)
    {
        var type = evt.Type switch
        {
            "checkout.completed" => ProviderEventType.PaymentSucceeded,
            "checkout.declined" => ProviderEventType.PaymentFailed,
            "refund.succeeded" => ProviderEventType.Refunded,
            _ => ProviderEventType.Ignored,
        };
        return new ProviderEvent(ProviderName, evt.Id, type, evt.Data.AccountId, evt.Data.InvoiceId,
            new Core.Money.Money(evt.Data.Amount, evt.Data.Currency), evt.Data.CheckoutId)
        { PaymentId = evt.Data.CheckoutId, RefundId = evt.Data.RefundId };
    }

    /// <summary>A refund succeeds at once in the sandbox, and is confirmed by its signed webhook like a real provider's.</summary>
    public async Task<RefundStarted> RefundAsync(RefundRequest request, MerchantCredentials? merchant, CancellationToken ct)
    {
        var checkout = await FindAsync(request.PaymentId, ct);
        if (checkout is not { Status: SandboxStatus.Paid }) throw new ProviderCallException(ProviderName, $"no paid checkout '{request.PaymentId}'");
        if (request.Amount.Currency != checkout.Currency || request.Amount.Minor <= 0 || request.Amount.Minor > checkout.Amount)
            throw new ProviderCallException(ProviderName, $"cannot refund {request.Amount} of {checkout.Amount} {checkout.Currency}");
        var refundId = "re_" + Core.Validation.Ids.Hash(request.RefundKey)[..24];
        var evt = new SandboxEvent("evt_" + Core.Validation.Ids.Hash(refundId)[..24], "refund.succeeded", 0,
            new SandboxEventData(checkout.Id, checkout.AccountId, checkout.InvoiceId, request.Amount.Minor, request.Amount.Currency, refundId));
        await PostAsync(evt, checkout.InvoiceId, ct);
        return new RefundStarted(refundId);
    }

    public async Task<ProviderEvent?> CheckoutStateAsync(CheckoutAttempt attempt, MerchantCredentials? merchant, CancellationToken ct) =>
        await FindAsync(attempt.CheckoutId, ct) is { } c && Outcome(c) is { } evt ? Parse(evt) : null;
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
