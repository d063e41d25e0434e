using Billing.Core;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Core.Validation;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Console;

namespace Billing.Http.Console.Events;

/// <summary>
/// G2, P2: the CRM's event deliveries (one account, or every account over at most a month), with their status, and replay:
/// one event, or every event recorded in a time range. A replay queues the same outbox row again, so the CRM receives the
/// same event id and can tell a repeat; the use cases are the API's, audited (one event: in the same commit; a range: right
/// after).
/// </summary>
public sealed class ConsoleEventPages(Api.ApiRunner api, EventDeliveries events, IAccountReader reader, ConsoleForms forms, TimeProvider clock)
{
    public const int PageSize = 30;

    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleEvents);
        var filter = EventFilter.None;
        try
        {
            filter = EventFilter.Read(req.Query);
            return await RenderAsync(req, page, filter, StatusCodes.Status200OK, ct);
        }
        catch (BillingException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.NotFound)
        {
            return Render(page with { Error = ConsoleText.Says(e, page.Language) }, filter, null, Errors.Problem.StatusOf(e.Kind));
        }
    });

    /// <summary>One event queued again under its own id (<c>{accountId}.event-…</c>).</summary>
    public Task<IResult> Replay(HttpRequest req, string eventId, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleEvents);
        if (EventDeliveries.ParseEventId(eventId) is not { } id || await reader.FindAsync(id.AccountId, ct) is null) return ConsoleText.NotFound(page);
        var filter = new EventFilter(id.AccountId, null, null, null);
        var form = await req.ReadFormAsync(ct);
        try
        {
            return await forms.OnceAsync(req, form, id.AccountId, async operationKey =>
            {
                await events.ReplayAsync(eventId, ConsoleContext.Act(page.Session!, idempotencyKey: operationKey), ct);
                return filter.Path("done=" + K.EventReplayed);
            }, ct);
        }
        catch (BillingException e)
        {
            return await RenderAsync(req, page with { Error = ConsoleText.Says(e, page.Language) }, filter, Errors.Problem.StatusOf(e.Kind), ct);
        }
    });

    /// <summary>Every event recorded in [from, to], of one account or of all, queued again; the page then lists that range.</summary>
    public Task<IResult> ReplayRange(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleEvents);
        var form = await req.ReadFormAsync(ct);
        var filter = EventFilter.None;
        try
        {
            filter = EventFilter.Read(form);
            if (filter.AccountId is { } account && (!Ids.IsValid(account) || await reader.FindAsync(account, ct) is null))
                throw BillingException.NotFound("account", account);
            var from = filter.From ?? throw BillingException.Invalid("range_invalid", "'from' is required.");
            var report = await events.ReplayRangeAsync(filter.AccountId, from, filter.To ?? clock.GetUtcNow(), ConsoleContext.Act(page.Session!), ct);
            return WebPage.SeeOther(filter.Path(FormattableString.Invariant($"n={report.Count}")), K.EventsReplayed);
        }
        catch (BillingException e)
        {
            return Render(page with { Error = ConsoleText.Says(e, page.Language) }, filter, null, Errors.Problem.StatusOf(e.Kind));
        }
    });

    private async Task<IResult> RenderAsync(HttpRequest req, PageContext page, EventFilter filter, int status, CancellationToken ct)
    {
        var token = req.Query["page"].ToString() is { Length: > 0 } t ? t : null;
        if (filter.AccountId is { } account && !Ids.IsValid(account)) throw BillingException.NotFound("account", account);
        var list = await events.ListAsync(new EventQuery(filter.AccountId, filter.From, filter.To, filter.Status), PageSize, token, ct);
        return Render(page, filter, list, status, token is not null);
    }

    private static IResult Render(PageContext page, EventFilter filter, Page<EventDelivery>? list, int status, bool paged = false) =>
        WebPage.Render<EventsPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(EventsPage.Filter)] = filter, [nameof(EventsPage.Events)] = list, [nameof(EventsPage.Paged)] = paged,
        });
}

/// <summary>What the events page lists: an account or all, a range of when events were recorded (UTC), a status.</summary>
public sealed record EventFilter(string? AccountId, DateTimeOffset? From, DateTimeOffset? To, DeliveryStatus? Status)
{
    public static readonly EventFilter None = new(null, null, null, null);

    /// <summary>From the page's query or the range form: empty fields mean none; a malformed one is refused.</summary>
    public static EventFilter Read(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields)
    {
        var f = fields.ToDictionary(kv => kv.Key, kv => kv.Value.ToString().Trim(), StringComparer.Ordinal);
        string Field(string name) => f.TryGetValue(name, out var v) ? v : "";
        return new(Field("account") is { Length: > 0 } a ? a : null, ConsoleForms.Moment(Field("from")), ConsoleForms.Moment(Field("to")),
            ConsoleForms.Choice<DeliveryStatus>(Field("status"), "status"));
    }

    /// <summary>The events page showing this filter, with <paramref name="extra"/> query parts (what was just done).</summary>
    public string Path(params string[] extra)
    {
        var q = new List<string>();
        if (AccountId is { } a) q.Add("account=" + Uri.EscapeDataString(a));
        if (ConsoleForms.FieldValue(From) is { } from) q.Add("from=" + Uri.EscapeDataString(from));
        if (ConsoleForms.FieldValue(To) is { } to) q.Add("to=" + Uri.EscapeDataString(to));
        if (Status is { } s) q.Add("status=" + Core.Json.Names.Of(s));
        q.AddRange(extra);
        return "/" + WebRoutes.ConsoleEvents + (q.Count == 0 ? "" : "?" + string.Join('&', q));
    }
}
