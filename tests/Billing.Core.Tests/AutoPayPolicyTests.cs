using Billing.Core.Accounts;
using Billing.Core.Invoices;
using Billing.Core.Services;

namespace Billing.Core.Tests;

/// <summary>C8: every condition that blocks auto-pay, one test each, and the cases that allow it.</summary>
public sealed class AutoPayPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly DateTimeOffset Created = new(2026, 11, 18, 9, 0, 0, TimeSpan.Zero);
    private const int Grace = 7;

    private static Account Account(long balance = 100_000) => new()
    {
        Id = "acc_x", Name = "X", Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "pro", State = AccountState.Active, Balance = balance,
    };

    private static Service Service(string id = "svc_a", ServiceState state = ServiceState.Active, DateOnly? paidUntil = null, bool autoRenew = true, DateOnly? expiredOn = null) => new()
    {
        Id = id, Kind = ServiceKind.AddOn, ItemId = id[4..], Name = id, State = state, Price = 30_000, Currency = "UAH",
        PaidUntil = paidUntil ?? Today, AutoRenew = autoRenew, CreatedAt = Created, ExpiredOn = expiredOn,
    };

    private static Invoice Prepaid(OrderKind kind = OrderKind.Renewal, DateOnly? due = null, params InvoiceOrder[] orders) => new()
    {
        Id = "inv_1", AccountId = "acc_x", Number = "INV-000001", Kind = InvoiceKind.Renewal, Amount = 30_000 * Math.Max(orders.Length, 1),
        Currency = "UAH", Description = "renewal", CreatedAt = Created, DueDate = due ?? Today,
        Orders = orders.Length > 0 ? orders : [new InvoiceOrder("svc_a", kind, 30_000, Created)],
    };

    private static Dictionary<string, Service> Services(params Service[] s) => s.ToDictionary(x => x.Id);

    private static AutoPayDecision Evaluate(Invoice invoice, Account? account = null, Dictionary<string, Service>? services = null) =>
        AutoPayPolicy.Evaluate(account ?? Account(), invoice, services ?? Services(Service()), Today, Grace);

    [Fact]
    public void C8_a_renewal_order_with_money_and_auto_renew_is_auto_paid() =>
        Assert.True(Evaluate(Prepaid()).Allowed);

    [Fact]
    public void C8_blocked_when_the_account_may_work_without_balance()
    {
        var d = Evaluate(Prepaid(), Account() with { MayWorkWithoutBalance = true });
        Assert.False(d.Allowed);
        Assert.Contains("without balance", d.Reason);
    }

    [Fact]
    public void C8_blocked_when_invoices_come_from_an_external_system() =>
        Assert.Contains("external system", Evaluate(Prepaid(), Account() with { InvoicesFromExternalSystem = true }).Reason);

    [Fact]
    public void C8_blocked_when_the_balance_does_not_cover_the_invoice()
    {
        Assert.Contains("does not cover", Evaluate(Prepaid(), Account(balance: 29_999)).Reason);
        Assert.True(Evaluate(Prepaid(), Account(balance: 30_000)).Allowed);
    }

    [Fact]
    public void C8_blocked_for_a_top_up_invoice() =>
        Assert.False(Evaluate(Prepaid() with { Kind = InvoiceKind.TopUp }).Allowed);

    [Fact]
    public void C8_B7_blocked_for_an_external_erp_invoice() =>
        Assert.Contains("ERP", Evaluate(Prepaid() with { ExternalErp = true }).Reason);

    [Theory]
    [InlineData(InvoiceStatus.Overdue)]
    [InlineData(InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Cancelled)]
    public void C8_blocked_unless_the_invoice_is_awaiting_payment(InvoiceStatus status) =>
        Assert.False(Evaluate(Prepaid() with { Status = status }).Allowed);

    [Fact]
    public void C8_a_postpaid_invoice_is_paid_before_its_expiry_and_not_from_due_date_plus_one_day()
    {
        var postpaid = Prepaid() with { Prepaid = false, Orders = [], DueDate = Today };
        Assert.True(Evaluate(postpaid).Allowed);
        var expired = postpaid with { DueDate = Today.AddDays(-1) };
        Assert.Contains("expired", Evaluate(expired).Reason);
    }

    [Theory]
    [InlineData(ServiceState.Expired)]
    [InlineData(ServiceState.Cancelled)]
    public void C8_blocked_when_the_service_is_not_active_or_payment_overdue(ServiceState state) =>
        Assert.Contains("its service is", Evaluate(Prepaid(), services: Services(Service(state: state))).Reason);

    [Fact]
    public void C8_allowed_for_a_payment_overdue_service() =>
        Assert.True(Evaluate(Prepaid(), services: Services(Service(state: ServiceState.PaymentOverdue))).Allowed);

    [Fact]
    public void C8_blocked_when_the_service_no_longer_exists() =>
        Assert.Contains("no longer exists", Evaluate(Prepaid(), services: Services()).Reason);

    [Fact]
    public void C8_a_renewal_is_blocked_when_auto_renew_is_off() =>
        Assert.Contains("auto-renew is off", Evaluate(Prepaid(), services: Services(Service(autoRenew: false))).Reason);

    [Fact]
    public void C8_a_renewal_ordered_after_the_service_expired_is_blocked() =>
        Assert.Contains("after the service expired",
            Evaluate(Prepaid(), services: Services(Service(state: ServiceState.PaymentOverdue, expiredOn: new DateOnly(2026, 11, 17)))).Reason);

    [Fact]
    public void C8_a_renewal_whose_invoice_expired_is_blocked() =>
        Assert.Contains("renewal invoice has expired", Evaluate(Prepaid(due: Today.AddDays(-1))).Reason);

    [Fact]
    public void C8_a_prolongation_ordered_after_the_paid_period_is_blocked() =>
        Assert.Contains("after the paid period",
            Evaluate(Prepaid(OrderKind.Prolongation), services: Services(Service(paidUntil: new DateOnly(2026, 11, 17)))).Reason);

    [Fact]
    public void C8_a_prolongation_is_paid_before_paid_until_and_within_the_grace_period_but_not_after_it()
    {
        var order = new InvoiceOrder("svc_a", OrderKind.Prolongation, 30_000, new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));
        var invoice = Prepaid(orders: order) with { DueDate = Today.AddDays(30) };
        Assert.True(Evaluate(invoice, services: Services(Service(paidUntil: Today.AddDays(3)))).Allowed);          // before paid-until
        Assert.True(Evaluate(invoice, services: Services(Service(paidUntil: Today.AddDays(-Grace + 1)))).Allowed); // inside the grace
        Assert.Contains("grace period are over", Evaluate(invoice, services: Services(Service(paidUntil: Today.AddDays(-Grace)))).Reason);
    }

    [Fact]
    public void C8_a_prepaid_invoice_without_service_orders_is_not_auto_paid() =>
        Assert.False(Evaluate(Prepaid() with { Orders = [] }).Allowed);

    [Fact]
    public void C8_a_combined_invoice_is_paid_only_when_every_order_qualifies()
    {
        var ok = new InvoiceOrder("svc_a", OrderKind.Renewal, 30_000, Created);
        var other = new InvoiceOrder("svc_b", OrderKind.Renewal, 30_000, Created);
        var combined = Prepaid(orders: [ok, other]);
        Assert.True(Evaluate(combined, services: Services(Service("svc_a"), Service("svc_b"))).Allowed);
        var d = Evaluate(combined, services: Services(Service("svc_a"), Service("svc_b", autoRenew: false)));
        Assert.False(d.Allowed);
        Assert.Contains("combined invoice: svc_b", d.Reason);
    }
}
