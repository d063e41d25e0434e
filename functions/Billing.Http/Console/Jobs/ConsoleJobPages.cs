using Billing.Core;
using Billing.Core.Audit;
using Billing.Core.Jobs;
using Billing.Core.Operators;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Console;

namespace Billing.Http.Console.Jobs;

/// <summary>
/// P2: the job table with the runs operators started lately (from the audit log), a run started by an operator as of a moment
/// (the same use case as the API's, audited), a run's progress with its failed shards and accounts, and a retry: the run again
/// as of the same moment. Jobs are idempotent per asOf (markers, deterministic keys), so a second run redoes only what the
/// first left undone.
/// </summary>
public sealed class ConsoleJobPages(Api.ApiRunner api, JobRunner jobs, OperatorJobs operatorJobs, AuditTrail audit, TimeProvider clock)
{
    /// <summary>How often a running run's page reads its progress again.</summary>
    public const int RefreshSeconds = 3;
    /// <summary>How many of the runs operators started lately the jobs page lists.</summary>
    public const int RecentRuns = 10;

    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
        await RenderListAsync(ConsoleContext.Page(req, WebRoutes.ConsoleJobs), StatusCodes.Status200OK, ct));

    public Task<IResult> Start(HttpRequest req, string job, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleJobs);
        try
        {
            var form = await req.ReadFormAsync(ct);
            var asOf = ConsoleForms.Moment(form["asOf"].ToString(), "as_of_invalid") ?? clock.GetUtcNow();
            var run = await operatorJobs.StartAsync(jobs.Find(job).Name, asOf, ConsoleContext.Act(page.Session!), ct);
            return WebPage.SeeOther(ConsoleContext.Path(WebRoutes.ConsoleRun, ("runId", run.RunId)), K.RunStarted);
        }
        catch (BillingException e)
        {
            return await RenderListAsync(page with { Error = ConsoleText.Says(e, page.Language) }, Errors.Problem.StatusOf(e.Kind), ct);
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
        var run = await operatorJobs.StartAsync(status.Job, status.AsOf, ConsoleContext.Act(page.Session!), ct);
        return WebPage.SeeOther(ConsoleContext.Path(WebRoutes.ConsoleRun, ("runId", run.RunId)), K.RunRetried);
    });

    private async Task<JobRunStatus?> FindAsync(string runId, CancellationToken ct) =>
        runId.Length is 0 or > 100 || runId.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-') ? null : await jobs.StatusAsync(runId, ct);

    private async Task<IResult> RenderListAsync(PageContext page, int status, CancellationToken ct) =>
        WebPage.Render<JobsPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(JobsPage.Jobs)] = jobs.Jobs.OrderBy(j => j.Name, StringComparer.Ordinal).Select(j => (j.Name, j.Schedule)).ToList(),
            [nameof(JobsPage.Now)] = clock.GetUtcNow(),
            [nameof(JobsPage.Started)] = (await audit.SearchAsync(new AuditQuery(Action: AuditAction.JobStart), RecentRuns, null, ct)).Items,
        });
}
