namespace Billing.Core.Storage;

/// <summary>A row changed since it was read (HTTP 412): read again and decide again.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);

/// <summary>A deterministic row already exists (HTTP 409 on insert): the work was done before, or is being done.</summary>
public sealed class DuplicateRowException(string row, object? failedRow = null) : Exception($"Row '{row}' already exists.")
{
    public string Row { get; } = row;
    /// <summary>The domain row of the commit that collided, when the store can tell (a usage event that was stored before, C11).</summary>
    public object? FailedRow { get; } = failedRow;
}
