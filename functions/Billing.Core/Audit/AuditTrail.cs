using Billing.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Audit;

/// <summary>
/// Writes and searches the operators' audit log (P2). Where an action is one unit of work (an adjustment, an invoice
/// completed from the balance, a restore, a flag resolved, one event or message queued again) its entry is a row of the
/// account's partition inserted in the SAME commit as the change (<see cref="Row"/>): the change and its record stand or
/// fall together, and a retried decision cannot record twice. Where an action is not one commit (an offline payment runs the
/// shared payment path and then auto-pay; a refund calls the provider between two commits; a job run, a key and a range
/// replay touch no single partition) its entry is written RIGHT AFTER the action succeeded (<see cref="RecordAsync"/>), since
/// there is no one transaction to join: a crash in between loses that entry, and the log line says so. Either way the
/// global log (<see cref="IAuditLog"/>, every account) gets its copy after the commit (Operators/OperatorIndexes).
/// </summary>
public sealed class AuditTrail(AccountUnitOfWork uow, IAuditLog log, ILogger<AuditTrail> logger)
{
    /// <summary>Whose list a page token of the global log belongs to: operators' lists have no account.</summary>
    public const string OperatorScope = "_operator";

    /// <summary>The entry as a row of the account's commit (same commit as the change).</summary>
    public static RowOp Row(AuditEntry entry) =>
        entry.AccountId is null ? throw new InvalidOperationException("Only an account's entry is a row of its partition.") : new RowOp(entry, RowWrite.Insert);

    /// <summary>
    /// After an action that is not one commit has succeeded: its entry in the account's partition (a commit of its own) or,
    /// for an action of no account, in the global log. Never fails the action that already happened: a failure is logged
    /// with the whole entry, so the record survives in the log at least.
    /// </summary>
    public async Task<AuditEntry> RecordAsync(AuditEntry entry, CancellationToken ct)
    {
        try
        {
            if (entry.AccountId is { } account)
                await uow.RunRowsAsync(account, () => Task.FromResult(new Decision<bool>(AccountCommit.RowsOnly(account, Row(entry)), true)), ct);
            else
                await log.AppendAsync(entry, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Audit entry {Id} ({Action} by {Who}) could not be stored: {Entry}", entry.Id, entry.Action, entry.Who.Display,
                System.Text.Json.JsonSerializer.Serialize(entry));
        }
        return entry;
    }

    /// <summary>
    /// Newest first. With an account: its partition's entries (one partition, complete: they were committed with their
    /// changes). Without: the global log. A token pages only the query it came from.
    /// </summary>
    public async Task<AuditPage> SearchAsync(AuditQuery query, int pageSize, string? token, CancellationToken ct)
    {
        if (query.From > query.To) throw BillingException.Invalid("range_invalid", "'from' must not be after 'to'.");
        if (query.AccountId is { } accountId)
        {
            _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
            var filters = new List<RowFilter>();
            if (query.Action is { } a) filters.Add(new RowFilter(nameof(AuditEntry.Action), FilterOp.Eq, a));
            if (query.From is { } f) filters.Add(new RowFilter(nameof(AuditEntry.At), FilterOp.Ge, f));
            if (query.To is { } t) filters.Add(new RowFilter(nameof(AuditEntry.At), FilterOp.Le, t));
            var page = await uow.Reader.PageAsync(accountId, AuditEntry.All, filters, pageSize, token, ct);
            return new AuditPage(page.Items, page.ContinuationToken);
        }
        // The token is bound to the filter it pages, so it cannot page another list.
        var list = FormattableString.Invariant($"audit/{(query.Action is { } act ? Json.Names.Of(act) : "*")}/{query.From?.UtcTicks}/{query.To?.UtcTicks}");
        var after = PageTokens.Decode(OperatorScope, list, token);
        if (after is not null && !log.IsPosition(after)) throw PageTokens.Invalid();
        var found = await log.ListAsync(query.Action, query.From, query.To, pageSize, after, ct);
        return new AuditPage(found.Items, found.NextPosition is { } next ? PageTokens.Encode(OperatorScope, list, next) : null);
    }
}
