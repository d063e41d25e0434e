using Billing.Core.Accounts;
using Billing.Core.Invoices;
using Billing.Core.Storage;

namespace Billing.Core.Tests;

/// <summary>C8/B5: the head's list of unpaid invoices follows every commit that writes an invoice with the head.</summary>
public sealed class UnpaidInvoiceIndexRules
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Account Head(IReadOnlyList<string>? unpaid) => new()
    {
        Id = "acc_x", Name = "X", Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "pro", UnpaidInvoices = unpaid,
    };

    private static Invoice Invoice(string id, InvoiceKind kind = InvoiceKind.Renewal, InvoiceStatus status = InvoiceStatus.AwaitingPayment) => new()
    {
        Id = id, AccountId = "acc_x", Number = "INV-" + id, Kind = kind, Amount = 30_000, Currency = "UAH", Description = id, CreatedAt = Now,
        Status = status,
    };

    private static IReadOnlyList<string>? After(Account head, params RowOp[] rows) => new AccountCommit("acc_x", head, "etag", rows).Head!.UnpaidInvoices;

    [Fact]
    public void C8_a_new_renewal_invoice_is_listed_and_a_top_up_is_not() =>
        Assert.Equal(["inv_a"], After(Head([]), new RowOp(Invoice("inv_a"), RowWrite.Insert), new RowOp(Invoice("inv_t", InvoiceKind.TopUp), RowWrite.Insert)));

    [Theory]
    [InlineData(InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.PaidFromBalance)]
    [InlineData(InvoiceStatus.Cancelled)]
    [InlineData(InvoiceStatus.Archived)]
    public void C8_an_invoice_that_is_no_longer_unpaid_leaves_the_list(InvoiceStatus status) =>
        Assert.Equal(["inv_b"], After(Head(["inv_a", "inv_b"]), new RowOp(Invoice("inv_a", status: status), RowWrite.Replace, "e")));

    [Fact]
    public void C8_an_overdue_invoice_stays_listed_once_and_a_deleted_one_leaves() =>
        Assert.Equal(["inv_a"], After(Head(["inv_a", "inv_b"]),
            new RowOp(Invoice("inv_a", status: InvoiceStatus.Overdue), RowWrite.Replace, "e"), new RowOp(Invoice("inv_b"), RowWrite.Delete, "e")));

    [Fact]
    public void C8_a_head_never_indexed_stays_unindexed_so_auto_pay_lists_the_invoices_itself() =>
        Assert.Null(After(Head(null), new RowOp(Invoice("inv_a"), RowWrite.Insert)));

    [Fact]
    public void C8_a_commit_without_invoices_keeps_the_same_head()
    {
        var head = Head(["inv_a"]);
        Assert.Same(head, new AccountCommit("acc_x", head, "e", []).Head);
    }
}
