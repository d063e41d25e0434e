namespace Billing.Core.Storage;

public enum RowWrite { Insert, Replace, Upsert, Delete }

/// <summary>One row written in a commit: a domain record the adapter knows how to store. Replace with an ETag is If-Match; Insert fails if the row exists.</summary>
public sealed record RowOp(object Row, RowWrite Write, string? ETag = null);

/// <summary>
/// Everything one business operation writes to one account partition: committed as ONE entity group
/// transaction, with If-Match on the head row when <see cref="HeadETag"/> is set.
/// </summary>
public sealed record AccountCommit(string AccountId, Accounts.Account? Head, string? HeadETag, IReadOnlyList<RowOp> Rows)
{
    // Table Storage's limit for one entity group transaction; we enforce it since the emulator does not.
    public const int MaxOperations = 100;

    // Derived from the rows here, once, so no use case can forget it.
    public Accounts.Account? Head { get; init; } = Invoices.UnpaidInvoiceIndex.Track(Head, Rows);

    public int OperationCount => (Head is null ? 0 : 1) + Rows.Count;

    /// <summary>Rows only (no head): for writes that need no If-Match on the head.</summary>
    public static AccountCommit RowsOnly(string accountId, params RowOp[] rows) => new(accountId, null, null, rows);
}
