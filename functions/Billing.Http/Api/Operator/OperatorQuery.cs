using Billing.Core;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api.Operator;

/// <summary>Query values the operators' lists share, read strictly (S2, S3).</summary>
public static class OperatorQuery
{
    /// <summary>An account id in the query: absent, or a valid id (404 for one that cannot be).</summary>
    public static string? AccountId(HttpRequest req) =>
        req.Query["accountId"].ToString() is { Length: > 0 } a ? Ids.Require(a, "account") : null;

    public static T? Enum<T>(HttpRequest req, string name) where T : struct, System.Enum =>
        req.Query[name].ToString() is { Length: > 0 } v ? ParseEnum<T>(v, name) : null;

    /// <summary>An optional JSON body: none (empty) is null, anything else must be the shape.</summary>
    public static async Task<T?> OptionalBodyAsync<T>(HttpRequest req, CancellationToken ct) where T : class
    {
        var text = await ReadTextAsync(req, ct);
        return string.IsNullOrWhiteSpace(text) ? null : Parse<T>(text);
    }

    public static string? Name(string? operatorId) => operatorId is null ? null : Required(operatorId, "operatorId", Core.Audit.OperatorActor.MaxNameLength);

    public static BillingException RangeInvalid() => BillingException.Invalid("range_invalid", "'from' must not be after 'to'.");
}
