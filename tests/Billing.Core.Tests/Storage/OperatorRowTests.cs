using System.Text.Json.Nodes;
using Billing.Core.Adjustments;
using Billing.Core.Audit;
using Billing.Core.Operators;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Billing.Infrastructure.Audit;
using Billing.Infrastructure.Operators;
using Billing.Infrastructure.Storage.Rows;
using static Billing.Core.Tests.Storage.RowLayout;

namespace Billing.Core.Tests.Storage;

/// <summary>P2: the rows of the operator console, pinned like the others: audit entries (an account's and the global log), adjustments, pointers.</summary>
public sealed class OperatorRowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 30, 15, TimeSpan.Zero);
    private static readonly string Inverted = (long.MaxValue - T0.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static AuditEntry Entry() => new()
    {
        Id = "aud_abcdefghijklmnopqrst", At = T0, Action = AuditAction.Adjustment, Who = new OperatorActor("key_abc", "support desk", "op-anna"),
        AccountId = "acc_abc", Target = "adj_abc", Reason = "double charge", Before = new JsonObject { ["balance"] = 1_000 },
        After = new JsonObject { ["balance"] = 500, ["ledgerSeq"] = 7 }, IdempotencyKey = "ticket-4411",
    };

    private static readonly string[] AuditColumns =
        ["Id", "At", "Action", "KeyId", "KeyName", "Operator", "AccountId", "Target", "Reason", "Before", "After", "IdempotencyKey"];

    [Fact]
    public void P2_an_accounts_audit_entry_is_keyed_newest_first_and_keeps_its_columns()
    {
        var mapper = RowMappers.Of<AuditEntry>();
        var sample = Entry();
        IsFullySet(sample);
        var e = Write(mapper, sample, $"audit-{Inverted}-aud_abcdefghijklmnopqrst");
        HasColumns(e, AuditColumns);
        Text(e, "Action", "adjustment");
        Text(e, "KeyId", "key_abc");
        Text(e, "Operator", "op-anna");
        Text(e, "Before", """{"balance":1000}""");
        UtcTime(e, "At", T0);
        RoundTrips(mapper, e, sample);
        InRange(e.RowKey, mapper.Range(AuditEntry.All));
        Assert.True(string.CompareOrdinal(mapper.Key(sample with { At = T0.AddTicks(1) }), e.RowKey) < 0);
    }

    [Fact]
    public void P2_the_global_audit_log_keeps_the_same_columns_under_time_and_id()
    {
        var mapper = new AuditLogRows();
        var sample = Entry();
        var e = mapper.ToEntity(TableAuditLog.Partition, sample);
        Assert.Equal(("all", $"{Inverted}_aud_abcdefghijklmnopqrst"), (e.PartitionKey, e.RowKey));
        HasColumns(e, AuditColumns);
        RoundTrips(mapper, e, sample);
        // An entry of no account, by a key without a named person, stores no such columns.
        var vendor = mapper.ToEntity(TableAuditLog.Partition, sample with { AccountId = null, Who = new OperatorActor("cfg-1", "bootstrap"), Before = null });
        Assert.DoesNotContain("AccountId", ColumnNames(vendor));
        Assert.DoesNotContain("Operator", ColumnNames(vendor));
        Assert.Null(mapper.Read(vendor).Before);
    }

    [Fact]
    public void P2_an_adjustment_is_keyed_by_its_hashed_key_and_round_trips()
    {
        var mapper = RowMappers.Of<Adjustment>();
        var sample = new Adjustment
        {
            Id = "adj_abc", Key = "ticket/4411", Amount = -5_000, Currency = "UAH", Reason = "double charge", LedgerSeq = 9, BalanceAfter = 1_000,
            At = T0, By = "op-anna",
        };
        IsFullySet(sample);
        var e = Write(mapper, sample, "adjustment-" + Validation.Ids.Hash("ticket/4411"));
        HasColumns(e, "Id", "Key", "Amount", "Currency", "Reason", "LedgerSeq", "BalanceAfter", "At", "By");
        Long(e, "Amount", -5_000);
        Long(e, "BalanceAfter", 1_000);
        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(Adjustment.Ref("ticket/4411")));
        InRange(e.RowKey, mapper.Range(Adjustment.All));
    }

    [Fact]
    public void P2_pointers_name_their_rows_by_day_and_time()
    {
        var events = new EventPointerRows();
        var pointer = new EventPointer("acc_abc", "event-invoice-paid-inv_x", T0);
        var e = events.ToEntity(TableOperatorIndex.DayPartition(T0), pointer);
        Assert.Equal(("event-20261102", $"{Inverted}_acc_abc_event-invoice-paid-inv_x"), (e.PartitionKey, e.RowKey));
        HasColumns(e, "AccountId", "OutboxId", "CreatedAt");
        Assert.Equal(pointer, events.Read(e));

        var flags = new FlagPointerRows();
        var flag = new FlagPointer("acc_abc", "sandbox", "evt/1", T0);
        var f = flags.ToEntity(TableOperatorIndex.FlagPartition, flag);
        Assert.Equal(("flag", $"{Inverted}_acc_abc_sandbox_{Validation.Ids.Hash("evt/1")}"), (f.PartitionKey, f.RowKey));
        HasColumns(f, "AccountId", "Provider", "EventId", "ReceivedAt");
        Assert.Equal(flag, flags.Read(f));
    }

    [Fact]
    public void B4_a_record_stored_before_flags_were_kept_reads_its_flag_from_its_outcome()
    {
        ProviderEventRecord Old(PaymentOutcome o, string detail = "x", long amount = 100) =>
            new() { Provider = "sandbox", EventId = "e", Outcome = o, ReceivedAt = T0, Detail = detail, Amount = amount };
        Assert.Equal(PaymentFlagKind.AmountMismatch, Old(PaymentOutcome.AmountMismatch).FlagKind);
        Assert.Equal(PaymentFlagKind.RefundMismatch, Old(PaymentOutcome.AmountMismatch, "refund of 5.00 UAH for a payment in EUR").FlagKind);
        Assert.Equal(PaymentFlagKind.DuplicatePayment, Old(PaymentOutcome.DuplicatePayment).FlagKind);
        Assert.Equal(PaymentFlagKind.UnknownInvoice, Old(PaymentOutcome.UnknownInvoice).FlagKind);
        Assert.Null(Old(PaymentOutcome.UnknownInvoice, amount: 0).FlagKind);
        Assert.Null(Old(PaymentOutcome.Credited).FlagKind);
        Assert.Null(Old(PaymentOutcome.Declined).FlagKind);
        Assert.False(Old(PaymentOutcome.DuplicatePayment) with { Resolution = FlagResolution.Dismissed } is { IsOpenFlag: true });
        Assert.True(Old(PaymentOutcome.Credited) with { Flag = PaymentFlagKind.TargetChanged } is { IsOpenFlag: true });
    }
}
