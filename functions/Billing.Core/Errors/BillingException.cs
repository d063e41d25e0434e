using Billing.Core.Accounts;

namespace Billing.Core;

/// <summary>How a refused request maps to HTTP: the handlers never pick status codes themselves.</summary>
public enum ErrorKind { Invalid, Forbidden, NotFound, Conflict, Refused, Busy }

/// <summary>
/// A text of the catalog with its arguments, for a refusal raised before the account (and so its language) is known:
/// the API renders it in the language the request asks for (<c>Accept-Language</c>), English otherwise.
/// </summary>
public sealed record Says(string Key, params object?[] Args);

/// <summary>
/// A domain error with a stable machine code; Billing.Http maps it to problem+json. A refusal about an account carries
/// its detail already in the account's language (<c>Account.Text</c>); one raised before the account is read carries
/// <see cref="Says"/> instead.
/// </summary>
public sealed class BillingException(ErrorKind kind, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public ErrorKind Kind { get; } = kind;
    public string Code { get; } = code;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
    /// <summary>For <see cref="ErrorKind.Busy"/>: when a retry may succeed.</summary>
    public TimeSpan? RetryAfter { get; private init; }
    /// <summary>The detail as a catalog text, when it is to be rendered in the reader's language.</summary>
    public Says? Says { get; private init; }

    public static BillingException Invalid(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null) => new(ErrorKind.Invalid, code, detail, errors);
    public static BillingException Forbidden(string code, string detail) => new(ErrorKind.Forbidden, code, detail);
    public static BillingException NotFound(string what, string id) => new(ErrorKind.NotFound, $"{what}_not_found", $"No {what} '{id}'.");
    public static BillingException Conflict(string code, string detail) => new(ErrorKind.Conflict, code, detail);
    public static BillingException Refused(string code, string detail) => new(ErrorKind.Refused, code, detail);
    public static BillingException Forbidden(string code, Says says) => new(ErrorKind.Forbidden, code, English(says)) { Says = says };
    public static BillingException Conflict(string code, Says says) => new(ErrorKind.Conflict, code, English(says)) { Says = says };

    /// <summary>Contention on one account outlasted the retries: nothing was written; try again after <paramref name="retryAfter"/>.</summary>
    public static BillingException Busy(string accountId, TimeSpan retryAfter)
    {
        var says = new Says(Texts.TextKeys.Problem.AccountBusy, accountId, Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)));
        return new(ErrorKind.Busy, "account_busy", English(says)) { RetryAfter = retryAfter, Says = says };
    }

    private static string English(Says says) => Texts.Text.Get(Language.En, says.Key, says.Args);
}
