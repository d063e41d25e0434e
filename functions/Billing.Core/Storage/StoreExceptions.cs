namespace Billing.Core.Storage;

/// <summary>A row changed since it was read (HTTP 412): read again and decide again.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);

/// <summary>A deterministic row already exists (HTTP 409 on insert): the work was done before, or is being done.</summary>
public sealed class DuplicateRowException(string row) : Exception($"Row '{row}' already exists.")
{
    public string Row { get; } = row;
}
