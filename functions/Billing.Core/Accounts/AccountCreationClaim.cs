using Billing.Core.Storage;

namespace Billing.Core.Accounts;

/// <summary>
/// An Idempotency-Key of an account creation (B8) and the random id it was given, written before the account: a
/// retry after a crash finds the same id, a repeat finds the account, another request with the key is refused.
/// Kept in a partition of its own (<see cref="Partition"/>), since the account has none yet.
/// </summary>
public sealed record AccountCreationClaim(string Key, string AccountId, string RequestHash, DateTimeOffset At)
{
    public const string Partition = "_accounts";

    public static RowRef<AccountCreationClaim> Ref(string key) => new(key);
}
