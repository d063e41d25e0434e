using Billing.Core;
using Billing.Core.Audit;
using Billing.Core.Validation;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Console.AuditLog;

/// <summary>
/// P2: the audit log of every operator action (who, when, what, before and after), newest first, searchable by account,
/// action and time, paged. Read only: no page or route of the console writes an entry but the actions themselves.
/// </summary>
public sealed class ConsoleAuditPages(Api.ApiRunner api, AuditTrail audit)
{
    public const int PageSize = 30;

    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleAudit);
        var query = new AuditQuery();
        try
        {
            var account = req.Query["account"].ToString().Trim();
            if (account.Length > 0 && !Ids.IsValid(account)) throw BillingException.NotFound("account", account);
            query = new AuditQuery(account.Length == 0 ? null : account, ConsoleForms.Choice<AuditAction>(req.Query["action"].ToString(), "action"),
                ConsoleForms.Moment(req.Query["from"].ToString()), ConsoleForms.Moment(req.Query["to"].ToString()));
            var token = req.Query["page"].ToString() is { Length: > 0 } t ? t : null;
            return Render(page, StatusCodes.Status200OK, query, await audit.SearchAsync(query, PageSize, token, ct), token is not null);
        }
        catch (BillingException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.NotFound)
        {
            return Render(page with { Error = ConsoleText.Says(e, page.Language) }, Errors.Problem.StatusOf(e.Kind), query, null, false);
        }
    });

    private static IResult Render(PageContext page, int status, AuditQuery query, AuditPage? entries, bool paged) =>
        WebPage.Render<AuditLogPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(AuditLogPage.Query)] = query, [nameof(AuditLogPage.Entries)] = entries, [nameof(AuditLogPage.Paged)] = paged,
        });

    /// <summary>The audit page showing <paramref name="query"/>, with <paramref name="extra"/> query parts (a page token).</summary>
    public static string Path(AuditQuery query, params string[] extra)
    {
        var q = new List<string>();
        if (query.AccountId is { } a) q.Add("account=" + Uri.EscapeDataString(a));
        if (query.Action is { } action) q.Add("action=" + Core.Json.Names.Of(action));
        if (ConsoleForms.FieldValue(query.From) is { } from) q.Add("from=" + Uri.EscapeDataString(from));
        if (ConsoleForms.FieldValue(query.To) is { } to) q.Add("to=" + Uri.EscapeDataString(to));
        q.AddRange(extra);
        return "/" + WebRoutes.ConsoleAudit + (q.Count == 0 ? "" : "?" + string.Join('&', q));
    }
}
