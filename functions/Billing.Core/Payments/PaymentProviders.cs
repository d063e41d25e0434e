namespace Billing.Core.Payments;

/// <summary>The providers this deployment knows (for webhooks) and the one new checkouts go to.</summary>
public sealed class PaymentProviders(IEnumerable<IPaymentProvider> providers, string current)
{
    private readonly Dictionary<string, IPaymentProvider> _all = providers.ToDictionary(p => p.Name);

    public IPaymentProvider Current => _all.TryGetValue(current, out var p) ? p
        : throw new InvalidOperationException($"Payments:Provider '{current}' is not one of: {string.Join(", ", _all.Keys)}.");

    public IPaymentProvider? Find(string name) => _all.GetValueOrDefault(name);
}
