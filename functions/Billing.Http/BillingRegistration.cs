using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.Charging;
using Billing.Core.Idempotency;
using Billing.Core.Invoices;
using Billing.Core.PlanChange;
using Billing.Core.Services;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Http.Api;
using Billing.Http.Jobs;
using Billing.Http.Pages;
using Billing.Http.Telemetry;
using Billing.Infrastructure.Catalog;
using Billing.Infrastructure.Jobs;
using Billing.Infrastructure.Payments;
using Billing.Infrastructure.Queues;
using Billing.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.Http;

/// <summary>The one registration both hosts call: rules, adapters and handlers.</summary>
public static class BillingRegistration
{
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddBillingTelemetry(configuration);

        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.Section)).ValidateOnStart();
        services.AddOptions<PaymentsOptions>().Bind(configuration.GetSection(PaymentsOptions.Section))
            .Validate(o => o.Provider != SandboxPaymentProvider.ProviderName || o.Sandbox.WebhookSecret.Length >= 16,
                "Payments:Sandbox:WebhookSecret must be set (16 characters at least) when the sandbox provider is used.")
            .ValidateOnStart();
        var jobOptions = configuration.GetSection("Jobs").Get<JobOptions>() ?? new JobOptions();
        services.AddSingleton(jobOptions);

        // Adapters
        services.AddSingleton<StorageClients>();
        services.AddSingleton<TableShardIndex>();
        services.AddSingleton<IShardIndex>(sp => sp.GetRequiredService<TableShardIndex>());
        services.AddSingleton<IAccountStore, TableAccountStore>();
        services.AddSingleton<IJobRunLog, TableJobRunLog>();
        services.AddSingleton<IJobQueue, StorageQueueJobQueue>();
        services.AddSingleton<ICatalogSource, CatalogFile>();
        services.AddHttpClient(SandboxPaymentProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SandboxPaymentProvider>();
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<SandboxPaymentProvider>());
        services.AddSingleton(sp => new PaymentProviders(sp.GetServices<IPaymentProvider>(), sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.Provider));
        services.AddHostedService<StorageInitializer>();

        // Rules
        services.AddSingleton<AccountTransactions>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountSummaryService>();
        services.AddSingleton<TopUpService>();
        services.AddSingleton<PaymentApplication>();
        services.AddSingleton<IdempotencyService>();
        services.AddSingleton<IAccountJob, DailyChargeJob>();
        services.AddSingleton<IAccountJob, MonthlyPostpaidJob>();
        services.AddSingleton<IAccountJob, ServiceRenewalJob>();
        services.AddSingleton<InvoiceService>();
        services.AddSingleton<ServiceManager>();
        services.AddSingleton<PlanChangeService>();
        services.AddSingleton<JobRunner>();

        // HTTP surface and queue handler
        services.AddSingleton<ApiRunner>();
        services.AddSingleton<AccountsApi>();
        services.AddSingleton<LedgerApi>();
        services.AddSingleton<TopUpsApi>();
        services.AddSingleton<WebhooksApi>();
        services.AddSingleton<OperatorApi>();
        services.AddSingleton<CatalogApi>();
        services.AddSingleton<SandboxCheckoutPages>();
        services.AddSingleton<InvoicesApi>();
        services.AddSingleton<ServicesApi>();
        services.AddSingleton<JobQueueHandler>();
        services.AddSingleton<JobTimers>();
        return services;
    }
}

/// <summary>Creates tables and queues before the host takes traffic.</summary>
public sealed class StorageInitializer(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clients.EnsureCreatedAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
