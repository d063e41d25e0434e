using Billing.Http.Console.Accounts;
using Billing.Http.Console.AuditLog;
using Billing.Http.Console.Events;
using Billing.Http.Console.Flags;
using Billing.Http.Console.Jobs;
using Billing.Http.Console.SignIn;
using Billing.Http.Endpoints;
using Billing.Http.Web;
using static Billing.Http.Web.WebEndpoints;

namespace Billing.Http.Console;

/// <summary>
/// P2: the operator console's entries. The sign-in is public (an operator key opens a session); every other page and form
/// is behind the console session (<see cref="SessionGate"/>: no session → the sign-in; a form needs its token).
/// </summary>
public static class ConsoleEndpoints
{
    public static readonly IReadOnlyList<ApiEndpoint> All =
    [
        new("ConsoleSignInPage", "GET", WebRoutes.ConsoleSignIn, Callers.Public, (s, r, ct) => s.Get<ConsoleSignInPages>().Show(r, ct)) { Surface = EndpointSurface.Page, AtRoot = true },
        new("ConsoleSignIn", "POST", WebRoutes.ConsoleSignIn, Callers.Public, (s, r, ct) => s.Get<ConsoleSignInPages>().SignIn(r, ct)) { Surface = EndpointSurface.PageForm, AtRoot = true },
        Form("ConsoleSignOut", WebRoutes.ConsoleSignOut, Callers.Console, (s, r, ct) => s.Get<ConsoleSignInPages>().SignOut(r, ct)),
        Page("ConsoleHome", WebRoutes.ConsoleHome, Callers.Console, (s, r, ct) => s.Get<ConsoleAccountPages>().Search(r, ct)),
        Page("ConsoleAccounts", WebRoutes.ConsoleAccounts, Callers.Console, (s, r, ct) => s.Get<ConsoleAccountPages>().Search(r, ct)),
        Page("ConsoleAccount", WebRoutes.ConsoleAccount, Callers.Console, (s, r, ct) => s.Get<ConsoleAccountPages>().Show(r, r.Route("accountId"), ct)),
        Form("ConsoleOfflinePayment", WebRoutes.ConsoleOfflinePayment, Callers.Console, (s, r, ct) => s.Get<ConsoleAccountPages>().RecordOfflinePayment(r, r.Route("accountId"), ct)),
        Form("ConsoleInvoiceComplete", WebRoutes.ConsoleInvoiceComplete, Callers.Console,
            (s, r, ct) => s.Get<ConsoleAccountPages>().CompleteInvoice(r, r.Route("accountId"), r.Route("invoiceId"), ct)),
        Form("ConsoleRestore", WebRoutes.ConsoleRestore, Callers.Console, (s, r, ct) => s.Get<ConsoleAccountPages>().Restore(r, r.Route("accountId"), ct)),
        Form("ConsoleAdjustment", WebRoutes.ConsoleAdjustment, Callers.Console, (s, r, ct) => s.Get<ConsoleAccountPages>().Adjust(r, r.Route("accountId"), ct)),
        Form("ConsoleMessageResend", WebRoutes.ConsoleMessageResend, Callers.Console,
            (s, r, ct) => s.Get<ConsoleAccountPages>().ResendMessage(r, r.Route("accountId"), r.Route("messageId"), ct)),
        Form("ConsoleAccountFlagResolve", WebRoutes.ConsoleAccountFlagResolve, Callers.Console,
            (s, r, ct) => s.Get<ConsoleAccountPages>().ResolveFlag(r, r.Route("accountId"), r.Route("flagId"), ct)),
        Page("ConsoleJobs", WebRoutes.ConsoleJobs, Callers.Console, (s, r, ct) => s.Get<ConsoleJobPages>().List(r, ct)),
        Form("ConsoleJobStart", WebRoutes.ConsoleJobStart, Callers.Console, (s, r, ct) => s.Get<ConsoleJobPages>().Start(r, r.Route("job"), ct)),
        Page("ConsoleRun", WebRoutes.ConsoleRun, Callers.Console, (s, r, ct) => s.Get<ConsoleJobPages>().Run(r, r.Route("runId"), ct)),
        Form("ConsoleRunRetry", WebRoutes.ConsoleRunRetry, Callers.Console, (s, r, ct) => s.Get<ConsoleJobPages>().Retry(r, r.Route("runId"), ct)),
        Page("ConsoleFlagged", WebRoutes.ConsoleFlagged, Callers.Console, (s, r, ct) => s.Get<ConsoleFlagPages>().List(r, ct)),
        Form("ConsoleFlagResolve", WebRoutes.ConsoleFlagResolve, Callers.Console, (s, r, ct) => s.Get<ConsoleFlagPages>().Resolve(r, r.Route("flagId"), ct)),
        Page("ConsoleEvents", WebRoutes.ConsoleEvents, Callers.Console, (s, r, ct) => s.Get<ConsoleEventPages>().List(r, ct)),
        Form("ConsoleEventReplay", WebRoutes.ConsoleEventReplay, Callers.Console, (s, r, ct) => s.Get<ConsoleEventPages>().Replay(r, r.Route("eventId"), ct)),
        Form("ConsoleEventsReplay", WebRoutes.ConsoleEventsReplay, Callers.Console, (s, r, ct) => s.Get<ConsoleEventPages>().ReplayRange(r, ct)),
        Page("ConsoleAudit", WebRoutes.ConsoleAudit, Callers.Console, (s, r, ct) => s.Get<ConsoleAuditPages>().List(r, ct)),
    ];

    public static readonly IReadOnlyList<Type> HandlerTypes =
    [
        typeof(ConsoleSignInPages), typeof(ConsoleAccountPages), typeof(ConsoleJobPages), typeof(ConsoleFlagPages), typeof(ConsoleEventPages),
        typeof(ConsoleAuditPages), typeof(ConsoleForms),
    ];
}
