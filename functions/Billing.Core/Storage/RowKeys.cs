using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Billing.Core.Storage;

/// <summary>Deterministic row keys: a repeat collides with the first write instead of duplicating it.</summary>
public static class RowKeys
{
    public const string Account = "account";
    public const string LedgerPrefix = "ledger-";
    public const string InvoicePrefix = "invoice-";
    public const string SeatsPrefix = "seats-";
    public const string UsagePrefix = "usage-";
    public const string ServicePrefix = "service-";
    public const string OutboxPrefix = "outbox-";
    public const string RestrictionPrefix = "restriction-";

    // Inverted sequence: ascending RowKey order is newest-first (A4).
    public static string Ledger(long seq) => LedgerPrefix + (long.MaxValue - seq).ToString("D19", CultureInfo.InvariantCulture);
    public static string Invoice(string invoiceId) => InvoicePrefix + invoiceId;
    public static string Service(string serviceId) => ServicePrefix + serviceId;
    public static string DayCharge(DateOnly day) => "charge-" + Day(day);
    public static string MonthCharge(int year, int month) => $"postpaid-{year:D4}-{month:D2}";
    public static string Seats(DateOnly day) => SeatsPrefix + Day(day);
    public static string Usage(DateOnly day, string metric) => $"{UsagePrefix}{Day(day)}-{metric}";
    public static string UsageKey(string idempotencyKey) => "usagekey-" + Hash(idempotencyKey);
    public static string ProviderEvent(string provider, string eventId) => $"event-{provider}-{Hash(eventId)}";
    public static string Idempotency(string key) => "idem-" + Hash(key);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The exclusive upper bound of a prefix range query.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    // Caller-supplied keys may hold characters Table Storage refuses in keys ('/', '#', '?'): hash them.
    public static string Hash(string value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..40].ToLowerInvariant();
}
