using Billing.Core.Accounts;
using Billing.Core.TopUps;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Billing.Server.Hosting;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }
    public string MailInboxUrl { get; set; } = "http://127.0.0.1:1080";
}

/// <summary>
/// For local runs (Demo:Enabled): a demo tenant, activated, with seats and a pending top-up, and the URLs to try
/// printed once the server listens. Idempotency keys make a restart find the same tenant instead of a second one.
/// </summary>
public sealed class DemoSeeder(IServer server, IHostApplicationLifetime lifetime, AccountService accounts, TopUpService topUps,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options, ILogger<DemoSeeder> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var started = new TaskCompletionSource();
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var baseUrl = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("0.0.0.0", "127.0.0.1") ?? "http://127.0.0.1:5080";

        var account = await accounts.CreateAsync(new CreateAccount("Demo CRM tenant", "UAH", "Europe/Kyiv", "UA", Language.Uk, "standard", null, ["telephony"], "owner@demo.example"), "demo-tenant", stoppingToken);
        account = await accounts.ActivateAsync(account.Id, stoppingToken);
        await accounts.ReportSeatsAsync(account.Id, 7, stoppingToken);
        var topUp = await topUps.CreateAsync(account.Id, new TopUpRequest(1_074_000, "owner", Role.Owner, null), "demo-topup", stoppingToken);

        log.LogInformation("""

            Billing server is up.
              API:               {Api}/api  (OpenAPI: {Api}/openapi/v1.json; send x-functions-key)
              Demo account:      {Account}
              Sandbox checkout:  {Checkout}  (pending top-up {Number}: {Amount})
              Mail inbox:        {Mail}
            """, baseUrl, baseUrl, account.Id, topUp.CheckoutUrl, topUp.Invoice.Number,
            new Core.Money.Money(topUp.Invoice.Amount, topUp.Invoice.Currency), options.Value.MailInboxUrl);
    }
}
