using Billing.Core.Audit;
using Billing.Core.Idempotency;
using Billing.Http.Security;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api.Operator;

/// <summary>
/// What an operator request tells the audit (P2): the caller the key check admitted (its key id and name), the person the
/// body names (<c>operatorId</c>, as the existing bodies call it; a console page passes its user's name), the reason, and the
/// request's Idempotency-Key header when it has one.
/// </summary>
public static class OperatorRequests
{
    public static OperatorAct Act(HttpRequest req, string? operatorName, string? reason = null)
    {
        var caller = CallerAuthorization.CallerOf(req);
        var key = req.Headers[ApiRunner.IdempotencyHeader].ToString();
        if (key.Length > 0) IdempotencyService.ValidateKey(key);
        return new OperatorAct(OperatorActor.Of(caller?.KeyId ?? "unknown", caller?.Name ?? "unknown", operatorName), OperatorAct.CheckReason(reason),
            key.Length == 0 ? null : key);
    }
}
