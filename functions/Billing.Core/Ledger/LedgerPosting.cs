using Billing.Core.Accounts;

namespace Billing.Core.Ledger;

/// <summary>Appends entries to an account: each advances the sequence and the balance together (A2).</summary>
public sealed class LedgerPosting(Account head)
{
    private readonly List<LedgerEntry> _entries = [];

    public Account Head { get; private set; } = head;
    public IReadOnlyList<LedgerEntry> Entries => _entries;

    public LedgerEntry Post(DateTimeOffset time, LedgerKind kind, long amount, string description,
        IReadOnlyList<BreakdownLine>? lines = null, string? reference = null, string? idempotencyKey = null, string? paymentReference = null)
    {
        var balance = checked(Head.Balance + amount);
        var seq = Head.LedgerSeq + 1;
        var entry = new LedgerEntry
        {
            Seq = seq, AccountId = Head.Id, Time = time, Kind = kind, Amount = amount, Currency = Head.Currency,
            BalanceAfter = balance, Description = description, Lines = lines ?? [], Reference = reference,
            IdempotencyKey = idempotencyKey, PaymentReference = paymentReference,
        };
        Head = Head with
        {
            Balance = balance, LedgerSeq = seq,
            Restrictions = Head.Restrictions.BalanceMoved(balance, Time.LocalCalendar.Today(time, Head.TimeZone)),
        };
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Changes head fields that are not money (plan, hold, counters) between postings.</summary>
    public void Replace(Account head)
    {
        if (head.Balance != Head.Balance || head.LedgerSeq != Head.LedgerSeq)
            throw new InvalidOperationException("Balance and sequence change only through Post.");
        Head = head;
    }

    public IEnumerable<Storage.RowOp> Inserts => _entries.Select(e => new Storage.RowOp(e, Storage.RowWrite.Insert));
}
