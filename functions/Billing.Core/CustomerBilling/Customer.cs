using Billing.Core.Storage;

namespace Billing.Core.CustomerBilling;

public enum CustomerType { Individual, Legal }

/// <summary>
/// A pass (subscription) a customer studies on (F1). With <see cref="SeparateAccount"/> it has money of its own;
/// otherwise its lessons are paid from the customer's base account. <see cref="Price"/> buys
/// <see cref="LessonsPerPeriod"/> lessons, which is what a forecast prices a planned lesson at.
/// </summary>
public sealed record Pass
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string Subject { get; init; } = "";
    public string LessonType { get; init; } = "";
    public required long Price { get; init; }
    public int LessonsPerPeriod { get; init; } = 1;
    public bool SeparateAccount { get; init; }
    public int LessonsLeft { get; init; }
    /// <summary>Money on the pass's own account (minor units); only meaningful with a separate account.</summary>
    public long MoneyLeft { get; init; }
}

/// <summary>A lesson the CRM reported: planned on a date for a pass, and whether it was attended.</summary>
public sealed record Lesson(DateOnly Date, string PassId, bool Attended);

/// <summary>One of a tenant's own customers (F1), stored in the tenant's partition.</summary>
public sealed record Customer
{
    public static RowRef<Customer> Ref(string id) => new(id);
    public static readonly RowSet<Customer> All = RowSet<Customer>.All;

    public required string Id { get; init; }
    public required string Name { get; init; }
    public CustomerType Type { get; init; }
    /// <summary>The tenant's own status names (active, lead, paused…): filtered on, not interpreted.</summary>
    public string Status { get; init; } = "active";
    public string? Mobile { get; init; }
    public string? Email { get; init; }
    public string? TelegramId { get; init; }
    /// <summary>Money on the base account (minor units of the tenant's currency).</summary>
    public long Balance { get; init; }
    /// <summary>Sequence of this customer's account movements (their ledger rows).</summary>
    public long LedgerSeq { get; init; }
    public IReadOnlyList<Pass> Passes { get; init; } = [];
    public IReadOnlyList<Lesson> Lessons { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public Pass? FindPass(string passId) => Passes.FirstOrDefault(p => p.Id == passId);
}

/// <summary>Which of a customer's accounts an invoice credits: the base account, or a pass with a separate account.</summary>
public readonly record struct TargetAccount(string? PassId)
{
    public const string BaseKey = "base";
    public static readonly TargetAccount Base = new(null);

    public bool IsBase => PassId is null;
    public string Key => PassId ?? BaseKey;

    public static TargetAccount Parse(string? key) => key is null or BaseKey ? Base : new TargetAccount(key);

    /// <summary>The passes paid from this account: the base account pays for every pass without an account of its own.</summary>
    public IEnumerable<Pass> PassesOf(Customer c)
    {
        var passId = PassId;
        return passId is null ? c.Passes.Where(p => !p.SeparateAccount) : c.Passes.Where(p => p.Id == passId);
    }

    public long MoneyLeft(Customer c) => IsBase ? c.Balance : c.FindPass(PassId!)?.MoneyLeft ?? 0;

    public int LessonsLeft(Customer c) => PassesOf(c).Sum(p => p.LessonsLeft);

    public string Describe(Customer c) => IsBase ? "base account" : $"pass \"{c.FindPass(PassId!)?.Name ?? PassId}\"";

    public void Validate(Customer c)
    {
        if (IsBase) return;
        var pass = c.FindPass(PassId!) ?? throw BillingException.NotFound("pass", PassId!);
        if (!pass.SeparateAccount)
            throw BillingException.Refused("pass_has_no_account", $"Pass \"{pass.Name}\" is paid from the base account; it has no account of its own to credit.");
    }
}
