namespace Billing.Core.Texts;

/// <summary>The keys of the text catalog, one nested class per feature; a test holds each in every language.</summary>
public static partial class TextKeys
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
        public const string PlanCredit = "Ledger.PlanCredit";
        public const string Held = "Ledger.Held";
        public const string HoldReleased = "Ledger.HoldReleased";
        public const string HoldReleasedCancelled = "Ledger.HoldReleasedCancelled";
        public const string HoldSpent = "Ledger.HoldSpent";
        public const string ServiceRenewed = "Ledger.ServiceRenewed";
        public const string ServicePaid = "Ledger.ServicePaid";
        public const string InvoicePayment = "Ledger.InvoicePayment";
        public const string InvoicePaymentReference = "Ledger.InvoicePaymentReference";
        public const string TopUp = "Ledger.TopUp";
        public const string BankTransfer = "Ledger.BankTransfer";
        public const string Bonus = "Ledger.Bonus";
        public const string Refund = "Ledger.Refund";
        public const string BonusReversed = "Ledger.BonusReversed";
    }

    public static class Breakdown
    {
        public const string Invoice = "Breakdown.Invoice";
        public const string BonusOf = "Breakdown.BonusOf";
        public const string UnusedDays = "Breakdown.UnusedDays";
        public const string ShareDay = "Breakdown.ShareDay";
        public const string ShareDays = "Breakdown.ShareDays";
        public const string ShareMonth = "Breakdown.ShareMonth";
        public const string SharePeriod = "Breakdown.SharePeriod";
        public const string PlanSeats = "Breakdown.PlanSeats";
        public const string PlanSeatsUsed = "Breakdown.PlanSeatsUsed";
        public const string PlanSeatsAtMost = "Breakdown.PlanSeatsAtMost";
        public const string InvoicedAmount = "Breakdown.InvoicedAmount";
        /// <summary>C11: usage charged with a later day than it occurred on.</summary>
        public const string UsageLate = "Breakdown.UsageLate";
    }

    public static class Invoice
    {
        public const string TopUp = "Invoice.TopUp";
        public const string TopUpBonus = "Invoice.TopUpBonus";
        public const string OneMonthFrom = "Invoice.OneMonthFrom";
        public const string PlanChange = "Invoice.PlanChange";
    }

    public static class Quote
    {
        public const string SameMode = "Quote.SameMode";
        public const string Prepaid = "Quote.Prepaid";
        public const string ToPayByInvoice = "Quote.ToPayByInvoice";
    }

    /// <summary>Problem details shown to people (the API's <c>detail</c>); validation problems stay in English for developers.</summary>
    public static class Problem
    {
        public const string AccountBusy = "Problem.AccountBusy";
        public const string RoleForbidden = "Problem.RoleForbidden";
        public const string TopUpForbidden = "Problem.TopUpForbidden";
        public const string PromiseForbidden = "Problem.PromiseForbidden";
        public const string OwnerOnly = "Problem.OwnerOnly";
        public const string NotRestricted = "Problem.NotRestricted";
        public const string PromiseTooSoon = "Problem.PromiseTooSoon";
        public const string AccountNotActive = "Problem.AccountNotActive";
        public const string PlanChangedToday = "Problem.PlanChangedToday";
        public const string PlanChangePending = "Problem.PlanChangePending";
        public const string QuoteChanged = "Problem.QuoteChanged";
        public const string TopUpAmountOutOfRange = "Problem.TopUpAmountOutOfRange";
        public const string InvoiceNotCancellable = "Problem.InvoiceNotCancellable";
        public const string InvoiceNotPayable = "Problem.InvoiceNotPayable";
        public const string ErpInvoice = "Problem.ErpInvoice";
        public const string TopUpNotPayableFromBalance = "Problem.TopUpNotPayableFromBalance";
        public const string BalanceInsufficient = "Problem.BalanceInsufficient";
        public const string DeletionNotScheduled = "Problem.DeletionNotScheduled";
        public const string RestoreWindowOver = "Problem.RestoreWindowOver";
        public const string ServiceCancelled = "Problem.ServiceCancelled";
    }

    public static class Plan
    {
        public const string Current = "Plan.Current";
        public const string BillingModeDiffers = "Plan.BillingModeDiffers";
        public const string SeatsOverMax = "Plan.SeatsOverMax";
        public const string SeatsOverCurrentMax = "Plan.SeatsOverCurrentMax";
    }

    public static class TopUp
    {
        public const string AccountDeleted = "TopUp.AccountDeleted";
    }

    /// <summary>Account states as people read them, keyed by the state's wire name (only those a text names).</summary>
    public static class State
    {
        public const string Deleted = "State.deleted";
        public const string Purged = "State.purged";

        public static string Of(string wireName) => $"State.{wireName}";
    }

    /// <summary>Email templates (Handlebars), <c>Email.{template}.Subject</c> and <c>.Body</c>, the template being the notice type's wire name.</summary>
    public static class Email
    {
        public const string RestrictionChangedSubject = "Email.restriction_changed.Subject";
        public const string RestrictionChangedBody = "Email.restriction_changed.Body";
        public const string DeletionScheduledSubject = "Email.deletion_scheduled.Subject";
        public const string DeletionScheduledBody = "Email.deletion_scheduled.Body";
        public const string DeletionReminderSubject = "Email.deletion_reminder.Subject";
        public const string DeletionReminderBody = "Email.deletion_reminder.Body";
        public const string PaymentReceivedSubject = "Email.payment_received.Subject";
        public const string PaymentReceivedBody = "Email.payment_received.Body";
        public const string InvoiceIssuedSubject = "Email.invoice_issued.Subject";
        public const string InvoiceIssuedBody = "Email.invoice_issued.Body";
        public const string InvoicePaidSubject = "Email.invoice_paid.Subject";
        public const string InvoicePaidBody = "Email.invoice_paid.Body";
        public const string PlanChangedSubject = "Email.plan_changed.Subject";
        public const string PlanChangedBody = "Email.plan_changed.Body";
        public const string PromisedPaymentSubject = "Email.promised_payment.Subject";
        public const string PromisedPaymentBody = "Email.promised_payment.Body";
        /// <summary>A6: the runway fell to the low-balance threshold.</summary>
        public const string BalanceLowSubject = "Email.balance_low.Subject";
        public const string BalanceLowBody = "Email.balance_low.Body";

        public static string Subject(string template) => $"Email.{template}.Subject";
        public static string Body(string template) => $"Email.{template}.Body";
    }

    /// <summary>"From Saturday, 28 November 2026": the preposition and the weekday's case differ per language ("З суботи").</summary>
    public static class Date
    {
        public const string FromMonday = "Date.From.Monday";
        public const string FromTuesday = "Date.From.Tuesday";
        public const string FromWednesday = "Date.From.Wednesday";
        public const string FromThursday = "Date.From.Thursday";
        public const string FromFriday = "Date.From.Friday";
        public const string FromSaturday = "Date.From.Saturday";
        public const string FromSunday = "Date.From.Sunday";

        public static string From(DayOfWeek day) => $"Date.From.{day}";
    }

    /// <summary>Restriction levels (D1) as people read them, keyed by the level's wire name.</summary>
    public static class Level
    {
        public const string None = "Level.none";
        public const string Reminder = "Level.reminder";
        public const string PaymentOnly = "Level.payment_only";
        public const string Blocked = "Level.blocked";

        public static string Of(string wireName) => $"Level.{wireName}";
    }

    /// <summary>What operators' actions write for people to read (P2): ledger descriptions and refusals.</summary>
    public static class Operator
    {
        public const string AdjustmentEntry = "Operator.AdjustmentEntry";
        public const string AdjustmentBelowZero = "Operator.AdjustmentBelowZero";
        public const string AdjustmentAccountDeleted = "Operator.AdjustmentAccountDeleted";
        public const string FlagCredited = "Operator.FlagCredited";
        public const string FlagNotCreditable = "Operator.FlagNotCreditable";
    }
}
