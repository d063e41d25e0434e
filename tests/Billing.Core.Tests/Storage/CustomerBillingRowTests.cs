using Billing.Core.CustomerBilling;
using Billing.Infrastructure.Storage.Rows;
using static Billing.Core.Tests.Storage.RowLayout;

namespace Billing.Core.Tests.Storage;

/// <summary>The stored layout of a tenant's customer-billing rows (F1–F10), pinned column by column.</summary>
public sealed class CustomerBillingRowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 30, 15, TimeSpan.Zero);

    [Fact]
    public void F1_a_customer_keeps_its_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<Customer>();
        var sample = new Customer
        {
            Id = "cus_abc", Name = "Olena Petrenko", Type = CustomerType.Legal, Status = "paused", Mobile = "+380501234567", Email = "olena@mail.test",
            TelegramId = "tg_777", Balance = 4_500, LedgerSeq = 3,
            Passes =
            [
                new Pass
                {
                    Id = "pass_a", Name = "Piano 8", Subject = "Piano", LessonType = "individual", Price = 80_000, LessonsPerPeriod = 8, SeparateAccount = true,
                    LessonsLeft = 5, MoneyLeft = 50_000,
                },
            ],
            Lessons = [new Lesson(new DateOnly(2026, 11, 3), "pass_a", true)],
            CreatedAt = T0, UpdatedAt = T0.AddDays(1),
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "customer-cus_abc");
        HasColumns(e, "Id", "Name", "Type", "Status", "Mobile", "Email", "TelegramId", "Balance", "LedgerSeq", "Passes", "Lessons", "CreatedAt", "UpdatedAt");
        Text(e, "Type", "legal");
        Text(e, "Status", "paused");
        Long(e, "Balance", 4_500);
        Long(e, "LedgerSeq", 3);
        Text(e, "Passes",
            """[{"Id":"pass_a","Name":"Piano 8","Subject":"Piano","LessonType":"individual","Price":80000,"LessonsPerPeriod":8,""" +
            "\"SeparateAccount\":true,\"LessonsLeft\":5,\"MoneyLeft\":50000}]");
        Text(e, "Lessons", """[{"Date":"2026-11-03","PassId":"pass_a","Attended":true}]""");
        UtcTime(e, "UpdatedAt", T0.AddDays(1));

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(Customer.Ref("cus_abc")));
        Assert.Equal(("customer-", "customer."), mapper.Range(Customer.All));
        InRange(e.RowKey, mapper.Range(Customer.All));
    }

    [Fact]
    public void F2_a_customer_invoice_keeps_its_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<CustomerInvoice>();
        var sample = new CustomerInvoice
        {
            Id = "cinv_abc", Number = "C-000005", CustomerId = "cus_abc", CustomerName = "Olena Petrenko", Calculation = CalculationType.Subscription,
            Target = "pass_a", Amount = 80_000, Currency = "UAH", Lines = [new AmountLine("Piano 8, November", 80_000)], Subjects = ["Piano"],
            PeriodStart = new DateOnly(2026, 11, 1), PeriodEnd = new DateOnly(2026, 11, 30), PayableFrom = new DateOnly(2026, 10, 25),
            PayableUntil = new DateOnly(2026, 11, 10), Repeatable = true, Status = CustomerInvoiceStatus.Paid, PublicToken = "abcdefghijklmnopqrstuvwxyz234567",
            CreatedAt = T0, CreatedBy = "user_42", RuleId = "rule_abc", PaymentCount = 2, PaidTotal = 160_000, PaidAt = T0.AddDays(2),
            ArchivedAt = T0.AddDays(40), PaymentIssue = "second payment on a paid invoice", PassNames = ["Piano 8"], Declines = 3,
            LastDeclinedAt = T0.AddDays(1),
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "cinvoice-cinv_abc");
        HasColumns(e, "Id", "Number", "CustomerId", "CustomerName", "Calculation", "Target", "Amount", "Currency", "Lines", "Subjects", "PeriodStart",
            "PeriodEnd", "PayableFrom", "PayableUntil", "Repeatable", "Status", "PublicToken", "CreatedAt", "CreatedBy", "RuleId", "PaymentCount",
            "PaidTotal", "PaidAt", "ArchivedAt", "PaymentIssue", "PassNames", "Declines", "LastDeclinedAt");
        Text(e, "Calculation", "subscription");
        Text(e, "PassNames", """["Piano 8"]""");
        Int(e, "Declines", 3);
        UtcTime(e, "LastDeclinedAt", T0.AddDays(1));
        Text(e, "Status", "paid");
        Long(e, "Amount", 80_000);
        Long(e, "PaidTotal", 160_000);
        Int(e, "PaymentCount", 2);
        Text(e, "PeriodStart", "2026-11-01");
        Text(e, "PayableUntil", "2026-11-10");
        Flag(e, "Repeatable", true);
        Text(e, "Lines", """[{"Description":"Piano 8, November","Amount":80000}]""");
        UtcTime(e, "ArchivedAt", T0.AddDays(40));

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(CustomerInvoice.Ref("cinv_abc")));
        InRange(e.RowKey, mapper.Range(CustomerInvoice.All));
    }

    [Fact]
    public void F2_a_new_customer_invoice_awaits_payment_and_has_no_column_for_what_is_not_set()
    {
        var mapper = RowMappers.Of<CustomerInvoice>();
        var sample = new CustomerInvoice
        {
            Id = "cinv_new", Number = "C-000006", CustomerId = "cus_abc", CustomerName = "Olena", Calculation = CalculationType.Manual, Target = "base",
            Amount = 1_000, Currency = "UAH", PeriodStart = new DateOnly(2026, 11, 1), PeriodEnd = new DateOnly(2026, 11, 30),
            PayableFrom = new DateOnly(2026, 11, 1), PublicToken = "tok", CreatedAt = T0,
        };

        var e = Write(mapper, sample, "cinvoice-cinv_new");
        HasColumns(e, "Id", "Number", "CustomerId", "CustomerName", "Calculation", "Target", "Amount", "Currency", "Lines", "Subjects", "PeriodStart",
            "PeriodEnd", "PayableFrom", "Repeatable", "Status", "PublicToken", "CreatedAt", "PaymentCount", "PaidTotal", "PassNames");
        Text(e, "Status", "awaiting_payment");
        Text(e, "Calculation", "manual");
        RoundTrips(mapper, e, sample);
        Assert.Null(mapper.Read(e).PayableUntil);
    }

    [Fact]
    public void F4_a_customer_ledger_entry_keeps_its_per_customer_inverted_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<CustomerLedgerEntry>();
        var sample = new CustomerLedgerEntry
        {
            CustomerId = "cus_abc", Seq = 3, Target = "pass_a", Amount = 80_000, Currency = "UAH", BalanceAfter = 130_000,
            Description = "Payment of C-000005", InvoiceId = "cinv_abc", EventId = "evt_456", Time = T0,
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "cledger-cus_abc-9223372036854775804");
        HasColumns(e, "CustomerId", "Seq", "Target", "Amount", "Currency", "BalanceAfter", "Description", "InvoiceId", "EventId", "Time");
        Long(e, "Seq", 3);
        Long(e, "Amount", 80_000);
        Long(e, "BalanceAfter", 130_000);
        UtcTime(e, "Time", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(("cledger-cus_abc-", "cledger-cus_abc."), mapper.Range(CustomerLedgerEntry.Of("cus_abc")));
        InRange(e.RowKey, mapper.Range(CustomerLedgerEntry.Of("cus_abc")));
        // Another customer whose id is a prefix of this one's does not list its entries.
        NotInRange(e.RowKey, mapper.Range(CustomerLedgerEntry.Of("cus_ab")));
        Assert.True(string.CompareOrdinal(mapper.Key(sample with { Seq = 4 }), e.RowKey) < 0);
    }

    [Fact]
    public void F7_company_details_keep_their_single_key_and_columns_and_round_trip()
    {
        var mapper = RowMappers.Of<CompanyDetails>();
        var sample = new CompanyDetails
        {
            LegalName = "Acme Studio LLC", TaxId = "12345678", Address = "1 Khreshchatyk, Kyiv", BankDetails = "UA21 3223 1300 0002 6007 2335 6600 1",
            PublicOfferUrl = "https://acme.test/offer", UpdatedAt = T0,
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "company");
        HasColumns(e, "LegalName", "TaxId", "Address", "BankDetails", "PublicOfferUrl", "UpdatedAt");
        Text(e, "TaxId", "12345678");
        UtcTime(e, "UpdatedAt", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
        Assert.Equal("company", mapper.Key(CompanyDetails.Ref));
    }

    [Fact]
    public void F9_a_message_template_keeps_its_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<MessageTemplate>();
        var sample = new MessageTemplate
        {
            Id = "tpl_abc", Name = "Monthly invoice", Subject = "Invoice {bill.number}", Body = "Pay {bill.amount}: {bill.url}", UpdatedAt = T0,
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "template-tpl_abc");
        HasColumns(e, "Id", "Name", "Subject", "Body", "UpdatedAt");
        Text(e, "Body", "Pay {bill.amount}: {bill.url}");
        UtcTime(e, "UpdatedAt", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(sample, mapper.Read(e));
        Assert.Equal(e.RowKey, mapper.Key(MessageTemplate.Ref("tpl_abc")));
        InRange(e.RowKey, mapper.Range(MessageTemplate.All));
    }

    [Fact]
    public void F8_a_mailing_rule_keeps_its_key_and_columns_and_round_trips()
    {
        var mapper = RowMappers.Of<MailingRule>();
        var sample = new MailingRule
        {
            Id = "rule_abc", Name = "Passes, weekly", Enabled = false, Method = MailingMethod.Subscription, Accounts = AccountScope.All,
            PeriodType = PeriodType.Next, Period = PeriodUnit.Week,
            Filter = new CustomerFilter
            {
                Statuses = ["active", "paused"], Types = [CustomerType.Legal], Subject = "Piano", LessonType = "individual",
                LessonsLeft = new Bounds(1, 4), MoneyLeft = new Bounds(-10_000, 5_000), AttendedInLast30Days = true, HasLessonToday = true,
            },
            Due = DuePreset.EndOfNextMonth, Repeatable = true, IssueWhenUnpaid = true,
            Schedule = new MailingSchedule { Kind = ScheduleKind.Weekly, Time = "09:30", Weekday = DayOfWeek.Monday, DayOfMonth = 15 },
            Channel = MessageChannel.Telegram, TemplateId = "tpl_abc", NextRunAt = T0.AddDays(7), LastRunAt = T0, UpdatedAt = T0.AddHours(-1),
            TimeZone = "Europe/Kyiv",
        };
        // Enabled defaults to true: false is its non-default value.
        IsFullySet(sample, nameof(MailingRule.Enabled));

        var e = Write(mapper, sample, "rule-rule_abc");
        HasColumns(e, "Id", "Name", "Enabled", "Method", "Accounts", "PeriodType", "Period", "Filter", "Due", "Repeatable", "IssueWhenUnpaid", "Schedule",
            "Channel", "TemplateId", "NextRunAt", "LastRunAt", "UpdatedAt", "TimeZone");
        Flag(e, "Enabled", false);
        Text(e, "TimeZone", "Europe/Kyiv");
        Text(e, "Method", "subscription");
        Text(e, "Accounts", "all");
        Text(e, "PeriodType", "next");
        Text(e, "Period", "week");
        Text(e, "Due", "end_of_next_month");
        Text(e, "Channel", "telegram");
        Assert.StartsWith("""{"Statuses":["active","paused"],"Types":["legal"],"Subject":"Piano","LessonType":"individual",""", (string)e["Filter"]);
        Assert.Equal("""{"Kind":"weekly","Time":"09:30","Weekday":"monday","DayOfMonth":15}""", (string)e["Schedule"]);
        UtcTime(e, "NextRunAt", T0.AddDays(7));

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(MailingRule.Ref("rule_abc")));
        Assert.Equal(("rule-", "rule."), mapper.Range(MailingRule.All));
        InRange(e.RowKey, mapper.Range(MailingRule.All));
    }

    [Fact]
    public void F8_a_rule_stored_with_the_computed_local_time_in_its_schedule_and_without_a_zone_still_reads()
    {
        var mapper = RowMappers.Of<MailingRule>();
        var e = new Azure.Data.Tables.TableEntity("pk", "rule-rule_old")
        {
            ["Id"] = "rule_old", ["Name"] = "Old", ["Enabled"] = true, ["Method"] = "forecast", ["Accounts"] = "base", ["PeriodType"] = "current",
            ["Period"] = "month", ["Due"] = "unlimited", ["Repeatable"] = false, ["IssueWhenUnpaid"] = false, ["Channel"] = "email", ["TemplateId"] = "tpl_a",
            ["Schedule"] = """{"Kind":"daily","Time":"09:30","Weekday":null,"DayOfMonth":null,"LocalTime":"09:30:00"}""",
            ["NextRunAt"] = T0, ["UpdatedAt"] = T0,
        };
        var rule = mapper.Read(e);
        Assert.Equal(new TimeOnly(9, 30), rule.Schedule.LocalTime);
        Assert.Null(rule.TimeZone);
    }

    [Fact]
    public void F10_a_mailing_run_keeps_its_key_and_columns_and_lies_in_its_rules_range()
    {
        var mapper = RowMappers.Of<MailingRun>();
        var sample = new MailingRun
        {
            Id = "rule_abc-202611020930", RuleId = "rule_abc", Occurrence = T0, Day = new DateOnly(2026, 11, 2), PeriodStart = new DateOnly(2026, 11, 9),
            PeriodEnd = new DateOnly(2026, 11, 15), Customers = 10, Issued = 7, Messages = 6, Sent = 4, Failed = 1, Skipped = 3, Error = "template deleted",
            StartedAt = T0.AddSeconds(5), FinishedAt = T0.AddSeconds(65),
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "mrun-rule_abc-202611020930");
        HasColumns(e, "Id", "RuleId", "Occurrence", "Day", "PeriodStart", "PeriodEnd", "Customers", "Issued", "Sent", "Skipped", "Error", "StartedAt",
            "FinishedAt", "Messages", "Failed");
        Int(e, "Messages", 6);
        Int(e, "Sent", 4);
        Int(e, "Failed", 1);
        Assert.Equal(1, mapper.Read(e).Queued);
        UtcTime(e, "Occurrence", T0);
        Text(e, "Day", "2026-11-02");
        Int(e, "Customers", 10);
        Int(e, "Skipped", 3);
        UtcTime(e, "FinishedAt", T0.AddSeconds(65));

        RoundTrips(mapper, e, sample);
        Assert.Equal(e.RowKey, mapper.Key(MailingRun.Ref(sample.Id)));
        Assert.Equal(("mrun-rule_abc-", "mrun-rule_abc."), mapper.Range(MailingRun.OfRule("rule_abc")));
        InRange(e.RowKey, mapper.Range(MailingRun.OfRule("rule_abc")));
        NotInRange(e.RowKey, mapper.Range(MailingRun.OfRule("rule_ab")));

        // A run stored before deliveries were tracked counted its queued messages as Sent.
        e.Remove("Messages");
        e.Remove("Failed");
        Assert.Equal((4, 4, 0), (mapper.Read(e).Messages, mapper.Read(e).Sent, mapper.Read(e).Failed));
    }

    [Fact]
    public void F10_a_mailing_line_keeps_its_run_customer_target_key_and_columns_and_lies_in_its_runs_range()
    {
        var mapper = RowMappers.Of<MailingLine>();
        const string runId = "rule_abc-202611020930";
        var sample = new MailingLine
        {
            RunId = runId, CustomerId = "cus_abc", CustomerName = "Olena Petrenko", Target = "pass_a", Outcome = MailingOutcome.Skipped,
            Reason = SkipReasons.UnpaidInvoice, InvoiceId = "cinv_abc", InvoiceNumber = "C-000005", Amount = 80_000, MessageId = "cinvoice-cinv_abc-telegram",
            Delivery = DeliveryStatus.Failed, DeliveryError = "Telegram answered 403: bot was blocked by the user", DeliveryEndedAt = T0.AddMinutes(1), At = T0,
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "mline-rule_abc-202611020930-cus_abc-pass_a");
        HasColumns(e, "RunId", "CustomerId", "CustomerName", "Target", "Outcome", "Reason", "InvoiceId", "InvoiceNumber", "Amount", "MessageId", "At",
            "Delivery", "DeliveryError", "DeliveryEndedAt");
        Text(e, "Delivery", "failed");
        UtcTime(e, "DeliveryEndedAt", T0.AddMinutes(1));
        Assert.Equal(e.RowKey, mapper.Key(MailingLine.Ref(runId, "cus_abc", "pass_a")));
        Text(e, "Outcome", "skipped");
        Text(e, "Reason", "unpaid_invoice_exists");
        Long(e, "Amount", 80_000);
        UtcTime(e, "At", T0);

        RoundTrips(mapper, e, sample);
        Assert.Equal(("mline-rule_abc-202611020930-", "mline-rule_abc-202611020930."), mapper.Range(MailingLine.OfRun(runId)));
        InRange(e.RowKey, mapper.Range(MailingLine.OfRun(runId)));
        NotInRange(e.RowKey, mapper.Range(MailingLine.OfRun("rule_abc-202611020931")));
    }

    [Fact]
    public void F11_a_tenants_payment_provider_keeps_its_single_key_and_columns_and_holds_only_sealed_secrets()
    {
        var mapper = RowMappers.Of<Billing.Core.Payments.Merchants.MerchantConnection>();
        var sample = new Billing.Core.Payments.Merchants.MerchantConnection
        {
            Provider = "liqpay", PublicKey = "sandbox_i000000", SealedSecret = "v1.0123456789abcdef.d3JhcHBlZA.c2VhbGVk",
            SealedWebhookSecret = "v1.0123456789abcdef.d3JhcA.aG9vaw", ConnectedAt = T0, UpdatedAt = T0.AddHours(1),
        };
        IsFullySet(sample);

        var e = Write(mapper, sample, "payment-provider");
        HasColumns(e, "Provider", "PublicKey", "SealedSecret", "SealedWebhookSecret", "ConnectedAt", "UpdatedAt");
        Text(e, "SealedSecret", "v1.0123456789abcdef.d3JhcHBlZA.c2VhbGVk");
        UtcTime(e, "ConnectedAt", T0);
        RoundTrips(mapper, e, sample);
        Assert.Equal("payment-provider", mapper.Key(Billing.Core.Payments.Merchants.MerchantConnection.Ref));

        // No public key and no webhook secret (a sandbox connection): no such columns.
        var bare = Write(mapper, sample with { PublicKey = null, SealedWebhookSecret = null }, "payment-provider");
        HasColumns(bare, "Provider", "SealedSecret", "ConnectedAt", "UpdatedAt");
        Assert.Equal(sample with { PublicKey = null, SealedWebhookSecret = null }, mapper.Read(bare));
    }
}
