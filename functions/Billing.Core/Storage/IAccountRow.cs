namespace Billing.Core.Storage;

/// <summary>A row in an account's partition. RowKey prefixes name the kind (ARCHITECTURE "Storage").</summary>
public interface IAccountRow
{
    string RowKey { get; }
}

/// <summary>A stored value with the ETag it was read at, for If-Match writes.</summary>
public sealed record Versioned<T>(T Value, string ETag);
