using Azure;
using Azure.Data.Tables;
using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Deletion;
using Billing.Core.PlanChange;
using Billing.Core.Restrictions;
using Billing.Core.Validation;
using Billing.Infrastructure.Storage.Rows;
using static Billing.Core.Tests.Storage.RowLayout;

namespace Billing.Core.Tests.Storage;

/// <summary>
/// The account head (RowKey <c>account</c>) and the account-creation claim. The head's feature sub-records are stored
/// flat, under the column names the head had when the reflection serializer wrote it: a head stored then reads now.
/// </summary>
public sealed class AccountRowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 30, 15, TimeSpan.Zero);

    /// <summary>Every column of the head, as stored since the first release.</summary>
    private static readonly string[] HeadColumns =
    [
        "Id", "Name", "State", "Currency", "TimeZone", "Country", "Language", "BillingMode", "PlanId", "AddOns", "OwnerEmail", "AdminEmails",
        "Shard", "CreatedAt", "ActivatedOn", "LastLoginAt", "MayWorkWithoutBalance", "InvoicesFromExternalSystem", "Balance", "LedgerSeq",
        "InvoiceSeq", "CustomerInvoiceSeq",
        // Charging
        "ReportedSeats", "KnownSeats", "ChargeCarry", "LastChargedDay", "LastPostpaidMonth",
        // PlanChange
        "Held", "LastPlanChangeOn", "PendingPlanChange",
        // Restrictions
        "RestrictionPolicy", "NegativeSince", "PromiseUntil", "LastPromiseAt", "RecordedLevel", "RestrictionChanges",
        // Deletion
        "DeletionDate", "DeletedOn", "DeletionNotices", "DeletionRound",
        // Unpaid-invoice index
        "UnpaidInvoices",
        // A6: the daily usage costs the runway averages, the low-balance threshold and alert
        "UsageCosts", "LowBalanceDays", "LowBalanceAlertedOn", "LowBalanceAlerts",
        // C11: the first day whose seats and usage are in the satellites alone
        "InputsSince",
    ];

    internal static Account Sample() => new()
    {
        Id = "acc_abc", Name = "Acme Studio", State = AccountState.DeletionScheduled, Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA",
        Language = Language.Uk, BillingMode = BillingMode.MonthlyPostpaid, PlanId = "pro", AddOns = ["sms", "telephony"], OwnerEmail = "owner@acme.test",
        AdminEmails = ["a1@acme.test", "a2@acme.test"], Shard = 7, CreatedAt = T0, ActivatedOn = new DateOnly(2026, 1, 15), LastLoginAt = T0.AddHours(1),
        MayWorkWithoutBalance = true, InvoicesFromExternalSystem = true, Balance = -12_345, LedgerSeq = 41, InvoiceSeq = 12, CustomerInvoiceSeq = 5,
        Charging = new ChargingState
        {
            ReportedSeats = 9, KnownSeats = 8, Carry = 17, LastChargedDay = new DateOnly(2026, 11, 1), LastPostpaidMonth = new DateOnly(2026, 10, 1),
            UsageCosts = [0, 1_500, 300], InputsSince = new DateOnly(2026, 10, 31),
        },
        PlanChange = new PlanChangeState { Held = 50_000, LastChangeOn = new DateOnly(2026, 10, 20), PendingInvoiceId = "inv_pending" },
        Restrictions = new RestrictionState
        {
            Policy = RestrictionPolicy.Immediate, NegativeSince = new DateOnly(2026, 10, 28), PromiseUntil = T0.AddDays(3), LastPromiseAt = T0.AddHours(-5),
            RecordedLevel = RestrictionLevel.PaymentOnly, Changes = 4,
        },
        Deletion = new DeletionState { Round = 2, Date = new DateOnly(2026, 11, 12), DeletedOn = new DateOnly(2026, 11, 13), RemindersSent = [3, 1] },
        UnpaidInvoices = ["inv_a", "inv_b"],
        LowBalance = new Runways.LowBalanceState { Days = 14, AlertedOn = new DateOnly(2026, 11, 2), Alerts = 3 },
    };

    [Fact]
    public void A2_the_account_head_keeps_its_row_key_and_flat_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<Account>();
        var sample = Sample();
        IsFullySet(sample);

        var e = Write(mapper, sample, "account");
        HasColumns(e, HeadColumns);

        Text(e, "State", "deletion_scheduled");
        Text(e, "Language", "uk");
        Text(e, "BillingMode", "monthly_postpaid");
        Text(e, "AddOns", """["sms","telephony"]""");
        Text(e, "AdminEmails", """["a1@acme.test","a2@acme.test"]""");
        Int(e, "Shard", 7);
        UtcTime(e, "CreatedAt", T0);
        Text(e, "ActivatedOn", "2026-01-15");
        Flag(e, "MayWorkWithoutBalance", true);
        Flag(e, "InvoicesFromExternalSystem", true);
        Long(e, "Balance", -12_345);
        Long(e, "LedgerSeq", 41);
        Long(e, "InvoiceSeq", 12);
        Long(e, "CustomerInvoiceSeq", 5);
        // Charging, flat
        Int(e, "ReportedSeats", 9);
        Int(e, "KnownSeats", 8);
        Long(e, "ChargeCarry", 17);
        Text(e, "LastChargedDay", "2026-11-01");
        Text(e, "LastPostpaidMonth", "2026-10-01");
        // PlanChange, flat
        Long(e, "Held", 50_000);
        Text(e, "LastPlanChangeOn", "2026-10-20");
        Text(e, "PendingPlanChange", "inv_pending");
        // Restrictions, flat
        Text(e, "RestrictionPolicy", "immediate");
        Text(e, "NegativeSince", "2026-10-28");
        UtcTime(e, "PromiseUntil", T0.AddDays(3));
        UtcTime(e, "LastPromiseAt", T0.AddHours(-5));
        Text(e, "RecordedLevel", "payment_only");
        Long(e, "RestrictionChanges", 4);
        // Deletion, flat: the notices sent for the date, the scheduling notice first
        Text(e, "DeletionDate", "2026-11-12");
        Text(e, "DeletedOn", "2026-11-13");
        Text(e, "DeletionNotices", """["scheduled","3","1"]""");
        Int(e, "DeletionRound", 2);
        Text(e, "UnpaidInvoices", """["inv_a","inv_b"]""");
        Text(e, "UsageCosts", "[0,1500,300]");
        Int(e, "LowBalanceDays", 14);
        Text(e, "LowBalanceAlertedOn", "2026-11-02");
        Long(e, "LowBalanceAlerts", 3);
        Text(e, "InputsSince", "2026-10-31");

        RoundTrips(mapper, e, sample);
    }

    [Fact]
    public void A2_a_head_without_optional_values_writes_no_column_for_them_and_round_trips()
    {
        var mapper = RowMappers.Of<Account>();
        var sample = new Account
        {
            Id = "acc_new", Name = "New", Currency = "EUR", TimeZone = "Europe/Berlin", Country = "DE", PlanId = "start", CreatedAt = T0,
        };

        var e = Write(mapper, sample, "account");
        string[] absent = ["OwnerEmail", "ActivatedOn", "LastLoginAt", "LastChargedDay", "LastPostpaidMonth", "LastPlanChangeOn", "PendingPlanChange",
            "NegativeSince", "PromiseUntil", "LastPromiseAt", "DeletionDate", "DeletedOn", "DeletionRound", "UnpaidInvoices",
            "UsageCosts", "LowBalanceDays", "LowBalanceAlertedOn", "LowBalanceAlerts", "InputsSince"];
        HasColumns(e, [.. HeadColumns.Except(absent)]);
        // No deletion date: no notice sent for one.
        Text(e, "DeletionNotices", "[]");
        Text(e, "AddOns", "[]");
        Text(e, "State", "trial");
        Int(e, "ReportedSeats", 1);

        RoundTrips(mapper, e, sample);
        Assert.Null(mapper.Read(e).UnpaidInvoices);
    }

    /// <summary>A head exactly as the reflection serializer (before the feature sub-records) stored it.</summary>
    private static TableEntity OldSerializerHead()
    {
        var e = new TableEntity("acc_old", "account")
        {
            ["Id"] = "acc_old", ["Name"] = "Old Studio", ["State"] = "deletion_scheduled", ["Currency"] = "UAH", ["TimeZone"] = "Europe/Kyiv",
            ["Country"] = "UA", ["Language"] = "ru", ["BillingMode"] = "daily", ["PlanId"] = "pro", ["AddOns"] = """["sms"]""",
            ["OwnerEmail"] = "owner@old.test", ["Shard"] = 3, ["CreatedAt"] = new DateTimeOffset(2025, 9, 1, 8, 0, 0, TimeSpan.Zero),
            ["ActivatedOn"] = "2025-09-10", ["LastLoginAt"] = new DateTimeOffset(2026, 9, 20, 7, 45, 0, TimeSpan.Zero),
            ["Balance"] = -4_200L, ["LedgerSeq"] = 210L, ["InvoiceSeq"] = 14L, ["CustomerInvoiceSeq"] = 0L,
            ["ReportedSeats"] = 6, ["ChargeCarry"] = 11L, ["LastChargedDay"] = "2026-10-30", ["KnownSeats"] = 5, ["Held"] = 1_500L,
            ["MayWorkWithoutBalance"] = false, ["InvoicesFromExternalSystem"] = true, ["LastPlanChangeOn"] = "2026-08-04",
            ["PendingPlanChange"] = "inv_plan", ["RestrictionPolicy"] = "day_of_month", ["NegativeSince"] = "2026-10-15",
            ["PromiseUntil"] = new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), ["LastPromiseAt"] = new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.Zero),
            ["RecordedLevel"] = "reminder", ["RestrictionChanges"] = 2L, ["AdminEmails"] = """["admin@old.test"]""",
            ["DeletionDate"] = "2026-11-05", ["DeletionNotices"] = """["scheduled","3"]""", ["LastPostpaidMonth"] = "2026-09-01",
            // UnpaidInvoices: absent (stored before the list existed); DeletedOn: absent (not deleted).
            ["Timestamp"] = new DateTimeOffset(2026, 10, 30, 0, 5, 0, TimeSpan.Zero),
        };
        e.ETag = new ETag("W/\"datetime'2026-10-30T00%3A05%3A00Z'\"");
        return e;
    }

    [Fact]
    public void A2_a_head_stored_by_the_old_reflection_serializer_reads_into_the_feature_sub_records_without_migration()
    {
        var a = RowMappers.Of<Account>().Read(OldSerializerHead());

        Assert.Equal("acc_old", a.Id);
        Assert.Equal(AccountState.DeletionScheduled, a.State);
        Assert.Equal(Language.Ru, a.Language);
        Assert.Equal(BillingMode.Daily, a.BillingMode);
        Assert.Equal(["sms"], a.AddOns);
        Assert.Equal(["admin@old.test"], a.AdminEmails);
        Assert.Equal(3, a.Shard);
        Assert.Equal(new DateOnly(2025, 9, 10), a.ActivatedOn);
        Assert.Equal(-4_200, a.Balance);
        Assert.Equal(210, a.LedgerSeq);
        Assert.True(a.InvoicesFromExternalSystem);

        Assert.Equal(6, a.Charging.ReportedSeats);
        Assert.Equal(5, a.Charging.KnownSeats);
        Assert.Equal(11, a.Charging.Carry);
        Assert.Equal(new DateOnly(2026, 10, 30), a.Charging.LastChargedDay);
        Assert.Equal(new DateOnly(2026, 9, 1), a.Charging.LastPostpaidMonth);

        Assert.Equal(1_500, a.PlanChange.Held);
        Assert.Equal(new DateOnly(2026, 8, 4), a.PlanChange.LastChangeOn);
        Assert.Equal("inv_plan", a.PlanChange.PendingInvoiceId);

        Assert.Equal(RestrictionPolicy.DayOfMonth, a.Restrictions.Policy);
        Assert.Equal(new DateOnly(2026, 10, 15), a.Restrictions.NegativeSince);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), a.Restrictions.PromiseUntil);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.Zero), a.Restrictions.LastPromiseAt);
        Assert.Equal(RestrictionLevel.Reminder, a.Restrictions.RecordedLevel);
        Assert.Equal(2, a.Restrictions.Changes);

        Assert.Equal(new DateOnly(2026, 11, 5), a.Deletion.Date);
        Assert.Null(a.Deletion.DeletedOn);
        Assert.Equal([3], a.Deletion.RemindersSent);

        Assert.Null(a.UnpaidInvoices);
        // A6 columns came later: no usage window yet, the default threshold, armed.
        Assert.Empty(a.Charging.UsageCosts);
        // Stored before the satellites: its next charge also reads the per-day rows of the days it charges.
        Assert.Null(a.Charging.InputsSince);
        Assert.True(a.Charging.MayHaveDayRows(new DateOnly(2026, 11, 5)));
        Assert.Equal(new Runways.LowBalanceState(), a.LowBalance);
        Assert.Equal(7, a.LowBalance.ThresholdDays);
    }

    [Fact]
    public void A2_a_head_stored_by_the_old_reflection_serializer_is_written_back_with_the_same_columns_and_values()
    {
        var mapper = RowMappers.Of<Account>();
        var old = OldSerializerHead();

        var rewritten = mapper.ToEntity(old.PartitionKey, mapper.Read(old));

        Assert.Equal("account", rewritten.RowKey);
        Assert.Equal(ColumnNames(old), ColumnNames(rewritten));
        foreach (var column in ColumnNames(old))
        {
            Assert.Equal(old[column].GetType(), rewritten[column].GetType());
            Assert.Equal(old[column], rewritten[column]);
        }
    }

    [Fact]
    public void A2_old_deletion_notices_without_a_reminder_read_as_no_reminder_sent()
    {
        var old = OldSerializerHead();
        old["DeletionNotices"] = """["scheduled"]""";
        Assert.Empty(RowMappers.Of<Account>().Read(old).Deletion.RemindersSent);

        old["DeletionNotices"] = """["scheduled","3","1"]""";
        Assert.Equal([3, 1], RowMappers.Of<Account>().Read(old).Deletion.RemindersSent);
    }

    [Fact]
    public void B8_an_account_creation_claim_keeps_its_hashed_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<AccountCreationClaim>();
        const string key = "crm:create/acc?42#1";
        var sample = new AccountCreationClaim(key, "acc_7h3k2m9q4r5s6t7v8w9x", "req_hash_1", T0);
        IsFullySet(sample);

        // The caller's key may hold characters a row key refuses: it is hashed (40 hex characters of SHA-256).
        var e = Write(mapper, sample, "claim-3d39468797def967df64a883291d03dcb1a191e6");
        Assert.Equal("claim-" + Ids.Hash(key), e.RowKey);
        HasColumns(e, "Key", "AccountId", "RequestHash", "At");
        Text(e, "Key", key);
        UtcTime(e, "At", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(AccountCreationClaim.Ref(key)));
    }
}
