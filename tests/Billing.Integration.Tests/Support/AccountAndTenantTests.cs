using Billing.Integration.Tests.CustomerBilling;

namespace Billing.Integration.Tests.Support;

/// <summary>One app for a test class, with an active vendor account, a tenant and one of its customers to aim requests at.</summary>
public abstract class AccountAndTenantTests : IAsyncLifetime
{
    protected BillingApp _app = null!;
    protected string _account = "";
    protected string _tenant = "";
    protected string _customer = "";

    public async Task InitializeAsync()
    {
        _app = await BillingApp.StartAsync();
        _account = await _app.CreateActiveAccountAsync(seats: 2);
        _tenant = await _app.CreateTenantAsync();
        _customer = await _app.CreateCustomerAsync(_tenant, "Olena");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
