namespace Billing.Core.Audit;

/// <summary>A page of the global audit log and the position after its last entry (null at the end).</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditEntry> Items, string? NextPosition);

/// <summary>
/// The global, time-ordered audit log (port; table <c>{prefix}audit</c>): every operator action of every account and those of
/// none (job runs, vendor keys), newest first. An account's own entries are also rows of its partition, committed with
/// the change they record (<see cref="AuditTrail"/>): that copy is the one an account's search reads.
/// </summary>
public interface IAuditLog
{
    /// <summary>Stores the entry under its id; storing the same entry again changes nothing.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>Entries in [from, to] (either open), of one action or all, newest first; <paramref name="after"/> is a position a page gave.</summary>
    Task<AuditLogPage> ListAsync(AuditAction? action, DateTimeOffset? from, DateTimeOffset? to, int pageSize, string? after, CancellationToken ct);

    /// <summary>Whether <paramref name="position"/> is one this log gives out (a forged one is refused before any read).</summary>
    bool IsPosition(string position);
}
