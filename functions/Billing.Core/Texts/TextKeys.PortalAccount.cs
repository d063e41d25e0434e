namespace Billing.Core.Texts;

public static partial class TextKeys
{
    /// <summary>The portal's pages about the account itself (P1): overview, history with its CSV export, plans.</summary>
    public static class PortalAccount
    {
        /// <summary>The overview: restriction (D1, D4), deletion (E2), runway (A6), invoices the balance can pay (A5).</summary>
        public static class Overview
        {
            public const string RestrictedTitle = "Portal.Overview.RestrictedTitle";
            public const string RestrictionReminder = "Portal.Overview.Restriction.reminder";
            public const string RestrictionPaymentOnly = "Portal.Overview.Restriction.payment_only";
            public const string RestrictionBlocked = "Portal.Overview.Restriction.blocked";
            public const string AccessFull = "Portal.Overview.Access.full";
            public const string AccessReminder = "Portal.Overview.Access.reminder";
            public const string AccessPaymentOnly = "Portal.Overview.Access.payment_only";
            public const string AccessNone = "Portal.Overview.Access.none";
            public const string AmountDue = "Portal.Overview.AmountDue";
            public const string Promise = "Portal.Overview.Promise";
            public const string PromiseHint = "Portal.Overview.PromiseHint";
            public const string PromiseConfirm = "Portal.Overview.PromiseConfirm";
            public const string PromiseTaken = "Portal.Overview.PromiseTaken";
            public const string PromiseInForce = "Portal.Overview.PromiseInForce";
            public const string DeletionTitle = "Portal.Overview.DeletionTitle";
            public const string DeletionText = "Portal.Overview.DeletionText";
            public const string DeletionOwnerOnly = "Portal.Overview.DeletionOwnerOnly";
            public const string CancelDeletion = "Portal.Overview.CancelDeletion";
            public const string DeletionCancelled = "Portal.Overview.DeletionCancelled";
            public const string Runway = "Portal.Overview.Runway";
            public const string RunwayUntil = "Portal.Overview.RunwayUntil";
            public const string RunwayNever = "Portal.Overview.RunwayNever";
            public const string Payable = "Portal.Overview.Payable";
            public const string OpenInvoices = "Portal.Overview.OpenInvoices";

            /// <summary>What a restriction level means (D1), by the level's wire name.</summary>
            public static string Restriction(string level) => $"Portal.Overview.Restriction.{level}";

            /// <summary>What this person gets (D1), by the access level's wire name.</summary>
            public static string Access(string access) => $"Portal.Overview.Access.{access}";
        }

        /// <summary>The history (A3, A4) and its CSV export.</summary>
        public static class History
        {
            public const string Title = "Portal.History.Title";
            public const string Period = "Portal.History.Period";
            public const string From = "Portal.History.From";
            public const string To = "Portal.History.To";
            public const string Show = "Portal.History.Show";
            public const string Download = "Portal.History.Download";
            public const string Time = "Portal.History.Time";
            public const string Kind = "Portal.History.Kind";
            public const string Description = "Portal.History.Description";
            public const string Amount = "Portal.History.Amount";
            public const string BalanceAfter = "Portal.History.BalanceAfter";
            public const string Breakdown = "Portal.History.Breakdown";
            public const string What = "Portal.History.What";
            public const string Quantity = "Portal.History.Quantity";
            public const string UnitPrice = "Portal.History.UnitPrice";
            public const string Empty = "Portal.History.Empty";
            public const string Older = "Portal.History.Older";
            public const string Newest = "Portal.History.Newest";
            public const string DateInvalid = "Portal.History.DateInvalid";
            public const string RangeInvalid = "Portal.History.RangeInvalid";
            public const string PageGone = "Portal.History.PageGone";
            public const string CsvEntry = "Portal.History.Csv.Entry";
            public const string CsvRow = "Portal.History.Csv.Row";
            public const string CsvRowEntry = "Portal.History.Csv.RowEntry";
            public const string CsvRowLine = "Portal.History.Csv.RowLine";
            public const string CsvTime = "Portal.History.Csv.Time";
            public const string CsvCurrency = "Portal.History.Csv.Currency";
            public const string CsvReference = "Portal.History.Csv.Reference";
            public const string CsvTruncated = "Portal.History.Csv.Truncated";
            public const string KindTopUp = "Portal.History.Kind.top_up";
            public const string KindBonus = "Portal.History.Kind.bonus";
            public const string KindCharge = "Portal.History.Kind.charge";
            public const string KindRefund = "Portal.History.Kind.refund";
            public const string KindCredit = "Portal.History.Kind.credit";
            public const string KindAdjustment = "Portal.History.Kind.adjustment";
            public const string KindInvoicePayment = "Portal.History.Kind.invoice_payment";
            public const string KindHold = "Portal.History.Kind.hold";
            public const string KindRelease = "Portal.History.Kind.release";

            /// <summary>A ledger entry's kind as people read it, by its wire name (<c>top_up</c>, <c>charge</c>…).</summary>
            public static string KindOf(string wireName) => $"Portal.History.Kind.{wireName}";
        }

        /// <summary>The plans (C9): the list, the quote, the confirmed change or its invoice and hold.</summary>
        public static class Plans
        {
            public const string Title = "Portal.Plans.Title";
            public const string CurrentBadge = "Portal.Plans.CurrentBadge";
            public const string MonthlyPrice = "Portal.Plans.MonthlyPrice";
            public const string MaxSeats = "Portal.Plans.MaxSeats";
            public const string SeatsInUse = "Portal.Plans.SeatsInUse";
            public const string ModeDaily = "Portal.Plans.Mode.daily";
            public const string ModeMonthlyPrepaid = "Portal.Plans.Mode.monthly_prepaid";
            public const string ModeMonthlyPostpaid = "Portal.Plans.Mode.monthly_postpaid";
            public const string SeePrice = "Portal.Plans.SeePrice";
            public const string QuoteTitle = "Portal.Plans.QuoteTitle";
            public const string FullPrice = "Portal.Plans.FullPrice";
            public const string Credit = "Portal.Plans.Credit";
            public const string Cost = "Portal.Plans.Cost";
            public const string YourBalance = "Portal.Plans.YourBalance";
            public const string DueNow = "Portal.Plans.DueNow";
            public const string Missing = "Portal.Plans.Missing";
            public const string PaidFromBalance = "Portal.Plans.PaidFromBalance";
            public const string ShortExplained = "Portal.Plans.ShortExplained";
            public const string Confirm = "Portal.Plans.Confirm";
            public const string ConfirmQuestion = "Portal.Plans.ConfirmQuestion";
            public const string OwnerOrAdminOnly = "Portal.Plans.OwnerOrAdminOnly";
            public const string OncePerDay = "Portal.Plans.OncePerDay";
            public const string Changed = "Portal.Plans.Changed";
            public const string InvoiceIssued = "Portal.Plans.InvoiceIssued";
            public const string PendingTitle = "Portal.Plans.PendingTitle";
            public const string PendingInvoice = "Portal.Plans.PendingInvoice";
            public const string PendingHeld = "Portal.Plans.PendingHeld";
            public const string PendingText = "Portal.Plans.PendingText";

            /// <summary>How a plan is billed, by the billing mode's wire name.</summary>
            public static string Mode(string wireName) => $"Portal.Plans.Mode.{wireName}";
        }
    }
}
