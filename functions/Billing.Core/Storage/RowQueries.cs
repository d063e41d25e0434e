namespace Billing.Core.Storage;

/// <summary>Reads every row of a set that the storage service's filter lets through, page by page (the filter runs there, not here).</summary>
public static class RowQueries
{
    public static async Task<List<T>> AllAsync<T>(this IAccountReader reader, string accountId, RowSet<T> rows, IReadOnlyList<RowFilter> filters,
        CancellationToken ct, int limit = int.MaxValue) where T : class
    {
        var found = new List<T>();
        string? token = null;
        do
        {
            var page = await reader.PageAsync(accountId, rows, filters, 1000, token, ct);
            found.AddRange(page.Items);
            token = page.ContinuationToken;
        } while (token is not null && found.Count < limit);
        return found;
    }
}
