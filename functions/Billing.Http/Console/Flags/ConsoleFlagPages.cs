using Billing.Core;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Console;

namespace Billing.Http.Console.Flags;

/// <summary>
/// B4, F11, P2: every account's open flagged payments (amount or currency mismatch, a payment for a paid or missing invoice, a
/// customer's payment credited to the base account…), newest first, each closed by an operator: credited to the balance or
/// dismissed with a note, through the same use case as the API (audited in the same commit). An account's own flags, open
/// and closed, are on its page.
/// </summary>
public sealed class ConsoleFlagPages(Api.ApiRunner api, FlaggedPayments flags, IAccountReader reader, ConsoleForms forms)
{
    public const int PageSize = 20;

    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
        await RenderAsync(req, ConsoleContext.Page(req, WebRoutes.ConsoleFlagged), StatusCodes.Status200OK, ct));

    public Task<IResult> Resolve(HttpRequest req, string flagId, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleFlagged);
        if (FlaggedPayment.Parse(flagId) is not { } id || await reader.FindAsync(id.AccountId, ct) is null) return ConsoleText.NotFound(page);
        var form = await req.ReadFormAsync(ct);
        try
        {
            return await forms.OnceAsync(req, form, id.AccountId, async operationKey =>
            {
                await ResolveAsync(flags, form, flagId, ConsoleContext.Act(page.Session!, idempotencyKey: operationKey), ct);
                return "/" + WebRoutes.ConsoleFlagged + "?done=" + K.FlagResolved;
            }, ct);
        }
        catch (BillingException e)
        {
            return await RenderAsync(req, page with { Error = ConsoleText.Says(e, page.Language) }, Errors.Problem.StatusOf(e.Kind), ct);
        }
    });

    /// <summary>The form's resolution and note, through the use case (shared with an account's page).</summary>
    public static Task<FlagResolved> ResolveAsync(FlaggedPayments flags, IFormCollection form, string flagId, Core.Audit.OperatorAct act, CancellationToken ct) =>
        flags.ResolveAsync(flagId,
            ConsoleForms.Choice<FlagResolution>(form["resolution"].ToString(), "resolution")
                ?? throw BillingException.Invalid("choice_invalid", "'resolution' is required."),
            form["note"].ToString(), act, ct);

    private async Task<IResult> RenderAsync(HttpRequest req, PageContext page, int status, CancellationToken ct)
    {
        var token = req.Query["page"].ToString() is { Length: > 0 } t ? t : null;
        return WebPage.Render<FlaggedPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(FlaggedPage.Flags)] = await flags.ListOpenAsync(PageSize, token, ct),
            [nameof(FlaggedPage.Paged)] = token is not null,
        });
    }
}
