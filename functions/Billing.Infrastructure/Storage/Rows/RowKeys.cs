using System.Globalization;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>Row-key layout helpers: prefixes name the kind; inverted sequences list newest first.</summary>
public static class RowKeys
{
    /// <summary>Ascending row-key order of an inverted sequence is newest first (A4).</summary>
    public static string Inverted(long seq) => (long.MaxValue - seq).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The exclusive upper bound of a prefix range query.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    // Caller-supplied keys may hold characters Table Storage refuses in keys ('/', '#', '?'): they are hashed.
    public static string Hash(string value) => Core.Validation.Ids.Hash(value);
}
