namespace Billing.Http.Api;

public sealed record CreateAccountBody(string? Name, string? Currency, string? TimeZone, string? Country, string? Language,
    string? PlanId, string? BillingMode, List<string>? AddOns, string? OwnerEmail);

public sealed record SettingsBody(string? Name, string? Currency, string? TimeZone, string? Country, string? Language,
    string? BillingMode, string? PlanId, List<string>? AddOns, string? OwnerEmail);

public sealed record SeatsBody(int? Seats);

public sealed record LoginBody(string? UserId, DateTimeOffset? At);

public sealed record UsageBody(string? Metric, long? Quantity);

public sealed record TopUpBody(long? Amount, string? ActingUserId, string? Role, string? ReturnUrl);

public sealed record OfflinePaymentBody(long? Amount, string? Currency, string? Reference, string? InvoiceId, string? OperatorId);
