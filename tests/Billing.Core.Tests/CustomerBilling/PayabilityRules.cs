using Billing.Core.CustomerBilling;

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
        Assert.Equal("The payment period of this invoice has expired, please contact the administrator", PublicTexts.Expired(Core.Accounts.Language.En));
        Assert.Equal("Срок оплаты счета истек, обратитесь к администратору", PublicTexts.Expired(Core.Accounts.Language.Ru));
    }
}
