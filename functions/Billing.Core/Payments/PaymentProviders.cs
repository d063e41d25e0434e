namespace Billing.Core.Payments;

/// <summary>The providers this deployment knows (for webhooks) and the one new checkouts go to.</summary>
public sealed class PaymentProviders(IEnumerable<IPaymentProvider> providers, string current)
{
    private readonly Dictionary<string, IPaymentProvider> _all = providers.ToDictionary(p => p.Name);

    public IPaymentProvider Current => _all.TryGetValue(current, out var p) ? p
        : throw new InvalidOperationException($"Payments:Provider '{current}' is not one of: {string.Join(", ", _all.Keys)}.");

    /// <summary>The vendor's own provider (<c>Payments:Provider</c>), by name.</summary>
    public string CurrentName => current;

    /// <summary>Every provider of this build: a tenant's customers may pay through any of them (F11), so pages allow all their checkouts.</summary>
    public IReadOnlyCollection<IPaymentProvider> All => _all.Values;

    public IReadOnlyCollection<string> Names => _all.Keys;

    public IPaymentProvider? Find(string name) => _all.GetValueOrDefault(name);
}
