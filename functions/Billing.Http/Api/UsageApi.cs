using Billing.Core;
using Billing.Core.Storage;
using Billing.Core.Usage;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

public sealed record UsageBatchBody(List<UsageEventBody>? Events);

public sealed record UsageEventBody(string? EventId, string? Metric, long? Quantity, DateTimeOffset? OccurredAt);

/// <summary>C11: usage events in batches, and the events an account's charges counted, for the line-by-line explanation.</summary>
public sealed class UsageApi(ApiRunner api, UsageIngestion ingestion, IAccountReader reader)
{
    /// <summary>
    /// 200 with one result per event, in the order sent: accepted (with the day it is charged with), duplicate (counted
    /// before, not now) or rejected (with the reason); a batch that is not a list of 1 to 100 events is refused whole.
    /// </summary>
    public Task<IResult> Batch(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<UsageBatchBody>(req, ct);
        var events = b.Events ?? throw BillingException.Invalid("field_missing", "'events' is required.", new Dictionary<string, string[]> { ["events"] = ["Required."] });
        var results = await ingestion.IngestAsync(id, events.Select(e => e is null ? new UsageEventInput(null, null, null, null)
            : new UsageEventInput(e.EventId, e.Metric, e.Quantity, e.OccurredAt)).ToList(), ct);
        return ApiResult.Ok(new
        {
            accepted = results.Count(r => r.Status == UsageEventStatus.Accepted),
            duplicates = results.Count(r => r.Status == UsageEventStatus.Duplicate),
            rejected = results.Count(r => r.Status == UsageEventStatus.Rejected),
            results = results.Select(r => new { eventId = r.EventId, status = r.Status, day = r.Event?.Day, late = r.Event?.Late, reason = r.Reason, detail = r.Detail }),
        });
    });

    /// <summary>The events of the account, optionally those charged with one <c>day</c> (or month start) and of one <c>metric</c>, paged.</summary>
    public Task<IResult> Events(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (pageSize, token) = Paging.Read(req);
        var filters = new List<RowFilter>();
        if (QueryDay(req, "day") is { } day) filters.Add(new RowFilter(nameof(UsageEvent.Day), FilterOp.Eq, day));
        if (req.Query["metric"].ToString() is { Length: > 0 } metric)
        {
            if (metric.Length > 64 || metric.Any(char.IsControl))
                throw BillingException.Invalid("query_invalid", "'metric' is at most 64 characters, without control characters.");
            filters.Add(new RowFilter(nameof(UsageEvent.Metric), FilterOp.Eq, metric));
        }
        _ = await reader.FindAsync(id, ct) ?? throw BillingException.NotFound("account", id);
        var page = await reader.PageAsync(id, UsageEvent.All, filters, pageSize, token, ct);
        return ApiResult.Ok(new
        {
            items = page.Items.Select(e => new
            {
                eventId = e.EventId, metric = e.Metric, quantity = e.Quantity, occurredAt = e.OccurredAt, occurredOn = e.OccurredOn, day = e.Day,
                late = e.Late, receivedAt = e.ReceivedAt,
            }),
            continuationToken = page.ContinuationToken,
        });
    });
}
