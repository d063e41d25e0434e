using Billing.Core.Accounts;
using Billing.Core.CustomerBilling;
using static Billing.Core.Tests.CustomerBilling.CustomerBillingFixtures;

namespace Billing.Core.Tests.CustomerBilling;

public sealed class TemplateRules
{
    private static CustomerInvoice Invoice(string id, long amount, params string[] subjects) => new()
    {
        Id = id, Number = "C-000001", CustomerId = "cus_1", CustomerName = "Olena", Calculation = CalculationType.Forecast, Target = "base",
        Amount = amount, Currency = "UAH", Subjects = subjects, PeriodStart = new DateOnly(2026, 11, 1), PeriodEnd = new DateOnly(2026, 11, 30),
        PayableFrom = new DateOnly(2026, 11, 1), PublicToken = "t", CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void F9_every_spec_tag_is_accepted()
    {
        var all = string.Join(" ", TemplateTags.Known.Select(t => "{" + t + "}"));
        Assert.Empty(TemplateTags.Unknown(all));
        TemplateTags.Validate(all, "body");
    }

    [Theory]
    [InlineData("Pay {bill.sum}", "{bill.sum}")]
    [InlineData("Hi {customer.Name}", "{customer.Name}")]
    [InlineData("{bill.url}{bill.urll}", "{bill.urll}")]
    [InlineData("Pay at { bill.url }", "{ bill.url }")]
    [InlineData("Pay at {bill.url }", "{bill.url }")]
    [InlineData("Hi {\tcustomer.name}", "{\tcustomer.name}")]
    [InlineData("Empty {}", "{}")]
    public void F9_an_unknown_tag_is_refused_by_name(string text, string named)
    {
        var e = Assert.Throws<BillingException>(() => TemplateTags.Validate(text, "body"));
        Assert.Equal("template_tag_unknown", e.Code);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void F9_bill_tags_render_money_and_dates_in_the_tenant_language()
    {
        var bills = new[] { new BillView(Invoice("cinv_a", 125_050, "guitar"), "https://pay/a") };
        var en = TemplateTags.Render("{customer.name}: {bill.amount} for {bill.begin_date}–{bill.end_date} ({bill.type}) {bill.url}", Customer(), bills, Language.En);
        Assert.Equal("Olena: 1,250.50 UAH for 1 November 2026–30 November 2026 (payment forecast) https://pay/a", en);
        var uk = TemplateTags.Render("{bill.amount_subjects_url}", Customer(), bills, Language.Uk);
        Assert.Equal("1\u00a0250,50 UAH (guitar) — https://pay/a", uk);
        Assert.Contains("листопада 2026", TemplateTags.Render("{bill.begin_date}", Customer(), bills, Language.Uk));
    }

    [Fact]
    public void F9_customer_bills_tags_list_every_bill_one_per_line()
    {
        var bills = new[] { new BillView(Invoice("cinv_a", 10_000, "guitar"), "https://pay/a"), new BillView(Invoice("cinv_b", 20_000, "piano"), "https://pay/b") };
        Assert.Equal("https://pay/a\nhttps://pay/b", TemplateTags.Render("{customer.bills}", Customer(), bills, Language.En));
        Assert.Equal("100.00 UAH — https://pay/a\n200.00 UAH — https://pay/b", TemplateTags.Render("{customer.bills.amount_url}", Customer(), bills, Language.En));
        Assert.Equal("100.00 UAH (guitar) — https://pay/a\n200.00 UAH (piano) — https://pay/b",
            TemplateTags.Render("{customer.bills.amount_subject_url}", Customer(), bills, Language.En));
        Assert.True(TemplateTags.ListsCustomerBills("x {customer.bills.amount_url}"));
        Assert.False(TemplateTags.ListsCustomerBills("x {bill.url} {customer.name}"));
    }

    [Fact]
    public void F9_rendering_leaves_brace_text_that_is_no_tag_as_written_for_templates_saved_before_spaces_were_refused() =>
        Assert.Equal("Hi { there } {bill.sum}", TemplateTags.Render("Hi { there } {bill.sum}", Customer(), [], Language.En));
}
