using System.ComponentModel.DataAnnotations;

namespace Billing.Core.Idempotency;

/// <summary>
/// B8: how long an Idempotency-Key is remembered (<c>Idempotency:RetentionHours</c>, default 48, at least the 24 the rule
/// asks for). After that a reused key is a new request, and the retention sweep deletes the record.
/// </summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    [Range(24, 24 * 366)]
    public int RetentionHours { get; set; } = 48;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);

    /// <summary>A key first used at <paramref name="createdAt"/> is forgotten as of <paramref name="asOf"/>.</summary>
    public bool Expired(DateTimeOffset createdAt, DateTimeOffset asOf) => createdAt + Retention <= asOf;
}
