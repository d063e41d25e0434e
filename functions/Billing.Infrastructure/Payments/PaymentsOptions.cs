using Billing.Infrastructure.Payments.LiqPay;

namespace Billing.Infrastructure.Payments;

public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>The providers this build has: one folder each behind <see cref="Core.Payments.IPaymentProvider"/>.</summary>
    public static readonly IReadOnlyList<string> Providers = [SandboxPaymentProvider.ProviderName, StripePaymentProvider.ProviderName, LiqPayPaymentProvider.ProviderName];

    /// <summary>The provider new checkouts go to: <c>sandbox</c> (the local default), <c>stripe</c> or <c>liqpay</c>.</summary>
    public string Provider { get; set; } = "sandbox";
    public SandboxOptions Sandbox { get; set; } = new();
    public StripeOptions Stripe { get; set; } = new();
    public LiqPayOptions LiqPay { get; set; } = new();
}
