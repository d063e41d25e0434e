namespace Billing.Core.Accounts;

public sealed record CreateAccount(string Name, string Currency, string TimeZone, string Country, Language Language,
    string PlanId, BillingMode? BillingMode, IReadOnlyList<string>? AddOns, string? OwnerEmail);

/// <summary>Settings to change; null leaves a setting as it is.</summary>
public sealed record AccountSettingsChange(string? Name, string? Currency, string? TimeZone, string? Country, Language? Language,
    BillingMode? BillingMode, string? PlanId, IReadOnlyList<string>? AddOns, string? OwnerEmail,
    bool? MayWorkWithoutBalance = null, bool? InvoicesFromExternalSystem = null, Restrictions.RestrictionPolicy? RestrictionPolicy = null,
    IReadOnlyList<string>? AdminEmails = null, int? LowBalanceDays = null);

public sealed record UsageReport(string Metric, long Quantity);
