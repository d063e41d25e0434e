namespace Billing.Core;

/// <summary>How a refused request maps to HTTP: the handlers never pick status codes themselves.</summary>
public enum ErrorKind { Invalid, Forbidden, NotFound, Conflict, Refused, Busy }

/// <summary>A domain error with a stable machine code; Billing.Http maps it to problem+json.</summary>
public sealed class BillingException(ErrorKind kind, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public ErrorKind Kind { get; } = kind;
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
    /// <summary>For <see cref="ErrorKind.Busy"/>: when a retry may succeed.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    public static BillingException Invalid(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) => new(ErrorKind.Invalid, code, detail, errors);
    public static BillingException Forbidden(string code, string detail) => new(ErrorKind.Forbidden, code, detail);
    public static BillingException NotFound(string what, string id) => new(ErrorKind.NotFound, $"{what}_not_found", $"No {what} '{id}'.");
    public static BillingException Conflict(string code, string detail) => new(ErrorKind.Conflict, code, detail);
    public static BillingException Refused(string code, string detail) => new(ErrorKind.Refused, code, detail);

    /// <summary>Contention on one account outlasted the retries: nothing was written; try again after <paramref name="retryAfter"/>.</summary>
    public static BillingException Busy(string accountId, TimeSpan retryAfter) =>
        new(ErrorKind.Busy, "account_busy", $"Account {accountId} is busy with other changes; nothing was written. Retry after {retryAfter.TotalSeconds:F0} s.")
        { RetryAfter = retryAfter };
}
