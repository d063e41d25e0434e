namespace Billing.Core.CustomerBilling;

/// <summary>
/// Every change of a customer's money is an entry: the base balance and each pass's money are the sums of their
/// entries (A2 for customers), so a CRM update can never overwrite a payment that came in meanwhile.
/// </summary>
public static class CustomerMoney
{
    public static (Customer Customer, CustomerLedgerEntry Entry) Post(Customer c, TargetAccount target, long amount, string currency,
        string description, DateTimeOffset now, string? invoiceId = null, string? eventId = null)
    {
        target.Validate(c);
        var seq = c.LedgerSeq + 1;
        long after;
        Customer next;
        if (target.IsBase)
        {
            after = checked(c.Balance + amount);
            next = c with { Balance = after, LedgerSeq = seq };
        }
        else
        {
            var pass = c.FindPass(target.PassId!)!;
            after = checked(pass.MoneyLeft + amount);
            next = c with { Passes = c.Passes.Select(p => p.Id == pass.Id ? p with { MoneyLeft = after } : p).ToList(), LedgerSeq = seq };
        }
        if (after < -CustomerValidation.MaxAmount || after > CustomerValidation.MaxAmount)
            throw BillingException.Refused("customer_amount_too_large", $"The {target.Describe(c)} would hold {after}, beyond the limit.");
        var entry = new CustomerLedgerEntry
        {
            CustomerId = c.Id, Seq = seq, Target = target.Key, Amount = amount, Currency = currency, BalanceAfter = after,
            Description = description, InvoiceId = invoiceId, EventId = eventId, Time = now,
        };
        return (next with { UpdatedAt = now }, entry);
    }
}
