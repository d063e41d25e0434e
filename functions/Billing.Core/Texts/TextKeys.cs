namespace Billing.Core.Texts;

/// <summary>The keys of the text catalog, one nested class per feature; a test holds each in every language.</summary>
public static class TextKeys
{
    /// <summary>What a tenant's customers read: messages and money movements (F3–F5).</summary>
    public static class Customer
    {
        public const string InvoiceEmailSubject = "Customer.InvoiceEmailSubject";
    }

    public static class Ledger
    {
        public const string DailyCharge = "Ledger.DailyCharge";
        public const string PostpaidCharge = "Ledger.PostpaidCharge";
    }
}
