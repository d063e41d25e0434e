namespace Billing.Core.Audit;

/// <summary>
/// Who acts (P2 "who"): the operator key the request came with (its id and name, from the key check) and, when the caller
/// names one, the person at the console behind that key (existing bodies call it <c>operatorId</c>).
/// </summary>
public sealed record OperatorActor(string KeyId, string KeyName, string? Name = null)
{
    public const int MaxNameLength = 128;

    /// <summary>How invoices and logs name the actor: the person when named, else the key.</summary>
    public string Display => Name ?? KeyName;

    /// <summary>The actor, its texts checked (S2): a name is 1–128 printable characters.</summary>
    public static OperatorActor Of(string keyId, string keyName, string? name)
    {
        if (name is not null && (name.Length is 0 or > MaxNameLength || !Validation.PlainText.IsClean(name) || string.IsNullOrWhiteSpace(name)))
            throw BillingException.Invalid("operator_invalid", $"The operator's name must be 1 to {MaxNameLength} printable characters.",
                new Dictionary<string, string[]> { ["operatorId"] = [Validation.PlainText.Rule] });
        return new OperatorActor(keyId, keyName, name?.Trim());
    }
}

/// <summary>
/// One operator action as a use case receives it: who, why (when given) and the request's idempotency key (when any). Every
/// audited service method takes one, so a console page and the JSON API write the same audit entry.
/// </summary>
public sealed record OperatorAct(OperatorActor Actor, string? Reason = null, string? IdempotencyKey = null)
{
    public const int MaxReasonLength = 500;

    /// <summary>A reason is at most 500 characters with no control character (S2); blank counts as none.</summary>
    public static string? CheckReason(string? reason, string field = "reason")
    {
        if (string.IsNullOrWhiteSpace(reason)) return null;
        if (reason.Length > MaxReasonLength)
            throw BillingException.Invalid("field_too_long", $"'{field}' is longer than {MaxReasonLength}.",
                new Dictionary<string, string[]> { [field] = [$"At most {MaxReasonLength} characters."] });
        return Validation.PlainText.Require(reason, field).Trim();
    }
}
