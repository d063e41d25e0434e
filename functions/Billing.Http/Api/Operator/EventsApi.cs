using Billing.Core;
using Billing.Core.Notifications;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api.Operator;

/// <summary>G2, P2: the CRM's event deliveries, and delivering one, or a time range's, again under the same ids (EventDeliveries).</summary>
public sealed class EventsApi(ApiRunner api, EventDeliveries events)
{
    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        var query = new EventQuery(OperatorQuery.AccountId(req), QueryTime(req, "from"), QueryTime(req, "to"), StatusOf(req));
        var page = await events.ListAsync(query, size, token, ct);
        return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
    });

    public Task<IResult> Replay(HttpRequest req, string eventId, CancellationToken ct) => api.Run(req, async () =>
    {
        if (EventDeliveries.ParseEventId(eventId) is null) throw BillingException.NotFound("event", eventId.Length > 64 ? eventId[..64] : eventId);
        var b = await OperatorQuery.OptionalBodyAsync<RedeliveryBody>(req, ct);
        return ApiResult.Ok(await events.ReplayAsync(eventId, OperatorRequests.Act(req, OperatorQuery.Name(b?.OperatorId), b?.Reason), ct));
    });

    public Task<IResult> ReplayRange(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
    {
        var (b, _) = await ReadJsonAsync<RangeReplayBody>(req, ct);
        var accountId = b.AccountId is null ? null : Core.Validation.Ids.Require(b.AccountId, "account");
        var from = Required(b.From, "from");
        var to = Required(b.To, "to");
        if (from > to) throw OperatorQuery.RangeInvalid();
        var report = await events.ReplayRangeAsync(accountId, from, to, OperatorRequests.Act(req, OperatorQuery.Name(b.OperatorId), b.Reason), ct);
        return ApiResult.Ok(new { count = report.Count, inFlight = report.InFlight, eventIds = report.EventIds });
    });

    /// <summary><c>delivered</c>, <c>failed</c> or <c>pending</c> (also while being sent).</summary>
    private static DeliveryStatus? StatusOf(HttpRequest req) => OperatorQuery.Enum<DeliveryStatus>(req, "status");
}
