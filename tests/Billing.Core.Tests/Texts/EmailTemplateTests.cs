using Billing.Core.Accounts;
using Billing.Core.Deletion;
using Billing.Core.Invoices;
using Billing.Core.Notifications;
using Billing.Core.PlanChange;
using Billing.Core.Restrictions;
using Billing.Infrastructure.Email;

namespace Billing.Core.Tests.Texts;

/// <summary>G1: every email the product sends renders in every language from the text catalog, with nothing left unfilled.</summary>
public sealed class EmailTemplateTests
{
    private static readonly HandlebarsEmailRenderer Renderer = new();
    private static readonly DateOnly Saturday = new(2026, 11, 28);
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);

    private static Account Account(Language language) => new()
    {
        Id = "acc_t", Name = "Acme", Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "start", Language = language,
        OwnerEmail = "owner@test.example", AdminEmails = ["admin@test.example"],
    };

    private static Invoice Invoice(InvoiceStatus status) => new()
    {
        Id = "inv_1", AccountId = "acc_t", Number = "INV-000007", Kind = InvoiceKind.Renewal, Amount = 123_456, Currency = "UAH", Description = "Pro",
        CreatedAt = At, DueDate = Saturday.AddDays(10), Status = status, Bonus = 6_173, BonusPercent = 5,
    };

    public static TheoryData<Language, string> Every()
    {
        var data = new TheoryData<Language, string>();
        foreach (var language in Enum.GetValues<Language>())
            foreach (var name in Notices().Keys) data.Add(language, name);
        return data;
    }

    private static Dictionary<string, AccountNotice> Notices() => new()
    {
        ["blocked"] = new RestrictionLevelChanged(3, RestrictionLevel.PaymentOnly, RestrictionLevel.Blocked, "day 10", 8_766, Saturday),
        ["lifted"] = new RestrictionLevelChanged(4, RestrictionLevel.Blocked, RestrictionLevel.None, "paid", 0, Saturday),
        ["scheduled"] = new DeletionScheduled(1, Saturday.AddDays(10), AccountState.Active),
        ["reminder"] = new DeletionReminder(1, Saturday.AddDays(3), 3, 3, AccountState.DeletionScheduled),
        ["received"] = new PaymentReceived(Invoice(InvoiceStatus.Paid) with { Kind = InvoiceKind.TopUp }, 6_173, 129_629, "sandbox"),
        ["offline"] = new PaymentReceived(Invoice(InvoiceStatus.Paid) with { Bonus = 0 }, 0, 123_456, TopUps.TopUpService.OfflineProvider),
        ["issued"] = new InvoiceIssued(Invoice(InvoiceStatus.AwaitingPayment)),
        ["paidFromBalance"] = new InvoicePaid(Invoice(InvoiceStatus.PaidFromBalance), 10_000),
        ["planChanged"] = new PlanChanged("start", "pro", "Start", "Pro", 50_000, Saturday),
        ["promise"] = new PromisedPaymentTaken(At, At.AddDays(3), "u1", 8_766),
        ["balanceLow"] = new Runways.BalanceLow(2, new Runways.Runway(6, Saturday.AddDays(6)), 7, 37_200, 5_800, "UAH"),
    };

    private static (string Subject, string Html, string Text) Render(Language language, string name)
    {
        var a = Account(language);
        var notice = Notices()[name];
        var email = Assert.Single(Outbox.Rows(a, notice, At).Select(r => r.Row).OfType<OutboxMessage>(), m => m.Channel == OutboxChannel.Email);
        Assert.Equal(notice is DeletionScheduled or DeletionReminder ? ["owner@test.example"] : ["owner@test.example", "admin@test.example"], email.To);
        return Renderer.Render(email.Type, email.Language, email.Data);
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void G1_every_email_renders_in_every_language_with_nothing_left_unfilled(Language language, string name)
    {
        var (subject, html, text) = Render(language, name);
        Assert.Contains("Acme", subject);
        foreach (var part in new[] { subject, html, text })
        {
            Assert.DoesNotContain("{{", part);
            Assert.DoesNotContain("}}", part);
        }
        Assert.DoesNotContain("<", text);
    }

    [Fact]
    public void G1_money_and_dates_read_as_people_write_them_in_ukrainian()
    {
        var (subject, html, _) = Render(Language.Uk, "blocked");
        Assert.Equal("Acme: доступ тепер «заблоковано»", subject);
        Assert.Contains("З суботи, 28 листопада 2026 доступ", html);
        Assert.Contains("87,66 UAH", html);
        Assert.Contains("Поповніть баланс", html);
        var received = Render(Language.Uk, "received");
        Assert.Contains("1\u00a0234,56 UAH", received.Subject);
        Assert.Contains("61,73 UAH", received.Html);
    }

    [Theory]
    [InlineData(Language.En, "Top up"), InlineData(Language.Ru, "Пополните"), InlineData(Language.Uk, "Поповніть")]
    public void G1_the_restriction_lifted_email_does_not_ask_to_top_up(Language language, string topUp)
    {
        var (_, html, _) = Render(language, "lifted");
        Assert.DoesNotContain(topUp, html);
        Assert.Contains(language == Language.Ru ? "С субботы" : language == Language.Uk ? "З суботи" : "From Saturday", html);
    }

    [Fact]
    public void G1_an_offline_payment_receipt_says_bank_transfer_and_a_top_up_receipt_shows_its_bonus()
    {
        Assert.Contains("by bank transfer", Render(Language.En, "offline").Html);
        Assert.DoesNotContain("bank transfer", Render(Language.En, "received").Html);
        Assert.Contains("Prepayment bonus", Render(Language.En, "received").Html);
        Assert.Contains("11:30", Render(Language.En, "promise").Subject); // Kyiv time, three days on
    }

    [Fact]
    public void A6_the_low_balance_email_says_when_the_balance_runs_out_what_a_day_costs_and_how_many_days_are_left_in_ukrainian()
    {
        var (subject, html, text) = Render(Language.Uk, "balanceLow");
        Assert.Equal("Acme: баланс закінчиться 4 грудня 2026", subject);
        Assert.Contains("372,00 UAH", html);
        Assert.Contains("близько <strong>58,00 UAH</strong>", html);
        Assert.Contains("Залишилось днів: 6", text);
        Assert.Contains("днів: 7", text);
    }
}
