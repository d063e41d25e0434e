using Billing.Core.Storage;

namespace Billing.Core.Accounts;

/// <summary>One account a search found, as the console lists it.</summary>
public sealed record AccountMatch(string Id, string Name, AccountState State, string Currency, long Balance, string? OwnerEmail, DateTimeOffset CreatedAt);

/// <summary>
/// P2 account search: by the start of an id, of a word of the name, or of an email (<see cref="SearchTokens"/>), through
/// the token index (<see cref="IAccountDirectory"/>), paged; each page reads only the heads it shows. The index follows every
/// created account and every change of a name or email (the unit of work tells it, <see cref="IAccountProfileHandler"/>);
/// a purge leaves only the id and "purged account" in it (E3). The operator-index job puts back what a failure missed.
/// </summary>
public sealed class AccountSearch(IAccountDirectory directory, IAccountReader reader) : IAccountProfileHandler
{
    public Task OnProfileChangedAsync(Account head, CancellationToken ct) => directory.IndexAsync(head.Id, SearchTokens.Of(head), force: false, ct);

    /// <summary>Writes the account's tokens whether or not they look current (the operator-index job: a repair and a backfill).</summary>
    public Task ReindexAsync(Account head, CancellationToken ct) => directory.IndexAsync(head.Id, SearchTokens.Of(head), force: true, ct);

    public async Task<Page<AccountMatch>> SearchAsync(string q, int pageSize, string? token, CancellationToken ct)
    {
        var query = SearchTokens.Query(q);
        var list = "accounts/" + Validation.Ids.Hash(query);
        var after = PageTokens.Decode(Audit.AuditTrail.OperatorScope, list, token);
        if (after is not null && !directory.IsPosition(after)) throw PageTokens.Invalid();
        var found = await directory.SearchAsync(query, pageSize, after, ct);
        var heads = await Task.WhenAll(found.AccountIds.Select(id => reader.FindAsync(id, ct)));
        // An index entry without a head (a creation that failed after indexing) is left out of the page.
        var items = heads.Where(h => h is not null).Select(h => h!.Value)
            .Select(a => new AccountMatch(a.Id, a.Name, a.State, a.Currency, a.Balance, a.OwnerEmail, a.CreatedAt)).ToList();
        return new Page<AccountMatch>(items, found.NextPosition is { } next ? PageTokens.Encode(Audit.AuditTrail.OperatorScope, list, next) : null);
    }
}
