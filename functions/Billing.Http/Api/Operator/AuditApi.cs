using Billing.Core.Audit;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api.Operator;

/// <summary>P2: the operators' audit log, newest first: all of it or one account's, of one action, in a time range. Read only: no route writes it.</summary>
public sealed class AuditApi(ApiRunner api, AuditTrail audit)
{
    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        var query = new AuditQuery(OperatorQuery.AccountId(req), OperatorQuery.Enum<AuditAction>(req, "action"), QueryTime(req, "from"), QueryTime(req, "to"));
        var page = await audit.SearchAsync(query, size, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });
}
