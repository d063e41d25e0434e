using System.Globalization;
using Billing.Core;
using Billing.Core.Jobs;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Console;

namespace Billing.Http.Console.Jobs;

/// <summary>
/// P2: the job table, a run started by an operator as of a moment (the same use case as <c>OperatorApi.StartJob</c>), a run's
/// progress with its failed shards and accounts, and a retry: the run again as of the same moment. Jobs are idempotent per
/// asOf (markers, deterministic keys), so a second run redoes only what the first left undone.
/// </summary>
public sealed class ConsoleJobPages(Api.ApiRunner api, JobRunner jobs, TimeProvider clock)
{
    /// <summary>How often a running run's page reads its progress again.</summary>
    public const int RefreshSeconds = 3;

    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.RunPage(req, () =>
        Task.FromResult(RenderList(ConsoleContext.Page(req, WebRoutes.ConsoleJobs), StatusCodes.Status200OK)));

    public Task<IResult> Start(HttpRequest req, string job, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleJobs);
        try
        {
            var form = await req.ReadFormAsync(ct);
            var asOf = AsOf(form["asOf"].ToString()) ?? clock.GetUtcNow();
            var run = await jobs.StartAsync(jobs.Find(job).Name, asOf, ct);
            return WebPage.SeeOther(ConsoleContext.Path(WebRoutes.ConsoleRun, ("runId", run.RunId)), K.RunStarted);
        }
        catch (BillingException e)
        {
            return RenderList(page with { Error = ConsoleText.Says(e, page.Language) }, Errors.Problem.StatusOf(e.Kind));
        }
    });

    public Task<IResult> Run(HttpRequest req, string runId, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleRun);
        if (await FindAsync(runId, ct) is not { } status) return ConsoleText.NotFound(page);
        return WebPage.Render<RunPage>(page, parameters: new Dictionary<string, object?> { [nameof(RunPage.Status)] = status });
    });

    /// <summary>The run again, as of the same moment: failed shards and accounts get another go; what succeeded is not done twice.</summary>
    public Task<IResult> Retry(HttpRequest req, string runId, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleRun);
        if (await FindAsync(runId, ct) is not { } status) return ConsoleText.NotFound(page);
        var run = await jobs.StartAsync(status.Job, status.AsOf, ct);
        return WebPage.SeeOther(ConsoleContext.Path(WebRoutes.ConsoleRun, ("runId", run.RunId)), K.RunRetried);
    });

    private async Task<JobRunStatus?> FindAsync(string runId, CancellationToken ct) =>
        runId.Length is 0 or > 100 || runId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-') ? null : await jobs.StatusAsync(runId, ct);

    private IResult RenderList(PageContext page, int status) =>
        WebPage.Render<JobsPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(JobsPage.Jobs)] = jobs.Jobs.OrderBy(j => j.Name, StringComparer.Ordinal).Select(j => (j.Name, j.Schedule)).ToList(),
            [nameof(JobsPage.Now)] = clock.GetUtcNow(),
        });

    /// <summary>
    /// The moment a run decides as of, in UTC: as a datetime-local field sends it (<c>2026-11-02T10:00</c>, seconds optional) or
    /// ISO 8601 with an offset; empty means now.
    /// </summary>
    public static DateTimeOffset? AsOf(string text)
    {
        var t = text.Trim();
        if (t.Length == 0) return null;
        string[] local = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];
        if (DateTime.TryParseExact(t, local, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
            return new DateTimeOffset(utc, TimeSpan.Zero);
        if (t.Length <= 40 && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && t.Contains('T'))
            return at.ToUniversalTime();
        throw BillingException.Invalid("as_of_invalid", "'asOf' is not a time such as 2026-11-02T10:00 (UTC).");
    }
}
