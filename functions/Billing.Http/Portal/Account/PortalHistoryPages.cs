using Billing.Core;
using Billing.Core.Ledger;
using Billing.Core.Storage;
using Billing.Core.Time;
using Billing.Http.Api;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.PortalAccount.History;

namespace Billing.Http.Portal.Account;

/// <summary>
/// P1, A4: the ledger of a period newest first, each entry with its breakdown lines, paged with the ledger's continuation
/// token; and the same period as a CSV file. Read as <c>GET accounts/{id}/ledger</c> reads it (<see cref="LedgerApi.Range"/>),
/// for the session's account only.
/// </summary>
public sealed class PortalHistoryPages(ApiRunner api, IAccountReader reader, TimeProvider clock)
{
    /// <summary>
    /// A month of daily charges. Each row carries its breakdown (a plan, up to three add-ons and two metrics in the catalog),
    /// so a page of such charges in Cyrillic stays under 100 KB (P1).
    /// </summary>
    public const int PageSize = 30;

    /// <summary>At most this many operations go into one file; a longer period is cut there and the file says so.</summary>
    public const int CsvMaxEntries = 10_000;

    private static readonly string InvalidToken = PageTokens.Invalid().Code;

    public Task<IResult> Show(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = PortalContext.Page(req, WebRoutes.PortalHistory);
        var account = await AccountAsync(req, ct);
        var (range, error) = HistoryRange.Read(req);
        if (error is not null) return Render(page with { Error = Core.Texts.Text.Get(page.Language, error) }, StatusCodes.Status400BadRequest, account, range, null);

        var token = req.Query["token"].ToString();
        try
        {
            var entries = await reader.PageAsync(account.Id, LedgerEntry.All, Filters(range, account), PageSize, token.Length == 0 ? null : token, ct);
            return Render(page, StatusCodes.Status200OK, account, range, entries, newer: token.Length > 0);
        }
        catch (BillingException e) when (e.Code == InvalidToken)
        {
            // A token of another period or account, or one never given out (PageTokens): start again from the newest.
            return Render(page with { Error = Core.Texts.Text.Get(page.Language, K.PageGone) }, StatusCodes.Status400BadRequest, account, range, null);
        }
    });

    /// <summary>
    /// The period as CSV (<see cref="HistoryCsv"/>), every page of it written as it is read, up to <see cref="CsvMaxEntries"/>
    /// operations. The file is named for the account and the period: its first and last day (the account's first day and
    /// today when the period is open).
    /// </summary>
    public Task<IResult> Csv(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = PortalContext.Page(req, WebRoutes.PortalHistory);
        var account = await AccountAsync(req, ct);
        var (range, error) = HistoryRange.Read(req);
        if (error is not null) return Render(page with { Error = Core.Texts.Text.Get(page.Language, error) }, StatusCodes.Status400BadRequest, account, range, null);

        var first = range.From ?? LocalCalendar.Today(account.CreatedAt, account.TimeZone);
        var last = range.To ?? LocalCalendar.Today(clock.GetUtcNow(), account.TimeZone);
        var name = $"history-{account.Id}-{HistoryRange.Text(first)}-{HistoryRange.Text(last)}.csv";
        req.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        var csv = new HistoryCsv(page.Language, account.TimeZone);
        var filters = Filters(range, account);
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, HistoryCsv.Encoding, bufferSize: 16 * 1024, leaveOpen: true);
            await writer.WriteAsync(csv.Header());
            var written = 0;
            string? token = null;
            do
            {
                var batch = await reader.PageAsync(account.Id, LedgerEntry.All, filters, Math.Min(LedgerApi.MaxPageSize, CsvMaxEntries - written), token, ct);
                foreach (var entry in batch.Items)
                    foreach (var row in csv.Rows(entry)) await writer.WriteAsync(row);
                written += batch.Items.Count;
                token = batch.ContinuationToken;
            } while (token is not null && written < CsvMaxEntries);
            if (token is not null) await writer.WriteAsync(csv.Truncated(CsvMaxEntries));
        }, "text/csv; charset=utf-8");
    });

    private async Task<Core.Accounts.Account> AccountAsync(HttpRequest req, CancellationToken ct)
    {
        var id = PortalContext.Session(req).AccountId;
        return (await reader.FindAsync(id, ct) ?? throw BillingException.NotFound("account", id)).Value;
    }

    private static IReadOnlyList<RowFilter> Filters(HistoryRange range, Core.Accounts.Account account) =>
        LedgerApi.Range(range.Start(account.TimeZone), range.End(account.TimeZone));

    private static IResult Render(PageContext page, int status, Core.Accounts.Account account, HistoryRange range, Page<LedgerEntry>? entries, bool newer = false) =>
        WebPage.Render<HistoryPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(HistoryPage.Account)] = account,
            [nameof(HistoryPage.Range)] = range,
            [nameof(HistoryPage.Entries)] = entries?.Items ?? [],
            [nameof(HistoryPage.OlderUrl)] = entries?.ContinuationToken is { } next ? "/" + WebRoutes.PortalHistory + range.Query(next) : null,
            [nameof(HistoryPage.NewestUrl)] = newer ? "/" + WebRoutes.PortalHistory + range.Query() : null,
            [nameof(HistoryPage.CsvUrl)] = "/" + WebRoutes.PortalHistoryCsv + range.Query(),
        });
}
