using Billing.Core.Storage;

namespace Billing.Core.Payments;

/// <summary>
/// Why a payment event was flagged for the operator (B4, F11): money arrived that could not be credited as issued (its
/// amount or currency differs, the invoice was already paid or cannot take it, no such invoice), a provider refund names
/// nothing of ours or differs, or a customer's payment was credited to the base account because its pass changed.
/// </summary>
public enum PaymentFlagKind { AmountMismatch, RefundMismatch, DuplicatePayment, InvoiceNotPayable, UnknownInvoice, UnknownPayment, TargetChanged }

/// <summary>
/// How an operator closed a flag, with what the existing use cases can really do: <see cref="CreditedToBalance"/> books the
/// money that arrived to the tenant's balance (a payment of its own invoice whose amount differed, a second payment, one for
/// a cancelled or missing invoice); <see cref="Dismissed"/> closes it with a note (refunded in the provider's dashboard, a
/// customer's payment the tenant settles itself, a pass change acknowledged). A refund through the API needs a payment that
/// was credited, which a flagged one was not, so it is no resolution here.
/// </summary>
public enum FlagResolution { CreditedToBalance, Dismissed }

/// <summary>A flagged payment as operators see it: the provider event's record, named by an id that carries its account.</summary>
public sealed record FlaggedPayment
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required PaymentFlagKind Kind { get; init; }
    public required string Provider { get; init; }
    public required string EventId { get; init; }
    public string? InvoiceId { get; init; }
    public long Amount { get; init; }
    public string? Currency { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? Detail { get; init; }
    public bool Open => Resolution is null;
    public FlagResolution? Resolution { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    public string? Note { get; init; }

    /// <summary><c>{accountId}.{provider}.{hash of the event id}</c>: the account's partition and the event inside it.</summary>
    public static string IdOf(string accountId, string provider, string eventId) => $"{accountId}.{provider}.{Validation.Ids.Hash(eventId)}";

    /// <summary>The flag's parts, or null for an id that is no flag id (then 404).</summary>
    public static (string AccountId, string Provider, string EventHash)? Parse(string? id)
    {
        var parts = id?.Split('.');
        return parts is [var account, var provider, var hash] && Validation.Ids.IsValid(account) && Validation.Ids.IsValid(provider) && provider.Length <= 32
            && hash.Length == 40 && hash.All(char.IsAsciiHexDigitLower)
            ? (account, provider, hash) : null;
    }

    /// <summary>The flag a record carries, or null when it is none.</summary>
    public static FlaggedPayment? Of(string accountId, ProviderEventRecord r) => r.FlagKind is not { } kind ? null : new()
    {
        Id = IdOf(accountId, r.Provider, r.EventId), AccountId = accountId, Kind = kind, Provider = r.Provider, EventId = r.EventId, InvoiceId = r.InvoiceId,
        Amount = r.Amount, Currency = r.Currency, ReceivedAt = r.ReceivedAt, Detail = r.Detail, Resolution = r.Resolution, ResolvedAt = r.ResolvedAt,
        ResolvedBy = r.ResolvedBy, Note = r.ResolutionNote,
    };
}
