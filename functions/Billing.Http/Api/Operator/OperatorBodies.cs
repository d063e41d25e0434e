namespace Billing.Http.Api.Operator;

/// <summary>P2 bodies. <c>operatorId</c> names the person at the console behind the operator key (optional; the key is always recorded).</summary>
public sealed record AdjustmentBody(long? Amount, string? Currency, string? Reason, string? IdempotencyKey, string? OperatorId);

public sealed record FlagResolutionBody(string? Resolution, string? Note, string? OperatorId);

/// <summary>An optional body of a replay or resend: who and why.</summary>
public sealed record RedeliveryBody(string? OperatorId, string? Reason);

public sealed record RangeReplayBody(string? AccountId, DateTimeOffset? From, DateTimeOffset? To, string? OperatorId, string? Reason);
