using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Adjustments;
using Billing.Core.Audit;
using Billing.Core.Deletion;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Billing.Core.Restrictions;
using Billing.Core.Storage;
using Billing.Core.TopUps;
using Billing.Core.Validation;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Console;

namespace Billing.Http.Console.Accounts;

/// <summary>
/// P2: an account as an operator sees it (head facts, ledger, invoices, services, restriction history, deletion state, its
/// outgoing messages and flagged payments) and the operator's actions on it, each through the same use case as its API route,
/// which writes the action's audit entry (who: the session's operator key): an adjustment with a reason (A2), an offline
/// payment (B6), an invoice completed from the balance (B7), a restore (E3), a message sent again (G1). A form posted twice
/// does its work once (<see cref="ConsoleForms"/>); a refusal shows the page again with the reason, and nothing was written.
/// </summary>
public sealed class ConsoleAccountPages(Api.ApiRunner api, IAccountReader reader, AccountSummaryService summaries, AccountSearch search,
    InvoiceService invoices, TopUpService topUps, DeletionService deletion, DeletionOptions deletionOptions, AdjustmentService adjustments,
    MessageDeliveries messages, FlaggedPayments flags, ConsoleForms forms, Core.Money.MoneyOptions money)
{
    public const int LedgerPageSize = 20;
    public const int InvoicePageSize = 20;
    public const int MessagePageSize = 20;
    public const int SearchPageSize = 20;
    public const int RestrictionChangesShown = 50;
    /// <summary>An account's flags shown on its page, open ones first (the page stays light however many it had).</summary>
    public const int FlagsShown = 10;

    public Task<IResult> Search(HttpRequest req, CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleAccounts);
        var q = req.Query["q"].ToString().Trim();
        var token = req.Query["page"].ToString() is { Length: > 0 } t ? t : null;
        Page<AccountMatch>? found = null;
        try { found = q.Length == 0 ? null : await search.SearchAsync(q, SearchPageSize, token, ct); }
        catch (BillingException e) when (e.Kind == ErrorKind.Invalid)
        {
            page = page with { Error = ConsoleText.Says(e, page.Language) };
        }
        return WebPage.Render<AccountSearchPage>(page, page.Error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, new Dictionary<string, object?>
        {
            [nameof(AccountSearchPage.Query)] = q, [nameof(AccountSearchPage.Matches)] = found, [nameof(AccountSearchPage.Paged)] = token is not null,
        });
    });

    public Task<IResult> Show(HttpRequest req, string accountId, CancellationToken ct) => api.RunPage(req, async () =>
        await RenderAsync(req, accountId, ConsoleContext.Page(req, WebRoutes.ConsoleAccount), StatusCodes.Status200OK, ct));

    /// <summary>A2: money added or taken back with a reason, booked once per form (the form's one-time value is the adjustment's key).</summary>
    public Task<IResult> Adjust(HttpRequest req, string accountId, CancellationToken ct) => ActAsync(req, accountId, async (id, form, act) =>
    {
        var head = (await reader.FindAsync(id, ct))!.Value;
        var amount = ConsoleForms.Amount(form["amount"].ToString(), head.Currency, money, signed: true);
        var reason = form["reason"].ToString();
        await adjustments.AdjustAsync(id, new AdjustmentRequest(amount, head.Currency, reason, act.IdempotencyKey), act, ct);
        return K.AdjustDone;
    }, ct);

    /// <summary>B6: a bank transfer, received like a webhook payment; its reference names it, so recording it again credits nothing.</summary>
    public Task<IResult> RecordOfflinePayment(HttpRequest req, string accountId, CancellationToken ct) => ActAsync(req, accountId, async (id, form, act) =>
    {
        var head = (await reader.FindAsync(id, ct))!.Value;
        var amount = ConsoleForms.Amount(form["amount"].ToString(), head.Currency, money);
        var reference = form["reference"].ToString().Trim();
        var invoiceId = form["invoiceId"].ToString() is { Length: > 0 } inv ? Ids.Require(inv, "invoice") : null;
        var result = await topUps.RecordOfflineAsync(id, new Core.Money.Money(amount, head.Currency), reference, invoiceId, act, ct);
        return result.Outcome switch
        {
            Core.Payments.PaymentOutcome.Credited => K.OfflineCredited,
            Core.Payments.PaymentOutcome.AlreadyApplied => K.OfflineAlreadyRecorded,
            _ => K.OfflineFlagged,
        };
    }, ct);

    /// <summary>B7: an awaiting or overdue invoice paid from the balance (never a top-up or an ERP invoice).</summary>
    public Task<IResult> CompleteInvoice(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => ActAsync(req, accountId, async (id, _, act) =>
    {
        await invoices.CompleteByOperatorAsync(id, Ids.Require(invoiceId, "invoice"), act, ct);
        return K.CompleteDone;
    }, ct);

    /// <summary>E3: a deleted account restored within its window; a restore counts as activity (E2).</summary>
    public Task<IResult> Restore(HttpRequest req, string accountId, CancellationToken ct) => ActAsync(req, accountId, async (id, _, act) =>
    {
        await deletion.RestoreAsync(id, act, ct);
        return K.RestoreDone;
    }, ct);

    /// <summary>G1: a message sent again under its own id (fresh attempts); one being sent right now is left to that delivery (409).</summary>
    public Task<IResult> ResendMessage(HttpRequest req, string accountId, string messageId, CancellationToken ct) => ActAsync(req, accountId, async (id, _, act) =>
    {
        await messages.ResendAsync(id, messageId, act, ct);
        return K.ResendDone;
    }, ct);

    /// <summary>B4, F11: one of this account's flagged payments closed (credited to the balance or dismissed with a note).</summary>
    public Task<IResult> ResolveFlag(HttpRequest req, string accountId, string flagId, CancellationToken ct) => ActAsync(req, accountId, async (id, form, act) =>
    {
        if (FlaggedPayment.Parse(flagId)?.AccountId != id) throw BillingException.NotFound("flagged_payment", id);
        await Flags.ConsoleFlagPages.ResolveAsync(flags, form, flagId, act, ct);
        return K.FlagResolved;
    }, ct);

    /// <summary>
    /// An action on an existing account, once per form (<see cref="ConsoleForms"/>): the use case gets who acts (the session's
    /// operator) and the form's operation key; then 303 back to the account's page with what was done, or the page again with
    /// the refusal and its status.
    /// </summary>
    private Task<IResult> ActAsync(HttpRequest req, string accountId, Func<string, IFormCollection, OperatorAct, Task<string>> action,
        CancellationToken ct) => api.RunPage(req, async () =>
    {
        var page = ConsoleContext.Page(req, WebRoutes.ConsoleAccount);
        if (!Ids.IsValid(accountId) || await reader.FindAsync(accountId, ct) is null) return NotFound(page);
        var form = await req.ReadFormAsync(ct);
        try
        {
            return await forms.OnceAsync(req, form, accountId, async operationKey =>
            {
                var done = await action(accountId, form, ConsoleContext.Act(page.Session!, idempotencyKey: operationKey));
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
        var messageToken = req.Query["messages"].ToString() is { Length: > 0 } m ? m : null;
        var view = new AccountView(
            await summaries.GetAsync(accountId, ct),
            await reader.PageAsync(accountId, LedgerEntry.All, [], LedgerPageSize, ledgerToken, ct),
            ledgerToken is not null,
            await invoices.ListAsync(accountId, null, null, InvoicePageSize, invoiceToken, ct),
            invoiceToken is not null,
            await reader.ListAsync(accountId, RestrictionChange.All, ct).Take(RestrictionChangesShown).ToListAsync(ct),
            found.Value.Deletion.DeletedOn?.AddDays(deletionOptions.RestoreDays - 1),
            await messages.ListAsync(accountId, null, MessagePageSize, messageToken, ct),
            messageToken is not null,
            await flags.ListAsync(accountId, openOnly: false, ct));
        return WebPage.Render<AccountPage>(page, status, new Dictionary<string, object?>
        {
            [nameof(AccountPage.View)] = view,
            [nameof(AccountPage.Posted)] = posted,
            [nameof(AccountPage.PostedTo)] = posted is null ? null : req.Path.Value,
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
    DateOnly? LastRestoreDay,
    Page<MessageDelivery> Messages,
    bool MessagesPaged,
    IReadOnlyList<FlaggedPayment> AllFlags)
{
    public Account Account => Summary.Account;

    /// <summary>The flags the page shows: open ones first, then the newest, at most <see cref="ConsoleAccountPages.FlagsShown"/>.</summary>
    public IReadOnlyList<FlaggedPayment> Flags =>
        AllFlags.OrderBy(f => f.Open ? 0 : 1).ThenByDescending(f => f.ReceivedAt).Take(ConsoleAccountPages.FlagsShown).ToList();

    /// <summary>B7: what an operator may complete from the balance (the rule itself is the use case's; this only offers the button).</summary>
    public static bool Completable(Invoice i) => i.IsUnpaid && i.Kind != InvoiceKind.TopUp && !i.ExternalErp;
}
