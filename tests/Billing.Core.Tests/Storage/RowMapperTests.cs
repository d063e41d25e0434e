using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Usage;
using Billing.Core.CustomerBilling;
using Billing.Core.Idempotency;
using Billing.Core.Invoices;
using Billing.Core.Ledger;
using Billing.Core.Notifications;
using Billing.Core.Payments;
using Billing.Core.Restrictions;
using Billing.Core.Services;
using Billing.Core.Storage;
using Billing.Core.Validation;
using Billing.Infrastructure.Storage.Rows;
using static Billing.Core.Tests.Storage.RowLayout;

namespace Billing.Core.Tests.Storage;

/// <summary>
/// The stored layout of the account partition's rows (ARCHITECTURE "Row catalog"): each kind's row key and the exact
/// names and types of its columns are pinned here, since they are the data already stored in production.
/// </summary>
public sealed class RowMapperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 30, 15, TimeSpan.Zero);

    /// <summary>Row kinds whose layout is pinned in this folder: a kind added to the registry needs its test here.</summary>
    private static readonly Type[] PinnedKinds =
    [
        typeof(Account), typeof(AccountCreationClaim), typeof(LedgerEntry), typeof(RestrictionChange), typeof(Invoice), typeof(Service),
        typeof(SeatsDay), typeof(UsageDay), typeof(UsageEvent), typeof(SeatReports), typeof(LoginMark), typeof(UsageCounter), typeof(ChargeMarker), typeof(ProviderEventRecord), typeof(PaymentRecord), typeof(IdempotencyRecord),
        typeof(OutboxMessage), typeof(Customer), typeof(CustomerInvoice), typeof(CustomerLedgerEntry), typeof(CompanyDetails), typeof(MessageTemplate),
        typeof(MailingRule), typeof(MailingRun), typeof(MailingLine), typeof(Billing.Core.Payments.Merchants.MerchantConnection),
        typeof(Billing.Core.Audit.AuditEntry), typeof(Billing.Core.Adjustments.Adjustment),
    ];

    [Fact]
    public void A2_each_row_kind_of_the_registry_has_its_layout_pinned_and_one_mapper()
    {
        var registered = RowMappers.All.Select(m => m.RowType).ToList();
        Assert.Equal(registered.Count, registered.Distinct().Count());
        Assert.Equal(PinnedKinds.Select(t => t.Name).Order(StringComparer.Ordinal), registered.Select(t => t.Name).Order(StringComparer.Ordinal));
        foreach (var mapper in RowMappers.All) Assert.Same(mapper, RowMappers.Of(mapper.RowType));
    }

    [Fact]
    public void A2_a_type_that_is_not_a_row_kind_has_no_mapper() =>
        Assert.Throws<InvalidOperationException>(() => RowMappers.Of(typeof(string)));

    // ---------------------------------------------------------------- ledger (A3, A4)

    [Fact]
    public void A3_a_ledger_entry_keeps_its_inverted_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<LedgerEntry>();
        var sample = new LedgerEntry
        {
            Seq = 42, AccountId = "acc_abc", Time = T0, Kind = LedgerKind.InvoicePayment, Amount = -30_000, Currency = "UAH", BalanceAfter = 12_500,
            Description = "Invoice INV-000012 paid from balance",
            Lines =
            [
                new BreakdownLine("plan:pro", "Pro plan", 9, 1_000, 9_000) { Tier = "5-9", Seats = 9, Days = 30 },
                new BreakdownLine("usage:sms", "SMS", 340, 50, 17_000) { Tier = "base", Seats = 1, Days = 1 },
            ],
            Reference = "invoice:inv_abc", IdempotencyKey = "pay/inv_abc#1", PaymentReference = "wire-2026-11-77",
        };
        IsFullySet(sample);

        // long.MaxValue - 42, 19 digits: ascending row keys list the newest entry first (A4).
        var e = Write(mapper, sample, "ledger-9223372036854775765");
        Assert.Equal("ledger-" + (long.MaxValue - 42).ToString("D19", System.Globalization.CultureInfo.InvariantCulture), e.RowKey);
        HasColumns(e, "Seq", "AccountId", "Time", "Kind", "Amount", "Currency", "BalanceAfter", "Description", "Lines", "Reference", "IdempotencyKey", "PaymentReference");
        Text(e, "PaymentReference", "wire-2026-11-77");
        Long(e, "Seq", 42);
        Long(e, "Amount", -30_000);
        Long(e, "BalanceAfter", 12_500);
        UtcTime(e, "Time", T0);
        Text(e, "Kind", "invoice_payment");
        // Nested values keep their PascalCase names.
        Text(e, "Lines",
            """[{"Item":"plan:pro","Description":"Pro plan","Quantity":9,"UnitPrice":1000,"Amount":9000,"Tier":"5-9","Seats":9,"Days":30},""" +
            """{"Item":"usage:sms","Description":"SMS","Quantity":340,"UnitPrice":50,"Amount":17000,"Tier":"base","Seats":1,"Days":1}]""");

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(LedgerEntry.Ref(42)));
        Assert.Equal(("ledger-", "ledger."), mapper.Range(LedgerEntry.All));
        InRange(e.RowKey, mapper.Range(LedgerEntry.All));
    }

    [Fact]
    public void A4_ledger_keys_are_zero_padded_and_a_newer_entry_sorts_first()
    {
        var mapper = RowMappers.Of<LedgerEntry>();
        Assert.Equal("ledger-0000000000000000007", mapper.Key(LedgerEntry.Ref(long.MaxValue - 7)));
        Assert.Equal("ledger-9223372036854775806", mapper.Key(LedgerEntry.Ref(1)));
        Assert.True(string.CompareOrdinal(mapper.Key(LedgerEntry.Ref(100)), mapper.Key(LedgerEntry.Ref(99))) < 0);
        Assert.True(string.CompareOrdinal(mapper.Key(LedgerEntry.Ref(10)), mapper.Key(LedgerEntry.Ref(9))) < 0);
    }

    [Fact]
    public void D5_a_restriction_change_keeps_its_inverted_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<RestrictionChange>();
        var sample = new RestrictionChange(4, T0, RestrictionLevel.Reminder, RestrictionLevel.Blocked, "day_of_month_11", "daily");
        IsFullySet(sample);

        var e = Write(mapper, sample, "restriction-9223372036854775803");
        HasColumns(e, "Seq", "At", "From", "To", "Reason", "Trigger");
        Long(e, "Seq", 4);
        UtcTime(e, "At", T0);
        Text(e, "From", "reminder");
        Text(e, "To", "blocked");

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
        InRange(e.RowKey, mapper.Range(RestrictionChange.All));
        Assert.True(string.CompareOrdinal(mapper.Key(sample with { Seq = 5 }), e.RowKey) < 0);
    }

    // ---------------------------------------------------------------- invoices and services (C10, C6)

    [Fact]
    public void C10_an_invoice_keeps_its_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<Invoice>();
        var sample = new Invoice
        {
            Id = "inv_abc", AccountId = "acc_abc", Number = "INV-000012", Kind = InvoiceKind.PlanChange, Status = InvoiceStatus.PaidFromBalance,
            Amount = 30_000, Currency = "UAH", Bonus = 1_500, BonusPercent = 5, Description = "Plan change to Business", CreatedAt = T0,
            DueDate = new DateOnly(2026, 11, 9), CreatedBy = "op_jane", Provider = "sandbox", CheckoutId = "cs_abc",
            CheckoutUrl = "https://pay.test/cs_abc", PaidAt = T0.AddHours(2), PaidBy = "user_42", PaymentIssue = "amount differs by 1",
            Orders = [new InvoiceOrder("svc_plan", OrderKind.Prolongation, 30_000, T0.AddMinutes(-1))],
            Prepaid = false, ExternalErp = true, PlanChange = new PlanChangeTerms("pro", "business", 45_000, 15_000, 12, 20_000),
            CancelledAt = T0.AddDays(1), AmountSetBy = "op_john", CheckoutAttempt = 2, PaymentId = "pay_abc",
        };
        // Prepaid defaults to true: false is its non-default value.
        IsFullySet(sample, nameof(Invoice.Prepaid));

        var e = Write(mapper, sample, "invoice-inv_abc");
        HasColumns(e, "Id", "AccountId", "Number", "Kind", "Status", "Amount", "Currency", "Bonus", "BonusPercent", "Description", "CreatedAt",
            "DueDate", "CreatedBy", "Provider", "CheckoutId", "CheckoutUrl", "PaidAt", "PaidBy", "PaymentIssue", "Orders", "Prepaid", "ExternalErp",
            "PlanChange", "CancelledAt", "AmountSetBy", "CheckoutAttempt", "PaymentId");
        Int(e, "CheckoutAttempt", 2);
        Text(e, "Kind", "plan_change");
        Text(e, "Status", "paid_from_balance");
        Long(e, "Amount", 30_000);
        Long(e, "Bonus", 1_500);
        Int(e, "BonusPercent", 5);
        UtcTime(e, "CreatedAt", T0);
        UtcTime(e, "PaidAt", T0.AddHours(2));
        Text(e, "DueDate", "2026-11-09");
        Flag(e, "Prepaid", false);
        Flag(e, "ExternalErp", true);
        Text(e, "Orders", """[{"ServiceId":"svc_plan","Kind":"prolongation","Amount":30000,"CreatedAt":"2026-11-02T09:29:15+00:00"}]""");
        Assert.StartsWith("""{"FromPlanId":"pro","ToPlanId":"business","FullPrice":45000,"Credit":15000,"UnusedDays":12,"Held":20000""", (string)e["PlanChange"]);

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(Invoice.Ref("inv_abc")));
        Assert.Equal(("invoice-", "invoice."), mapper.Range(Invoice.All));
        InRange(e.RowKey, mapper.Range(Invoice.All));
    }

    [Fact]
    public void C10_an_unpaid_invoice_writes_no_column_for_what_is_not_set_and_awaits_payment()
    {
        var mapper = RowMappers.Of<Invoice>();
        var sample = new Invoice
        {
            Id = "inv_new", AccountId = "acc_abc", Number = "INV-000013", Kind = InvoiceKind.TopUp, Amount = 10_000, Currency = "UAH",
            Description = "Top-up", CreatedAt = T0,
        };

        var e = Write(mapper, sample, "invoice-inv_new");
        HasColumns(e, "Id", "AccountId", "Number", "Kind", "Status", "Amount", "Currency", "Bonus", "BonusPercent", "Description", "CreatedAt",
            "Orders", "Prepaid", "ExternalErp");
        Text(e, "Status", "awaiting_payment");
        Text(e, "Kind", "top_up");
        Flag(e, "Prepaid", true);
        RoundTrips(mapper, e, sample);
    }

    [Fact]
    public void C10_times_are_stored_in_utc_whatever_offset_they_were_taken_at()
    {
        var mapper = RowMappers.Of<Invoice>();
        var local = new DateTimeOffset(2026, 11, 2, 11, 30, 15, TimeSpan.FromHours(2));
        var e = mapper.ToEntity(Partition, new Invoice
        {
            Id = "inv_tz", AccountId = "acc_abc", Number = "INV-000014", Kind = InvoiceKind.TopUp, Amount = 1, Currency = "UAH", Description = "x",
            CreatedAt = local,
        });
        var stored = Assert.IsType<DateTimeOffset>(e["CreatedAt"]);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(new DateTime(2026, 11, 2, 9, 30, 15), stored.DateTime);
        Assert.Equal(local, mapper.Read(e).CreatedAt);
    }

    [Fact]
    public void C6_a_service_keeps_its_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<Service>();
        var sample = new Service
        {
            Id = "svc_sms", Kind = ServiceKind.AddOn, ItemId = "sms", Name = "SMS", State = ServiceState.PaymentOverdue, Price = 25_000, Currency = "UAH",
            MaxSeats = 25, PaidUntil = new DateOnly(2026, 12, 1), PaidFrom = new DateOnly(2026, 11, 1), AutoRenew = false, CreatedAt = T0,
            ExpiredOn = new DateOnly(2026, 12, 4),
        };
        // AutoRenew defaults to true: false is its non-default value.
        IsFullySet(sample, nameof(Service.AutoRenew));

        var e = Write(mapper, sample, "service-svc_sms");
        HasColumns(e, "Id", "Kind", "ItemId", "Name", "State", "Price", "Currency", "MaxSeats", "PaidUntil", "PaidFrom", "AutoRenew", "CreatedAt",
            "ExpiredOn");
        Text(e, "Kind", "add_on");
        Text(e, "State", "payment_overdue");
        Long(e, "Price", 25_000);
        Int(e, "MaxSeats", 25);
        Text(e, "PaidUntil", "2026-12-01");
        Flag(e, "AutoRenew", false);
        UtcTime(e, "CreatedAt", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(Service.Ref("svc_sms")));
        InRange(e.RowKey, mapper.Range(Service.All));
    }

    // ---------------------------------------------------------------- seats, usage and charges (C2, C3, C11)

    [Fact]
    public void C2_a_seats_day_keeps_its_day_key_and_columns_and_lies_in_its_days_range()
    {
        var mapper = RowMappers.Of<SeatsDay>();
        var day = new DateOnly(2026, 11, 2);
        var sample = new SeatsDay(day, 12, 10);
        IsFullySet(sample);

        var e = Write(mapper, sample, "seats-2026-11-02");
        HasColumns(e, "Day", "Seats", "Last");
        Text(e, "Day", "2026-11-02");
        Int(e, "Seats", 12);
        Int(e, "Last", 10);

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
        Assert.Equal(e.RowKey, mapper.Key(SeatsDay.Ref(day)));
        Assert.Equal(("seats-2026-11-01", "seats-2026-11-03"), mapper.Range(SeatsDay.Between(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 3))));
        InRange(e.RowKey, mapper.Range(SeatsDay.Between(day, day.AddDays(1))));
        NotInRange(e.RowKey, mapper.Range(SeatsDay.Between(day.AddDays(-7), day)));
        NotInRange(e.RowKey, mapper.Range(SeatsDay.Between(day.AddDays(1), day.AddDays(7))));
    }

    [Fact]
    public void C2_a_usage_day_keeps_its_day_and_metric_key_and_columns_and_lies_in_its_days_range()
    {
        var mapper = RowMappers.Of<UsageDay>();
        var day = new DateOnly(2026, 11, 2);
        var sample = new UsageDay(day, "sms", 340);
        IsFullySet(sample);

        var e = Write(mapper, sample, "usage-2026-11-02-sms");
        HasColumns(e, "Day", "Metric", "Quantity");
        Text(e, "Day", "2026-11-02");
        Long(e, "Quantity", 340);

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
        Assert.Equal(e.RowKey, mapper.Key(UsageDay.Ref(day, "sms")));
        Assert.Equal(("usage-2026-11-02", "usage-2026-11-03"), mapper.Range(UsageDay.Between(day, day.AddDays(1))));
        InRange(e.RowKey, mapper.Range(UsageDay.Between(day, day.AddDays(1))));
        InRange(e.RowKey, mapper.Range(UsageDay.Between(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 1))));
        NotInRange(e.RowKey, mapper.Range(UsageDay.Between(day.AddDays(-1), day)));
    }

    [Fact]
    public void C11_a_usage_event_keeps_the_receipts_hashed_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<UsageEvent>();
        const string id = "usage/batch#7";
        var sample = new UsageEvent(id, "sms", 40, T0.AddDays(-3), new DateOnly(2026, 10, 30), new DateOnly(2026, 11, 2), T0);
        IsFullySet(sample);

        var e = Write(mapper, sample, "usagekey-f348b8a73d4c113f712db81fc71d0342df2fd04f");
        Assert.Equal("usagekey-" + Ids.Hash(id), e.RowKey);
        HasColumns(e, "At", "Day", "IdempotencyKey", "Metric", "OccurredAt", "OccurredOn", "Quantity");
        Text(e, "IdempotencyKey", id);
        Text(e, "Day", "2026-11-02");
        Text(e, "OccurredOn", "2026-10-30");
        Long(e, "Quantity", 40);
        UtcTime(e, "At", T0);
        UtcTime(e, "OccurredAt", T0.AddDays(-3));

        RoundTrips(mapper, e, sample);
        Assert.True(mapper.Read(e).Late);
        Assert.Equal(e.RowKey, mapper.Key(UsageEvent.Ref(id)));
        InRange(e.RowKey, mapper.Range(UsageEvent.All));
    }

    [Fact]
    public void C11_a_usage_receipt_stored_by_the_single_report_reads_as_the_event_of_its_key()
    {
        // The columns a single report wrote before events existed: its repeat as an event collides with it and reads it back.
        var e = new Azure.Data.Tables.TableEntity("acc_abc", "usagekey-" + Ids.Hash("key-1"))
        {
            ["IdempotencyKey"] = "key-1", ["Day"] = "2026-11-02", ["Metric"] = "sms", ["Quantity"] = 40L, ["At"] = T0,
        };
        var read = RowMappers.Of<UsageEvent>().Read(e);
        Assert.Equal(new UsageEvent("key-1", "sms", 40, T0, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 2), T0), read);
        Assert.False(read.Late);
        Assert.True(read.SameAs("sms", 40, null));
    }

    [Fact]
    public void C2_the_seats_satellite_keeps_its_key_and_open_days_and_round_trips()
    {
        var mapper = RowMappers.Of<SeatReports>();
        var sample = new SeatReports(7, [new SeatsDay(new DateOnly(2026, 11, 2), 9, 7), new SeatsDay(new DateOnly(2026, 11, 3), 4, 4)]);
        var e = Write(mapper, sample, "account.seats");
        HasColumns(e, "Days", "Latest");
        Int(e, "Latest", 7);
        Text(e, "Days", RowLayout.Json(new[] { new[] { new DateOnly(2026, 11, 2).DayNumber, 9, 7 }, [new DateOnly(2026, 11, 3).DayNumber, 4, 4] }));
        RoundTrips(mapper, e, sample);
    }

    [Fact]
    public void E2_the_login_satellite_keeps_its_key_and_moment_and_round_trips()
    {
        var mapper = RowMappers.Of<LoginMark>();
        var e = Write(mapper, new LoginMark(T0), "account.login");
        HasColumns(e, "At");
        UtcTime(e, "At", T0);
        RoundTrips(mapper, e, new LoginMark(T0));
    }

    [Fact]
    public void C11_a_usage_counter_keeps_its_bucket_and_slot_key_and_sums_and_round_trips()
    {
        var mapper = RowMappers.Of<UsageCounter>();
        var sample = new UsageCounter(new DateOnly(2026, 11, 2), 7, new Dictionary<string, long> { ["sms"] = 40, ["calls"] = 3 },
            new Dictionary<string, long> { ["sms"] = 10 }, new DateOnly(2026, 10, 30));
        var e = Write(mapper, sample, "account.usage-2026-11-02-07");
        HasColumns(e, "Bucket", "Late", "LateSince", "Quantities", "Slot");
        Text(e, "Bucket", "2026-11-02");
        Int(e, "Slot", 7);
        Text(e, "LateSince", "2026-10-30");
        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(UsageCounter.Ref(new DateOnly(2026, 11, 2), 7)));
        // A counter without late usage writes no Late column.
        HasColumns(Write(mapper, UsageCounter.Empty(new DateOnly(2026, 11, 2), 0), "account.usage-2026-11-02-00"), "Bucket", "Quantities", "Slot");
    }

    [Fact]
    public void C11_one_range_read_returns_the_head_with_its_satellites_and_no_other_kind_of_row()
    {
        // The head and every satellite sort inside [account, account/); the keys of every other kind sort outside it.
        foreach (var key in new[] { "account", "account.seats", "account.login", "account.usage-2026-11-02-07", "account.usage-9999-12-31-15" })
            InRange(key, (HeadRange.From, HeadRange.To));
        foreach (var key in new[] { "adjustment-x", "audit-x", "charge-2026-11-02", "claim-x", "cinvoice-x", "idem-x", "invoice-x", "ledger-x", "usage-2026-11-02-sms",
                     "usagekey-x", "seats-2026-11-02", "restriction-x", "service-x", "outbox-x", "payment-x", "postpaid-2026-11" })
            NotInRange(key, (HeadRange.From, HeadRange.To));
    }

    [Fact]
    public void C3_a_day_charge_marker_keeps_its_period_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<ChargeMarker>();
        var sample = new ChargeMarker(ChargedPeriod.Day(new DateOnly(2026, 11, 2)), 40, 9_000, T0);
        IsFullySet(sample, nameof(ChargedPeriod.Monthly));

        var e = Write(mapper, sample, "charge-2026-11-02");
        HasColumns(e, "Key", "LedgerSeq", "Amount", "ChargedAt");
        Text(e, "Key", "charge-2026-11-02");
        Long(e, "LedgerSeq", 40);
        Long(e, "Amount", 9_000);
        UtcTime(e, "ChargedAt", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
    }

    [Fact]
    public void C4_a_postpaid_month_charge_marker_keeps_its_month_key_and_round_trips()
    {
        var mapper = RowMappers.Of<ChargeMarker>();
        var sample = new ChargeMarker(ChargedPeriod.Month(new DateOnly(2026, 10, 1)), 57, 120_000, T0);
        IsFullySet(sample);

        var e = Write(mapper, sample, "postpaid-2026-10");
        HasColumns(e, "Key", "LedgerSeq", "Amount", "ChargedAt");
        Text(e, "Key", "postpaid-2026-10");

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
    }

    // ---------------------------------------------------------------- payments and idempotency (B4, B8)

    [Fact]
    public void B4_a_provider_event_keeps_its_provider_and_hashed_event_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<ProviderEventRecord>();
        var sample = new ProviderEventRecord
        {
            Provider = "sandbox", EventId = "evt_123/abc", Outcome = PaymentOutcome.AmountMismatch, InvoiceId = "inv_abc", Amount = 29_999,
            Currency = "UAH", ReceivedAt = T0, Detail = "expected 30000 UAH", LedgerSeq = 43,
            Flag = PaymentFlagKind.TargetChanged, Resolution = FlagResolution.Dismissed, ResolvedAt = T0.AddDays(1), ResolvedBy = "op-anna",
            ResolutionNote = "refunded in the provider's dashboard",
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "event-sandbox-7945772b41243117cf533d1828c39d88edd082c5");
        Assert.Equal("event-sandbox-" + Ids.Hash("evt_123/abc"), e.RowKey);
        HasColumns(e, "Provider", "EventId", "Outcome", "InvoiceId", "Amount", "Currency", "ReceivedAt", "Detail", "LedgerSeq",
            "Flag", "Resolution", "ResolvedAt", "ResolvedBy", "ResolutionNote");
        Text(e, "Outcome", "amount_mismatch");
        Text(e, "Flag", "target_changed");
        Text(e, "Resolution", "dismissed");
        UtcTime(e, "ResolvedAt", T0.AddDays(1));
        Long(e, "Amount", 29_999);
        Long(e, "LedgerSeq", 43);
        UtcTime(e, "ReceivedAt", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(ProviderEventRecord.Ref("sandbox", "evt_123/abc")));
        Assert.NotEqual(e.RowKey, mapper.Key(ProviderEventRecord.Ref("other", "evt_123/abc")));
    }

    [Fact]
    public void B9_a_provider_payment_keeps_its_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<PaymentRecord>();
        var sample = new PaymentRecord
        {
            Id = "pay_abc", Provider = "stripe", ProviderPaymentId = "pi_3Mt", InvoiceId = "inv_abc", InvoiceNumber = "INV-000012", Amount = 100_000,
            Currency = "UAH", Bonus = 5_000, PaidAt = T0, Refunded = 40_000, BonusReversed = 2_000, Requested = 10_000, Refunds = 2,
            RefundAmounts = [40_000, 10_000],
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "payment-pay_abc");
        HasColumns(e, "Id", "Provider", "ProviderPaymentId", "InvoiceId", "InvoiceNumber", "Amount", "Currency", "Bonus", "PaidAt", "Refunded",
            "BonusReversed", "Requested", "Refunds", "RefundAmounts");
        Text(e, "RefundAmounts", "[40000,10000]");
        Long(e, "Refunded", 40_000);
        Long(e, "Requested", 10_000);
        Int(e, "Refunds", 2);
        UtcTime(e, "PaidAt", T0);
        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(PaymentRecord.Ref("pay_abc")));
        Assert.Equal(50_000, sample.Refundable);
    }

    [Theory]
    [InlineData(100_000, 5_000, 0, 50_000, 2_500)]
    [InlineData(100_000, 5_000, 50_000, 50_000, 2_500)]
    [InlineData(3, 1, 0, 1, 0)]
    [InlineData(3, 1, 2, 1, 1)]
    public void B9_the_bonus_is_reversed_in_proportion_and_never_beyond_what_was_given(long amount, long bonus, long refunded, long more, long expected)
    {
        var p = new PaymentRecord
        {
            Id = "pay_x", Provider = "sandbox", ProviderPaymentId = "cs_x", InvoiceId = "inv_x", InvoiceNumber = "INV-000001", Amount = amount,
            Currency = "UAH", Bonus = bonus, PaidAt = T0, Refunded = refunded, BonusReversed = (long)((System.Int128)bonus * refunded / amount),
        };
        Assert.Equal(expected, p.BonusToReverse(more));
    }

    [Fact]
    public void B4_an_event_without_a_ledger_entry_writes_no_ledger_seq_and_reads_null()
    {
        var mapper = RowMappers.Of<ProviderEventRecord>();
        var sample = new ProviderEventRecord { Provider = "sandbox", EventId = "evt_9", Outcome = PaymentOutcome.Ignored, ReceivedAt = T0 };

        var e = mapper.ToEntity(Partition, sample);
        HasColumns(e, "Provider", "EventId", "Outcome", "Amount", "ReceivedAt");
        Text(e, "Outcome", "ignored");
        Assert.Null(mapper.Read(e).LedgerSeq);
        RoundTrips(mapper, e, sample);
    }

    [Fact]
    public void B8_an_idempotency_record_keeps_its_hashed_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<IdempotencyRecord>();
        const string key = "topup/2026-11-02#1";
        var sample = new IdempotencyRecord
        {
            Key = key, RequestHash = "req_sha", State = IdempotencyState.Completed, StatusCode = 201, ResponseBody = """{"invoiceId":"inv_abc"}""",
            CreatedAt = T0, LeaseUntil = T0.AddSeconds(30),
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "idem-8d71862f225ecc587c5cef76828b459b9dcf8505");
        Assert.Equal("idem-" + Ids.Hash(key), e.RowKey);
        HasColumns(e, "Key", "RequestHash", "State", "StatusCode", "ResponseBody", "CreatedAt", "LeaseUntil");
        Text(e, "State", "completed");
        Int(e, "StatusCode", 201);
        Text(e, "ResponseBody", """{"invoiceId":"inv_abc"}""");
        UtcTime(e, "LeaseUntil", T0.AddSeconds(30));

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(IdempotencyRecord.Ref(key)));
    }

    // ---------------------------------------------------------------- outbox (G1)

    [Fact]
    public void G1_an_outbox_message_keeps_its_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<OutboxMessage>();
        var sample = new OutboxMessage
        {
            Id = "deletion-2026-11-12-reminder-3-email", Channel = OutboxChannel.Event, Type = NoticeType.DeletionReminder,
            To = ["owner@acme.test", "a1@acme.test"], Language = Language.Ru,
            Data = new Dictionary<string, string> { ["deletionDate"] = "2026-11-12", ["daysLeft"] = "3" },
            Status = OutboxStatus.Failed, Attempts = 3, CreatedAt = T0, SentAt = T0.AddMinutes(1), LeaseUntil = T0.AddMinutes(2),
            LastError = "smtp 451", Payload = new System.Text.Json.Nodes.JsonObject { ["amountDue"] = 8766, ["date"] = "2026-11-12" }, Version = 2,
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "outbox-deletion-2026-11-12-reminder-3-email");
        HasColumns(e, "Id", "Channel", "Type", "To", "Language", "Data", "Status", "Attempts", "CreatedAt", "SentAt", "LeaseUntil", "LastError", "Payload", "Version");
        Text(e, "Channel", "event");
        Text(e, "Type", "deletion_reminder");
        Text(e, "Language", "ru");
        Text(e, "Status", "failed");
        Text(e, "To", """["owner@acme.test","a1@acme.test"]""");
        Text(e, "Data", """{"deletionDate":"2026-11-12","daysLeft":"3"}""");
        Int(e, "Attempts", 3);
        UtcTime(e, "LeaseUntil", T0.AddMinutes(2));
        Text(e, "Payload", """{"amountDue":8766,"date":"2026-11-12"}""");
        Int(e, "Version", 2);

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(OutboxMessage.Ref(sample.Id)));
        Assert.Equal(("outbox-", "outbox."), mapper.Range(OutboxMessage.All));
        InRange(e.RowKey, mapper.Range(OutboxMessage.All));
    }

    [Fact]
    public void G1_outbox_types_stored_as_text_before_the_enum_read_as_their_notice_type()
    {
        // The reflection serializer stored the type as the string the notices used: the same snake_case names.
        var mapper = RowMappers.Of<OutboxMessage>();
        var e = mapper.ToEntity(Partition, new OutboxMessage { Id = "x", Channel = OutboxChannel.Email, Type = NoticeType.Deleted, CreatedAt = T0 });
        foreach (var (stored, type) in new (string, NoticeType)[]
        {
            ("restriction_changed", NoticeType.RestrictionChanged), ("deletion_scheduled", NoticeType.DeletionScheduled),
            ("deletion_reminder", NoticeType.DeletionReminder), ("deletion_cancelled", NoticeType.DeletionCancelled), ("deleted", NoticeType.Deleted),
            ("purged", NoticeType.Purged), ("deletion_restored", NoticeType.DeletionRestored), ("invoice_paid", NoticeType.InvoicePaid),
            ("plan_changed", NoticeType.PlanChanged), ("customer_invoice_paid", NoticeType.CustomerInvoicePaid), ("customer_invoice", NoticeType.CustomerInvoice),
            ("balance_low", NoticeType.BalanceLow), ("balance_recovered", NoticeType.BalanceRecovered),
        })
        {
            e["Type"] = stored;
            Assert.Equal(type, mapper.Read(e).Type);
        }
    }
}
