using System.Security.Cryptography;
using Billing.Core.Accounts;
using Billing.Core.Payments;
using Billing.Core.Payments.Merchants;
using Billing.Infrastructure.Payments.Merchants;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Billing.Core.Tests.Payments;

/// <summary>A tenant account in memory, the real envelope protector, and providers that are Moq mocks (the port, not an adapter).</summary>
internal sealed class MerchantFixture
{
    public const string Tenant = "acc_tenant";
    public readonly InMemoryAccountStore Store = new();
    public readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    public readonly Dictionary<string, Mock<IPaymentProvider>> Providers = new();
    public string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public MerchantFixture(string current = "mockpay", params string[] others)
    {
        Current = current;
        foreach (var name in others.Prepend(current))
        {
            var mock = new Mock<IPaymentProvider>(MockBehavior.Strict);
            mock.Setup(p => p.Name).Returns(name);
            Providers[name] = mock;
        }
        Store.CreateAsync(new Account { Id = Tenant, Name = "School", Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "standard" },
            CancellationToken.None).GetAwaiter().GetResult();
    }

    public string Current { get; }

    public MerchantConnections Merchants(string? key = null) => new(TestPipeline.UnitOfWork(Store),
        new EnvelopeSecretProtector(Options.Create(new MerchantKeyOptions { KeyEncryptionKey = key ?? Key })),
        new PaymentProviders(Providers.Values.Select(m => m.Object), Current), Clock, NullLogger<MerchantConnections>.Instance);

    public WebhookVerification Verification(string? key = null) => new(Merchants(key), NullLogger<WebhookVerification>.Instance);
}
