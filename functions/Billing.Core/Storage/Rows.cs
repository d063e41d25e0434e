namespace Billing.Core.Storage;

/// <summary>
/// One row of an account partition, named by its domain identity (an invoice id, a day, a provider event…). How an
/// identity becomes a row key is the storage adapter's business; the rules never see a key.
/// </summary>
public sealed record RowRef<T>(object Id) where T : class;

/// <summary>
/// Rows of one kind in an account partition: all of them, those of one owner (a customer's ledger, a run's lines),
/// or those of the days in [From, Until). The adapter turns it into a key range.
/// </summary>
public sealed record RowSet<T>(object? Owner = null, DateOnly? From = null, DateOnly? Until = null) where T : class
{
    public static readonly RowSet<T> All = new();
}

/// <summary>A stored value with the ETag it was read at, for If-Match writes.</summary>
public sealed record Versioned<T>(T Value, string ETag);
