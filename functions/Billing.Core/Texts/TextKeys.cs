namespace Billing.Core.Texts;

/// <summary>The keys of the text catalog, one nested class per feature; a test holds each in every language.</summary>
public static class TextKeys
{
    /// <summary>What a tenant's customers read: messages and money movements (F3–F5).</summary>
    public static class Customer
    {
        public const string InvoiceEmailSubject = "Customer.InvoiceEmailSubject";
        public const string InvoicePaid = "Customer.InvoicePaid";
        public const string InvoicePaidToBase = "Customer.InvoicePaidToBase";
    }

    /// <summary>Pages people open without a key.</summary>
    public static class Pages
    {
        /// <summary>The public invoice page a tenant's customer opens from a link (F3).</summary>
        public static class Invoice
        {
            public const string Title = "Pages.Invoice.Title";
            public const string Customer = "Pages.Invoice.Customer";
            public const string For = "Pages.Invoice.For";
            public const string BaseAccount = "Pages.Invoice.BaseAccount";
            public const string Amount = "Pages.Invoice.Amount";
            public const string Period = "Pages.Invoice.Period";
            public const string PayableUntil = "Pages.Invoice.PayableUntil";
            public const string NoEnd = "Pages.Invoice.NoEnd";
            public const string Status = "Pages.Invoice.Status";
            public const string StatusAwaitingPayment = "Pages.Invoice.StatusAwaitingPayment";
            public const string StatusPaid = "Pages.Invoice.StatusPaid";
            public const string StatusExpired = "Pages.Invoice.StatusExpired";
            public const string StatusArchived = "Pages.Invoice.StatusArchived";
            public const string Pay = "Pages.Invoice.Pay";
            public const string PayAgain = "Pages.Invoice.PayAgain";
            public const string Offer = "Pages.Invoice.Offer";
            public const string Payee = "Pages.Invoice.Payee";
            public const string TaxId = "Pages.Invoice.TaxId";
            public const string Address = "Pages.Invoice.Address";
            public const string Bank = "Pages.Invoice.Bank";
            public const string ExpiredNote = "Pages.Invoice.ExpiredNote";
            public const string ArchivedNote = "Pages.Invoice.ArchivedNote";
            public const string PaidNote = "Pages.Invoice.PaidNote";
            public const string PayAgainHint = "Pages.Invoice.PayAgainHint";
            public const string NotYetOpenNote = "Pages.Invoice.NotYetOpenNote";
            public const string ReturnedNote = "Pages.Invoice.ReturnedNote";
            public const string DeclinedNote = "Pages.Invoice.DeclinedNote";
            public const string NotFoundTitle = "Pages.Invoice.NotFoundTitle";
            public const string NotFoundText = "Pages.Invoice.NotFoundText";
        }
    }

    public static class Ledger
    {
        public const string DailyCharge = "Ledger.DailyCharge";
        public const string PostpaidCharge = "Ledger.PostpaidCharge";
    }
}
