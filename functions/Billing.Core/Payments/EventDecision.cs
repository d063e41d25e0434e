using Billing.Core.Storage;

namespace Billing.Core.Payments;

/// <summary>
/// One provider event being decided for an account (B4, F4): the already-applied check and the outcomes that only
/// record the event, shared by payments to the tenant and to its customers.
/// </summary>
public sealed class EventDecision
{
    private readonly string _accountId;
    private readonly ProviderEvent _evt;
    private readonly long _balance;

    private EventDecision(string accountId, ProviderEvent evt, ProviderEventRecord record, long balance) =>
        (_accountId, _evt, Record, _balance) = (accountId, evt, record, balance);

    public ProviderEventRecord Record { get; }

    /// <summary>Null with the first outcome when this event was applied before; otherwise a decision to make.</summary>
    public static async Task<(EventDecision? Open, PaymentResult? Seen)> StartAsync(IAccountStore store, string accountId, ProviderEvent evt,
        DateTimeOffset now, long balance, CancellationToken ct)
    {
        var seen = await store.FindRowAsync<ProviderEventRecord>(accountId, RowKeys.ProviderEvent(evt.Provider, evt.EventId), ct);
        return seen is not null
            ? (null, new PaymentResult(PaymentOutcome.AlreadyApplied, seen.Value.InvoiceId, balance, $"first outcome: {seen.Value.Outcome}"))
            : (new EventDecision(accountId, evt, ProviderEventRecord.Received(evt, now), balance), null);
    }

    public Decision<PaymentResult> RecordOnly(PaymentOutcome outcome, string detail, params RowOp[] more) =>
        new(new AccountCommit(_accountId, null, null, [new RowOp(Record with { Outcome = outcome, Detail = detail }, RowWrite.Insert), .. more]),
            new(outcome, _evt.InvoiceId, _balance, detail));

    /// <summary>A declined or unhandled event is recorded and nothing else; null for a success to apply.</summary>
    public Decision<PaymentResult>? NotASuccess() => _evt.Type switch
    {
        ProviderEventType.PaymentFailed => RecordOnly(PaymentOutcome.Declined, "the payer's payment was declined"),
        ProviderEventType.PaymentSucceeded => null,
        _ => RecordOnly(PaymentOutcome.Ignored, "event type not handled"),
    };

    /// <summary>What was paid against what was asked, when they differ; null when they match.</summary>
    public string? AmountMismatch(string number, long amount, string currency) =>
        _evt.Amount is { } paid && paid.Minor == amount && paid.Currency == currency
            ? null
            : $"paid {_evt.Amount?.ToString() ?? "nothing"} for invoice {number} of {new Money.Money(amount, currency)}";
}
