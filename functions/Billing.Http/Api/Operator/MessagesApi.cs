using Billing.Core.Notifications;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api.Operator;

/// <summary>G1, P2: an account's outgoing messages with their delivery, and sending one again (MessageDeliveries).</summary>
public sealed class MessagesApi(ApiRunner api, MessageDeliveries messages)
{
    public Task<IResult> List(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (size, token) = Paging.Read(req);
        var page = await messages.ListAsync(id, OperatorQuery.Enum<DeliveryStatus>(req, "status"), size, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });

    public Task<IResult> Resend(HttpRequest req, string accountId, string messageId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var b = await OperatorQuery.OptionalBodyAsync<RedeliveryBody>(req, ct);
        return ApiResult.Ok(await messages.ResendAsync(id, messageId, OperatorRequests.Act(req, OperatorQuery.Name(b?.OperatorId), b?.Reason), ct));
    });
}
