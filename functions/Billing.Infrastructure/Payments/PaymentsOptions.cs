using Billing.Infrastructure.Payments.LiqPay;

namespace Billing.Infrastructure.Payments;

public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>The providers this build has: one folder each behind <see cref="Core.Payments.IPaymentProvider"/>.</summary>
    public static readonly IReadOnlyList<string> Providers = [SandboxPaymentProvider.ProviderName, LiqPayPaymentProvider.ProviderName];

    /// <summary>The provider new checkouts go to: <c>sandbox</c> here; Stripe is the next adapter behind the same port.</summary>
    public string Provider { get; set; } = "sandbox";
    public SandboxOptions Sandbox { get; set; } = new();
    public LiqPayOptions LiqPay { get; set; } = new();
}
