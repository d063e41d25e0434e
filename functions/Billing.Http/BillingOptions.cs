using Billing.Core.Catalog;
using Billing.Core.CustomerBilling;
using Billing.Core.Deletion;
using Billing.Core.Hosting;
using Billing.Core.Idempotency;
using Billing.Core.Money;
using Billing.Core.Payments;
using Billing.Core.Jobs;
using Billing.Core.Restrictions;
using Billing.Core.Security;
using Billing.Infrastructure.Catalog;
using Billing.Infrastructure.CustomerBilling;
using Billing.Infrastructure.Email;
using Billing.Infrastructure.Events;
using Billing.Infrastructure.Holidays;
using Billing.Infrastructure.Payments;
using Billing.Infrastructure.Payments.LiqPay;
using Billing.Infrastructure.Payments.Merchants;
using Billing.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Http;

/// <summary>
/// Every setting the app reads, bound one way (ARCHITECTURE "Options"): bound from its section, checked by its data
/// annotations and its cross-field rule at start, so a wrong setting stops the host instead of a bill. The rules'
/// own option classes are also served as plain singletons, since the rules know nothing of IOptions.
/// </summary>
public static class BillingOptions
{
    public static IServiceCollection AddBillingOptions(this IServiceCollection services)
    {
        services.Bind<StorageOptions>(StorageOptions.Section, o => o.ConnectionString is { Length: > 0 } || (o.TableServiceUri is not null && o.QueueServiceUri is not null)
            ? null : "Storage: set Storage:ConnectionString, or Storage:TableServiceUri and Storage:QueueServiceUri.");
        services.Bind<CatalogOptions>(CatalogOptions.Section);
        services.Bind<HolidayOptions>(CatalogOptions.Section);
        services.Bind<PaymentsOptions>(PaymentsOptions.Section, PaymentsProblem);
        services.Bind<MerchantKeyOptions>(MerchantKeyOptions.Section, o => o.Problem());
        services.Bind<EmailOptions>(EmailOptions.Section);
        services.Bind<EventOptions>(EventOptions.Section, o => o.Problem());
        services.Bind<MessagingOptions>(MessagingOptions.Section);
        services.Bind<ApiOptions>(ApiOptions.Section, o => ApiOptions.IsAbsoluteHttp(o.PublicBaseUrl) ? null : "Api:PublicBaseUrl must be an absolute http(s) URL.").Serve();
        services.Bind<CustomerBillingOptions>(CustomerBillingOptions.Section, o =>
            o.PublicBaseUrl.Length > 0 && !ApiOptions.IsAbsoluteHttp(o.PublicBaseUrl) ? "CustomerBilling:PublicBaseUrl must be an absolute http(s) URL."
            : o.DefaultPublicOfferUrl.Length == 0 ? "CustomerBilling:DefaultPublicOfferUrl must be set: the vendor's public offer, linked on invoices of tenants that set none (F3)."
            : !ApiOptions.IsAbsoluteHttp(o.DefaultPublicOfferUrl) ? "CustomerBilling:DefaultPublicOfferUrl must be an absolute http(s) URL." : null).Serve();
        services.Bind<JobOptions>(JobOptions.Section).Serve();
        services.Bind<RestrictionOptions>(RestrictionOptions.Section, o => o.Problem()).Serve();
        services.Bind<DeletionOptions>(DeletionOptions.Section, o => o.Problem()).Serve();
        services.Bind<SecurityOptions>(SecurityOptions.Section, o => o.Problem()).Serve();
        services.Bind<MoneyOptions>(MoneyOptions.Section).Serve();
        services.Bind<IdempotencyOptions>(IdempotencyOptions.Section).Serve();
        services.Bind<NotificationOptions>(NotificationOptions.Section).Serve();
        services.Bind<ReconcileOptions>(ReconcileOptions.Section).Serve();
        services.Bind<Core.WebSessions.WebSessionOptions>(Core.WebSessions.WebSessionOptions.Section).Serve();
        return services;
    }

    /// <summary>The provider new checkouts go to must be one this deployment has, with what it needs.</summary>
    private static string? PaymentsProblem(PaymentsOptions o) =>
        !PaymentsOptions.Providers.Contains(o.Provider) ? $"Payments:Provider '{o.Provider}' is not one of: {string.Join(", ", PaymentsOptions.Providers)}."
        : o.Provider == SandboxPaymentProvider.ProviderName && o.Sandbox.WebhookSecret.Length < 16
            ? "Payments:Sandbox:WebhookSecret must be set (16 characters at least) when the sandbox provider is used."
        : o.Sandbox.WebhookUrl is { Length: > 0 } url && !ApiOptions.IsAbsoluteHttp(url) ? "Payments:Sandbox:WebhookUrl must be an absolute http(s) URL."
        : o.LiqPay.Problem(current: o.Provider == LiqPayPaymentProvider.ProviderName) ?? StripeProblem(o);

    private static string? StripeProblem(PaymentsOptions o) =>
        o.Provider == StripePaymentProvider.ProviderName && !o.Stripe.Configured
            ? "Payments:Stripe:ApiKey and Payments:Stripe:WebhookSecret must be set when the Stripe provider is used."
        : !ApiOptions.IsAbsoluteHttp(o.Stripe.ApiBase) ? "Payments:Stripe:ApiBase must be an absolute http(s) URL."
        : o.Stripe.CheckoutOrigins.FirstOrDefault(origin => !ApiOptions.IsAbsoluteHttp(origin)) is { } bad
            ? $"Payments:Stripe:CheckoutOrigins: '{bad}' must be an absolute http(s) origin."
        : null;

    /// <summary><c>AddOptions().BindConfiguration().ValidateDataAnnotations().ValidateOnStart()</c>, with a cross-field rule when given.</summary>
    private static OptionsBuilder<T> Bind<T>(this IServiceCollection services, string section, Func<T, string?>? problem = null) where T : class
    {
        if (problem is not null) services.AddSingleton<IValidateOptions<T>>(new CrossFieldRule<T>(problem));
        return services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>The bound and validated value as a plain singleton, for the rules.</summary>
    private static void Serve<T>(this OptionsBuilder<T> options) where T : class =>
        options.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);

    private sealed class CrossFieldRule<T>(Func<T, string?> problem) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problem(options) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
    }
}
