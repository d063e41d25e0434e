namespace Billing.Core.Storage;

/// <summary>The head row changed since it was read (HTTP 412): reload and decide again.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);

/// <summary>A deterministic row already exists (HTTP 409 on insert): the work was done before.</summary>
public sealed class DuplicateRowException(string rowKey) : Exception($"Row '{rowKey}' already exists.")
{
    public string RowKey { get; } = rowKey;
}
