using Billing.Core.Accounts;
using Billing.Core.Adjustments;
using Billing.Core.Audit;
using Billing.Core.Operators;
using Billing.Infrastructure.Accounts;
using Billing.Infrastructure.Audit;
using Billing.Infrastructure.Operators;
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
using Billing.Core.Payments.Merchants;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Core.Hosting;
using Billing.Core.Security;
using Billing.Core.WebSessions;
using Billing.Http.Api;
using Billing.Http.Endpoints;
using Billing.Http.Security;
using Billing.Infrastructure.Security;
using Microsoft.Extensions.Logging;
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
using Billing.Infrastructure.Payments.LiqPay;
using Billing.Infrastructure.Payments.Merchants;
using Billing.Infrastructure.Queues;
using Billing.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Billing.Http;

/// <summary>The one registration both hosts call: options, rules, adapters, handlers and the two entry-point tables.</summary>
public static class BillingRegistration
{
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(configuration);
        services.AddBillingTelemetry(configuration);
        services.AddBillingOptions();
        // Pages are Razor components rendered on the server (RazorComponentResult), in both hosts.
        services.AddRazorComponents();
        // Cyrillic as characters, not &#x...; entities (a page in Ukrainian stays a third of the size): the encoder still
        // escapes markup characters and the code points no page may carry raw.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        // Adapters
        services.AddSingleton<StorageClients>();
        services.AddSingleton<TableShardIndex>();
        services.AddSingleton<IShardIndex>(sp => sp.GetRequiredService<TableShardIndex>());
        services.AddSingleton<IAccountStore, TableAccountStore>();
        services.AddSingleton<IAccountReader>(sp => sp.GetRequiredService<IAccountStore>());
        services.AddSingleton<IJobRunLog, TableJobRunLog>();
        services.AddSingleton<IJobQueue, StorageQueueJobQueue>();
        services.AddSingleton<ICatalogSource, CatalogFile>();
        services.AddSingleton<IApiKeyStore, TableApiKeys>();
        services.AddHttpClient(SandboxPaymentProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SandboxPaymentProvider>();
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<SandboxPaymentProvider>());
        // Always registered: a tenant's own Stripe account (its customers' invoices) works without the vendor's keys; the
        // vendor's checkouts need Payments:Stripe (checked at start when Payments:Provider is stripe).
        services.AddHttpClient(StripePaymentProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<StripePaymentProvider>();
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<StripePaymentProvider>());
        services.AddHttpClient(LiqPayApi.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<LiqPayApi>();
        services.AddSingleton<IPaymentProvider, LiqPayPaymentProvider>();
        services.AddSingleton<ICheckoutIndex, TableCheckoutIndex>();
        services.AddSingleton<Checkouts>();
        services.AddSingleton(sp => new PaymentProviders(sp.GetServices<IPaymentProvider>(), sp.GetRequiredService<IOptions<PaymentsOptions>>().Value.Provider));
        services.AddSingleton<ISecretProtector, EnvelopeSecretProtector>();
        services.AddSingleton<IWebhookLog, TableWebhookLog>();
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<IHolidayCalendar, HolidayFiles>();
        services.AddSingleton<IEmailRenderer, HandlebarsEmailRenderer>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        // G2: the CRM's events go to its webhook, a Service Bus topic, or both (Events:Transport, checked at start). The client
        // is built only when the topic is used; the container disposes it (closing its AMQP connection) when the host stops.
        services.AddHttpClient(SignedEventSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SignedEventSender>();
        services.AddSingleton(sp => new ServiceBusEventTopic(ServiceBusEventClient.Create(sp.GetRequiredService<IOptions<EventOptions>>().Value.ServiceBus), owned: true));
        services.AddSingleton<ServiceBusEventSender>();
        services.AddSingleton<IEventSender>(EventSenders.Select);
        services.AddSingleton<IOutboxQueue, StorageQueueOutboxQueue>();
        services.AddSingleton<IPublicLinks, TablePublicLinks>();
        services.AddHttpClient(SmsGatewayChannel.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(TelegramChannel.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<ICustomerChannel, EmailCustomerChannel>();
        services.AddSingleton<ICustomerChannel, SmsGatewayChannel>();
        services.AddSingleton<ICustomerChannel, TelegramChannel>();

        // The unit of work: outbox rows go to their queue after each commit, and every balance change reaches its handlers
        // (restrictions, D5), which are resolved late because they commit through the same unit of work.
        // After the outbox, the operators' indexes (P2) learn of the commit's audit entries, CRM events and flags; a created
        // account and every change of a name or email reach the account search.
        services.AddSingleton<Outbox>();
        services.AddSingleton<OperatorIndexes>();
        services.AddSingleton(sp => new AccountUnitOfWork(sp.GetRequiredService<IAccountStore>(),
            new CommitEffectsChain([sp.GetRequiredService<Outbox>(), sp.GetRequiredService<OperatorIndexes>()]),
            () => sp.GetServices<IBalanceChangeHandler>(), sp.GetRequiredService<ILogger<AccountUnitOfWork>>(), () => sp.GetServices<IAccountProfileHandler>(),
            sp.GetRequiredService<IShardIndex>()));
        services.AddSingleton<RestrictionService>();
        services.AddSingleton<IBalanceChangeHandler>(sp => sp.GetRequiredService<RestrictionService>());
        services.AddSingleton<IBalanceChangeHandler, Billing.Core.Runways.LowBalanceWatch>();

        // Rules
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<DeletionService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<Billing.Core.Usage.UsageIngestion>();
        services.AddSingleton<Billing.Core.Charging.ChargeDue>();
        services.AddSingleton<AccountSummaryService>();
        services.AddSingleton<TopUpService>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<PaymentApplication>();
        services.AddSingleton<MerchantConnections>();
        services.AddSingleton<WebhookVerification>();
        services.AddSingleton<CreditFollowUp>();
        services.AddSingleton<IPaymentTarget, AccountInvoicePayments>();
        services.AddSingleton<IPaymentTarget, CustomerInvoicePayments>();
        services.AddSingleton<IdempotencyService>();
        services.AddSingleton<InvoiceService>();
        services.AddSingleton<ServiceManager>();
        services.AddSingleton<PlanChangeService>();
        services.AddSingleton<CustomerService>();
        services.AddSingleton<CustomerInvoiceService>();
        services.AddSingleton<CustomerMessaging>();
        services.AddSingleton<CustomerSettingsService>();
        services.AddSingleton<PublicInvoiceService>();
        services.AddSingleton<MailingService>();
        services.AddSingleton<IOutboxOutcomeRows, MailingDelivery>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<IWebSessionStore, Billing.Infrastructure.WebSessions.TableWebSessions>();
        services.AddSingleton<WebSessionService>();

        // P2: the operator console's backend (issue 16): the audit log, adjustments, account search, flagged payments, CRM event
        // and message deliveries. Console pages call these services directly; the JSON API is a thin layer over them.
        services.AddSingleton<IAuditLog, TableAuditLog>();
        services.AddSingleton<IOperatorIndex, TableOperatorIndex>();
        services.AddSingleton<IAccountDirectory, TableAccountDirectory>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AccountSearch>();
        services.AddSingleton<IAccountProfileHandler>(sp => sp.GetRequiredService<AccountSearch>());
        services.AddSingleton<AdjustmentService>();
        services.AddSingleton<FlaggedPayments>();
        services.AddSingleton<EventDeliveries>();
        services.AddSingleton<MessageDeliveries>();
        services.AddSingleton<OperatorJobs>();

        // The job table: every job of the rules, each a class with its name and schedule (the Functions timers are checked against it).
        foreach (var job in typeof(IAccountJob).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAccountJob).IsAssignableFrom(t)))
            services.AddSingleton(typeof(IAccountJob), job);
        services.AddSingleton<JobRunner>();

        // HTTP surface (the endpoint table's handlers), its key check, and the queue handlers
        foreach (var handler in EndpointTable.HandlerTypes) services.TryAddSingleton(handler);
        services.AddSingleton<CallerAuthorization>();
        services.AddSingleton<PageSecurity>();
        services.AddSingleton<JobQueueHandler>();
        services.AddSingleton<JobTimers>();
        services.AddSingleton<OutboxQueueHandler>();
        return services;
    }
}

/// <summary>Creates tables and queues before the host takes traffic.</summary>
public sealed class StorageInitializer(StorageClients clients) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => clients.EnsureCreatedAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
