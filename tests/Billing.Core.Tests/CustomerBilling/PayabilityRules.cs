using Billing.Core.Accounts;
using Billing.Core.CustomerBilling;
using Billing.Core.Texts;

namespace Billing.Core.Tests.CustomerBilling;

public sealed class PayabilityRules
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static CustomerInvoice Invoice(CustomerInvoiceStatus status = CustomerInvoiceStatus.AwaitingPayment, DateOnly? until = null, bool repeatable = false) => new()
    {
        Id = "cinv_a", Number = "C-000001", CustomerId = "cus_1", CustomerName = "Olena", Calculation = CalculationType.Manual, Target = "base",
        Amount = 100, Currency = "UAH", PeriodStart = Today, PeriodEnd = Today, PayableFrom = Today.AddDays(-3), PayableUntil = until,
        Repeatable = repeatable, Status = status, PublicToken = "t", CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void F3_an_unpaid_invoice_inside_its_window_is_payable_through_its_last_day()
    {
        Assert.Equal(Payability.Payable, PublicInvoiceService.PayabilityOf(Invoice(until: Today), Today));
        Assert.Equal(Payability.Payable, PublicInvoiceService.PayabilityOf(Invoice(until: null), Today.AddYears(5)));
    }

    [Fact]
    public void F3_after_the_window_end_the_invoice_is_expired() =>
        Assert.Equal(Payability.Expired, PublicInvoiceService.PayabilityOf(Invoice(until: Today.AddDays(-1)), Today));

    [Fact]
    public void F3_a_paid_invoice_is_payable_again_only_when_repeatable()
    {
        Assert.Equal(Payability.AlreadyPaid, PublicInvoiceService.PayabilityOf(Invoice(CustomerInvoiceStatus.Paid), Today));
        Assert.Equal(Payability.Payable, PublicInvoiceService.PayabilityOf(Invoice(CustomerInvoiceStatus.Paid, repeatable: true), Today));
    }

    [Fact]
    public void F3_an_archived_invoice_is_never_payable_even_when_repeatable() =>
        Assert.Equal(Payability.Archived, PublicInvoiceService.PayabilityOf(Invoice(CustomerInvoiceStatus.Archived, repeatable: true), Today));

    [Fact]
    public void F3_the_expired_message_is_the_spec_text_in_each_language()
    {
        Assert.Equal("The payment period of this invoice has expired, please contact the administrator", Text.Get(Language.En, TextKeys.Pages.Invoice.ExpiredNote));
        Assert.Equal("Срок оплаты счета истек, обратитесь к администратору", Text.Get(Language.Ru, TextKeys.Pages.Invoice.ExpiredNote));
    }

    private static PublicInvoice Shown(CustomerInvoice inv) =>
        new(inv, "acc_a", "School", Language.En, new CompanyDetails(), "https://offer", PublicInvoiceService.PayabilityOf(inv, Today));

    [Fact]
    public void F3_the_status_a_payer_reads_is_expired_once_the_window_ended_and_paid_before_pay_again()
    {
        Assert.Equal(ShownStatus.AwaitingPayment, Shown(Invoice(until: Today)).Status);
        Assert.Equal(ShownStatus.Expired, Shown(Invoice(until: Today.AddDays(-1))).Status);
        Assert.Equal(ShownStatus.Archived, Shown(Invoice(CustomerInvoiceStatus.Archived, until: Today.AddDays(-1))).Status);
        var paidRepeatable = Shown(Invoice(CustomerInvoiceStatus.Paid, repeatable: true));
        Assert.Equal((ShownStatus.Paid, true), (paidRepeatable.Status, paidRepeatable.PaysAgain));
        Assert.False(Shown(Invoice(CustomerInvoiceStatus.Paid)).PaysAgain);
        Assert.False(Shown(Invoice(CustomerInvoiceStatus.Paid, until: Today.AddDays(-1), repeatable: true)).PaysAgain);
    }

    [Fact]
    public void F3_each_decline_and_each_payment_moves_the_checkout_to_a_new_attempt()
    {
        var inv = Invoice();
        Assert.Equal(0, inv.CheckoutAttempt);
        var declined = inv with { Declines = 1, LastDeclinedAt = DateTimeOffset.Parse("2026-11-23T08:00:00Z") };
        Assert.Equal((1, true), (declined.CheckoutAttempt, declined.LastAttemptDeclined));
        var paid = declined with { Status = CustomerInvoiceStatus.Paid, PaymentCount = 1, PaidAt = DateTimeOffset.Parse("2026-11-23T08:05:00Z") };
        Assert.Equal((2, false), (paid.CheckoutAttempt, paid.LastAttemptDeclined));
    }
}
