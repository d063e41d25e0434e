using System.Collections.Concurrent;
using Billing.Core.Payments;
using Billing.Infrastructure.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// The sandbox, seen through the port: it records which merchant each checkout and each verification was given, since the
/// sandbox itself takes no real money and verifies every merchant's notifications with its one secret (F11 over HTTP).
/// </summary>
public sealed class RecordingProvider(SandboxPaymentProvider sandbox) : IPaymentProvider
{
    public ConcurrentQueue<CheckoutRequest> Checkouts { get; } = new();
    public ConcurrentQueue<(string? AccountId, string? InvoiceId, MerchantCredentials? Merchant)> Verifications { get; } = new();

    /// <summary>Puts it in place of the sandbox in the app's provider list (the sandbox's own pages keep the sandbox itself).</summary>
    public static void Install(IServiceCollection services)
    {
        services.RemoveAll<IPaymentProvider>();
        services.AddSingleton(sp => new RecordingProvider(sp.GetRequiredService<SandboxPaymentProvider>()));
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<RecordingProvider>());
    }

    public string Name => sandbox.Name;
    public IReadOnlyList<string> CheckoutOrigins => sandbox.CheckoutOrigins;

    public Task<Checkout> CreateCheckoutAsync(CheckoutRequest request, CancellationToken ct)
    {
        Checkouts.Enqueue(request);
        return sandbox.CreateCheckoutAsync(request, ct);
    }

    public WebhookClaim Claim(WebhookRequest request) => sandbox.Claim(request);

    public ProviderEvent VerifyAndParse(WebhookRequest request, MerchantCredentials? merchant, DateTimeOffset now)
    {
        var claim = sandbox.Claim(request);
        Verifications.Enqueue((claim.AccountId, claim.InvoiceId, merchant));
        return sandbox.VerifyAndParse(request, merchant, now);
    }

    public Task<RefundStarted> RefundAsync(RefundRequest request, MerchantCredentials? merchant, CancellationToken ct) => sandbox.RefundAsync(request, merchant, ct);

    public Task<ProviderEvent?> CheckoutStateAsync(CheckoutAttempt attempt, MerchantCredentials? merchant, CancellationToken ct) =>
        sandbox.CheckoutStateAsync(attempt, merchant, ct);
}
