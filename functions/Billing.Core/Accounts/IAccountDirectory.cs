namespace Billing.Core.Accounts;

/// <summary>Accounts whose tokens start with a query, each once, in token order, and the position after the page.</summary>
public sealed record DirectoryPage(IReadOnlyList<string> AccountIds, string? NextPosition);

/// <summary>
/// The operators' account search index (port; table <c>{prefix}search</c>): an account's <see cref="SearchTokens"/> as rows
/// keyed by token, so a query is one key range, never a pass over every account.
/// </summary>
public interface IAccountDirectory
{
    /// <summary>Makes the account's tokens these (adds new ones, removes old ones); <paramref name="force"/> writes them even when they look current.</summary>
    Task IndexAsync(string accountId, IReadOnlyList<string> tokens, bool force, CancellationToken ct);

    Task<DirectoryPage> SearchAsync(string query, int max, string? after, CancellationToken ct);

    bool IsPosition(string position);
}
