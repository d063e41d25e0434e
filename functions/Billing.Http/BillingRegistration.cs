using Billing.Core.Accounts;
using Billing.Core.Catalog;
using Billing.Core.CustomerBilling;
using Billing.Core.Charging;
using Billing.Core.Deletion;
using Billing.Core.Idempotency;
using Billing.Core.Notifications;
using Billing.Core.Restrictions;
using Billing.Core.Invoices;
using Billing.Core.PlanChange;
using Billing.Core.Services;
using Billing.Core.Jobs;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Http.Api;
using Billing.Http.Api.CustomerBilling;
using Billing.Http.Jobs;
using Billing.Http.Pages;
using Billing.Http.Telemetry;
using Billing.Infrastructure.Catalog;
using Billing.Infrastructure.CustomerBilling;
using Billing.Infrastructure.Email;
using Billing.Infrastructure.Events;
using Billing.Infrastructure.Holidays;
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
        services.AddSingleton(configuration.GetSection("Restrictions").Get<RestrictionOptions>() ?? new RestrictionOptions());
        services.AddSingleton(configuration.GetSection("Deletion").Get<DeletionOptions>() ?? new DeletionOptions());
        services.AddOptions<HolidayOptions>().Bind(configuration.GetSection(CatalogOptions.Section));
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.Section));
        services.AddSingleton(configuration.GetSection(CustomerBillingOptions.Section).Get<CustomerBillingOptions>() ?? new CustomerBillingOptions());
        services.AddOptions<MessagingOptions>().Bind(configuration.GetSection(MessagingOptions.Section));

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
        services.AddSingleton<IHolidayCalendar, HolidayFiles>();
        services.AddSingleton<IEmailRenderer, HandlebarsEmailRenderer>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddHttpClient(SignedEventSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<IEventSender, SignedEventSender>();
        services.AddSingleton<IOutboxQueue, StorageQueueOutboxQueue>();
        services.AddSingleton<IPublicLinks, TablePublicLinks>();
        services.AddHttpClient(SmsGatewayChannel.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(TelegramChannel.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<ICustomerChannel, EmailCustomerChannel>();
        services.AddSingleton<ICustomerChannel, SmsGatewayChannel>();
        services.AddSingleton<ICustomerChannel, TelegramChannel>();

        // Rules
        services.AddSingleton<Outbox>();
        // Restrictions keep transactions of their own (no balance handler), and every other transaction tells them of a balance change.
        services.AddSingleton(sp => new RestrictionService(new AccountTransactions(sp.GetRequiredService<IAccountStore>(), sp.GetRequiredService<Outbox>()),
            sp.GetRequiredService<RestrictionOptions>(), sp.GetRequiredService<IHolidayCalendar>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RestrictionService>>()));
        services.AddSingleton(sp => new AccountTransactions(sp.GetRequiredService<IAccountStore>(), sp.GetRequiredService<Outbox>(), sp.GetRequiredService<RestrictionService>()));
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<DeletionService>();
        services.AddSingleton<IAccountJob>(sp => sp.GetRequiredService<DeletionService>());
        services.AddSingleton<IAccountJob, RestrictionJob>();
        services.AddSingleton<IAccountJob, OutboxSweepJob>();
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
        services.AddSingleton<CustomerService>();
        services.AddSingleton<CustomerInvoiceService>();
        services.AddSingleton<CustomerMessaging>();
        services.AddSingleton<CustomerSettingsService>();
        services.AddSingleton<CustomerPayments>();
        services.AddSingleton<PublicInvoiceService>();
        services.AddSingleton<MailingService>();
        services.AddSingleton<IAccountJob, MailingJob>();

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
        services.AddSingleton<OutboxQueueHandler>();
        services.AddSingleton<AccessApi>();
        services.AddSingleton<CustomersApi>();
        services.AddSingleton<CustomerInvoicesApi>();
        services.AddSingleton<MailingApi>();
        services.AddSingleton<PublicInvoicePages>();
        return services;
    }
}

/// <summary>Creates tables and queues before the host takes traffic.</summary>
public sealed class StorageInitializer(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clients.EnsureCreatedAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
