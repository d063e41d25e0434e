namespace Billing.Http.Api;

public sealed record CreateAccountBody(string? Name, string? Currency, string? TimeZone, string? Country, string? Language,
    string? PlanId, string? BillingMode, List<string>? AddOns, string? OwnerEmail);

public sealed record SettingsBody(string? Name, string? Currency, string? TimeZone, string? Country, string? Language,
    string? BillingMode, string? PlanId, List<string>? AddOns, string? OwnerEmail, bool? MayWorkWithoutBalance, bool? InvoicesFromExternalSystem,
    string? RestrictionPolicy, List<string>? AdminEmails, LowBalanceBody? LowBalance);

/// <summary>A6: <c>{days}</c> of runway below which the admins are alerted (0 turns it off).</summary>
public sealed record LowBalanceBody(int? Days);

public sealed record SeatsBody(int? Seats);

public sealed record LoginBody(string? UserId, DateTimeOffset? At);

public sealed record UsageBody(string? Metric, long? Quantity);

public sealed record TopUpBody(long? Amount, string? ActingUserId, string? Role, string? ReturnUrl);

public sealed record RefundBody(long? Amount, string? Reason, string? OperatorId);

public sealed record OfflinePaymentBody(long? Amount, string? Currency, string? Reference, string? InvoiceId, string? OperatorId);

public sealed record ActorBody(string? ActingUserId, string? Role, string? ReturnUrl);

public sealed record OperatorBody(string? OperatorId);

public sealed record ErpCompletionBody(string? Reference);

public sealed record OrderBody(string? ServiceId, string? Kind);

public sealed record ExternalInvoiceBody(string? Kind, long? Amount, string? Description, DateOnly? DueDate, bool? Prepaid, bool? ExternalErp, List<OrderBody>? Orders);

public sealed record SubscribeBody(string? ItemId, bool? AutoRenew);

public sealed record ServiceChangeBody(bool? AutoRenew);

public sealed record PlanChangeBody(string? PlanId, bool? Confirm, long? QuotedCost, string? ActingUserId, string? Role);
