using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Deletion;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Restrictions;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Core.Validation;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Console;

namespace Billing.Http.Console.Accounts;

/// <summary>
/// P2: an account as an operator sees it (head facts, ledger, invoices, services, restriction history, deletion state) and
/// the operator's actions on it, each through the same use case as its API route: an offline payment (B6, as
/// <c>OperatorApi.RecordOfflinePayment</c>), an invoice completed from the balance (B7, as <c>InvoicesApi.OperatorComplete</c>)
/// and a restore (E3, as <c>AccessApi.Restore</c>). A form posted twice does its work once (<see cref="ConsoleForms"/>); a
/// refusal shows the page again with the reason, and nothing was written.
/// </summary>
public sealed class ConsoleAccountPages(Api.ApiRunner api, IAccountReader reader, AccountSummaryService summaries, InvoiceService invoices,
    TopUpService topUps, DeletionService deletion, DeletionOptions deletionOptions, ConsoleForms forms, Core.Money.MoneyOptions money)
{
    public const int LedgerPageSize = 20;
    public const int InvoicePageSize = 20;
    public const int RestrictionChangesShown = 50;

    public Task<IResult> Search(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleAccounts);
        var q = req.Query["q"].ToString().Trim();
        var found = new List<AccountSearchPage.Found>();
        // Until the directory of names and emails exists, an account is found by its id (what the CRM and the API show).
        if (Ids.IsValid(q) && await reader.FindAsync(q, ct) is { } head)
            found.Add(new(head.Value.Id, head.Value.Name, head.Value.State, head.Value.Balance, head.Value.Currency, head.Value.OwnerEmail));
        return WebPage.Render<AccountSearchPage>(page, parameters: new Dictionary<string, object?>
        {
            [nameof(AccountSearchPage.Query)] = q, [nameof(AccountSearchPage.Matches)] = q.Length == 0 ? null : found,
        });
    });

    public Task<IResult> Show(HttpRequest req, string accountId, CancellationToken ct) => api.RunPage(req, async () =>
        await RenderAsync(req, accountId, ConsoleContext.Page(req, WebRoutes.ConsoleAccount), StatusCodes.Status200OK, ct));

    /// <summary>B6: a bank transfer, received like a webhook payment; its reference names it, so recording it again credits nothing.</summary>
    public Task<IResult> RecordOfflinePayment(HttpRequest req, string accountId, CancellationToken ct) => ActAsync(req, accountId, async (id, form, _) =>
    {
        var head = (await reader.FindAsync(id, ct))!.Value;
        var amount = ConsoleForms.Amount(form["amount"].ToString(), head.Currency, money);
        var reference = form["reference"].ToString().Trim();
        var invoiceId = form["invoiceId"].ToString() is { Length: > 0 } inv ? Ids.Require(inv, "invoice") : null;
        var session = ConsoleContext.Session(req);
        var result = await topUps.RecordOfflineAsync(id, new Core.Money.Money(amount, head.Currency), reference, invoiceId, ConsoleContext.OperatorId(session), ct);
        return result.Outcome switch
        {
            Core.Payments.PaymentOutcome.Credited => K.OfflineCredited,
            Core.Payments.PaymentOutcome.AlreadyApplied => K.OfflineAlreadyRecorded,
            _ => K.OfflineFlagged,
        };
    }, ct);

    /// <summary>B7: an awaiting or overdue invoice paid from the balance (never a top-up or an ERP invoice).</summary>
    public Task<IResult> CompleteInvoice(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => ActAsync(req, accountId, async (id, _, session) =>
    {
        await invoices.PayFromBalanceAsync(id, Ids.Require(invoiceId, "invoice"), "operator:" + ConsoleContext.OperatorId(session), ct);
        return K.CompleteDone;
    }, ct);

    /// <summary>E3: a deleted account restored within its window; a restore counts as activity (E2).</summary>
    public Task<IResult> Restore(HttpRequest req, string accountId, CancellationToken ct) => ActAsync(req, accountId, async (id, _, session) =>
    {
        await deletion.RestoreAsync(id, ConsoleContext.OperatorId(session), ct);
        return K.RestoreDone;
    }, ct);

    /// <summary>
    /// An action on an existing account, once per form (<see cref="ConsoleForms"/>): 303 back to the account's page with what
    /// was done, or the page again with the refusal and its status.
    /// </summary>
    private Task<IResult> ActAsync(HttpRequest req, string accountId, Func<string, IFormCollection, Core.WebSessions.WebSession, Task<string>> action,
        CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleAccount);
        if (!Ids.IsValid(accountId) || await reader.FindAsync(accountId, ct) is null) return NotFound(page);
        var form = await req.ReadFormAsync(ct);
        try
        {
            return await forms.OnceAsync(req, form, accountId, async _ =>
            {
                var done = await action(accountId, form, page.Session!);
                return ConsoleContext.Path(WebRoutes.ConsoleAccount, ("accountId", accountId)) + "?done=" + Uri.EscapeDataString(done);
            }, ct);
        }
        catch (BillingException e)
        {
            var refused = page with { Error = ConsoleText.Says(e, page.Language) };
            return await RenderAsync(req, accountId, refused, Errors.Problem.StatusOf(e.Kind), ct, form);
        }
    });

    private async Task<IResult> RenderAsync(HttpRequest req, string accountId, PageContext page, int status, CancellationToken ct, IFormCollection? posted = null)
    {
        if (!Ids.IsValid(accountId)) return NotFound(page);
        var found = await reader.FindAsync(accountId, ct);
        if (found is null) return NotFound(page);
        var ledgerToken = req.Query["ledger"].ToString() is { Length: > 0 } l ? l : null;
        var invoiceToken = req.Query["invoices"].ToString() is { Length: > 0 } i ? i : null;
        var view = new AccountView(
            await summaries.GetAsync(accountId, ct),
            await reader.PageAsync(accountId, LedgerEntry.All, [], LedgerPageSize, ledgerToken, ct),
            ledgerToken is not null,
            await invoices.ListAsync(accountId, null, null, InvoicePageSize, invoiceToken, ct),
            invoiceToken is not null,
            await reader.ListAsync(accountId, RestrictionChange.All, ct).Take(RestrictionChangesShown).ToListAsync(ct),
            found.Value.Deletion.DeletedOn?.AddDays(deletionOptions.RestoreDays - 1));
        return WebPage.Render<AccountPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(AccountPage.View)] = view,
            [nameof(AccountPage.Posted)] = posted,
        });
    }

    private static IResult NotFound(PageContext page) => ConsoleText.NotFound(page);
}

/// <summary>What an account's console page shows.</summary>
/// <param name="LastRestoreDay">The last local day a deleted account may still be restored (E3).</param>
public sealed record AccountView(
    AccountSummary Summary,
    Page<LedgerEntry> Ledger,
    bool LedgerPaged,
    Page<Invoice> Invoices,
    bool InvoicesPaged,
    IReadOnlyList<RestrictionChange> RestrictionChanges,
    DateOnly? LastRestoreDay)
{
    public Account Account => Summary.Account;

    /// <summary>B7: what an operator may complete from the balance (the rule itself is the use case's; this only offers the button).</summary>
    public static bool Completable(Invoice i) => i.IsUnpaid && i.Kind != InvoiceKind.TopUp && !i.ExternalErp;
}
