namespace Billing.Core.Texts;

public static partial class TextKeys
{
    /// <summary>The portal's pages that move money or order things (P1): top-up, invoices, services.</summary>
    public static class PortalMoney
    {
        /// <summary>B1–B3: the amount, the live bonus quote, the bonus steps, then the provider's checkout.</summary>
        public static class TopUp
        {
            public const string Title = "Portal.TopUp.Title";
            public const string BalanceNow = "Portal.TopUp.BalanceNow";
            public const string AmountLabel = "Portal.TopUp.AmountLabel";
            public const string AmountHint = "Portal.TopUp.AmountHint";
            public const string Pay = "Portal.TopUp.Pay";
            public const string ShowQuote = "Portal.TopUp.ShowQuote";
            public const string QuoteEmpty = "Portal.TopUp.QuoteEmpty";
            public const string QuoteBonus = "Portal.TopUp.QuoteBonus";
            public const string QuoteNoBonus = "Portal.TopUp.QuoteNoBonus";
            public const string QuoteNext = "Portal.TopUp.QuoteNext";
            public const string BonusTitle = "Portal.TopUp.BonusTitle";
            public const string BonusIntro = "Portal.TopUp.BonusIntro";
            public const string BonusMonths = "Portal.TopUp.BonusMonths";
            public const string BonusFrom = "Portal.TopUp.BonusFrom";
            public const string BonusPercent = "Portal.TopUp.BonusPercent";
            public const string BonusValue = "Portal.TopUp.BonusValue";
            public const string AmountMissing = "Portal.TopUp.AmountMissing";
            public const string AmountNotNumber = "Portal.TopUp.AmountNotNumber";
            public const string AmountNotPositive = "Portal.TopUp.AmountNotPositive";
            public const string AmountDecimals = "Portal.TopUp.AmountDecimals";
            public const string AmountOutOfRange = "Portal.TopUp.AmountOutOfRange";
            public const string Returned = "Portal.TopUp.Returned";
            public const string Returning = "Portal.TopUp.Returning";
            public const string ProviderFailed = "Portal.TopUp.ProviderFailed";
            public const string RecentTitle = "Portal.TopUp.RecentTitle";
            public const string RecentNone = "Portal.TopUp.RecentNone";
        }

        /// <summary>C10, B7: the account's invoices, their filters and the payer's actions.</summary>
        public static class Invoices
        {
            public const string Title = "Portal.Invoices.Title";
            public const string Filters = "Portal.Invoices.Filters";
            public const string All = "Portal.Invoices.All";
            public const string Apply = "Portal.Invoices.Apply";
            public const string Number = "Portal.Invoices.Number";
            public const string Kind = "Portal.Invoices.Kind";
            public const string Amount = "Portal.Invoices.Amount";
            public const string Status = "Portal.Invoices.Status";
            public const string Dates = "Portal.Invoices.Dates";
            public const string Actions = "Portal.Invoices.Actions";
            public const string Created = "Portal.Invoices.Created";
            public const string Due = "Portal.Invoices.Due";
            public const string PaidOn = "Portal.Invoices.PaidOn";
            public const string Bonus = "Portal.Invoices.Bonus";
            public const string PayFromBalance = "Portal.Invoices.PayFromBalance";
            public const string PayConfirm = "Portal.Invoices.PayConfirm";
            public const string PayByCard = "Portal.Invoices.PayByCard";
            public const string Cancel = "Portal.Invoices.Cancel";
            public const string CancelConfirm = "Portal.Invoices.CancelConfirm";
            public const string BalanceShort = "Portal.Invoices.BalanceShort";
            public const string ErpNote = "Portal.Invoices.ErpNote";
            public const string None = "Portal.Invoices.None";
            public const string NoneMatching = "Portal.Invoices.NoneMatching";
            public const string Older = "Portal.Invoices.Older";
            public const string Newest = "Portal.Invoices.Newest";
            public const string ShowAll = "Portal.Invoices.ShowAll";
            public const string BadList = "Portal.Invoices.BadList";
            public const string Paid = "Portal.Invoices.Paid";
            public const string Cancelled = "Portal.Invoices.Cancelled";
            public const string Returned = "Portal.Invoices.Returned";

            /// <summary>An invoice status as people read it, by its wire name (<c>awaiting_payment</c>…).</summary>
            public static string StatusOf(string wireName) => "Portal.Invoices.Status." + wireName;

            /// <summary>An invoice kind as people read it, by its wire name (<c>top_up</c>…).</summary>
            public static string KindOf(string wireName) => "Portal.Invoices.Kind." + wireName;

            /// <summary>The keys <see cref="StatusOf"/> names, one per invoice status.</summary>
            public static class Statuses
            {
                public const string AwaitingPayment = "Portal.Invoices.Status.awaiting_payment";
                public const string Overdue = "Portal.Invoices.Status.overdue";
                public const string Paid = "Portal.Invoices.Status.paid";
                public const string PaidFromBalance = "Portal.Invoices.Status.paid_from_balance";
                public const string Cancelled = "Portal.Invoices.Status.cancelled";
                public const string Archived = "Portal.Invoices.Status.archived";
            }

            /// <summary>The keys <see cref="KindOf"/> names, one per invoice kind.</summary>
            public static class Kinds
            {
                public const string TopUp = "Portal.Invoices.Kind.top_up";
                public const string Renewal = "Portal.Invoices.Kind.renewal";
                public const string PlanChange = "Portal.Invoices.Kind.plan_change";
                public const string Postpaid = "Portal.Invoices.Kind.postpaid";
            }
        }

        /// <summary>C6: prepaid services, auto-renew, and the renewal invoice.</summary>
        public static class Services
        {
            public const string Title = "Portal.Services.Title";
            public const string None = "Portal.Services.None";
            public const string State = "Portal.Services.State";
            public const string Price = "Portal.Services.Price";
            public const string PaidUntil = "Portal.Services.PaidUntil";
            public const string MaxSeats = "Portal.Services.MaxSeats";
            public const string AutoRenew = "Portal.Services.AutoRenew";
            public const string AutoRenewHint = "Portal.Services.AutoRenewHint";
            public const string On = "Portal.Services.On";
            public const string Off = "Portal.Services.Off";
            public const string TurnOn = "Portal.Services.TurnOn";
            public const string TurnOff = "Portal.Services.TurnOff";
            public const string CreateInvoice = "Portal.Services.CreateInvoice";
            public const string OpenInvoice = "Portal.Services.OpenInvoice";
            public const string AutoRenewOnDone = "Portal.Services.AutoRenewOnDone";
            public const string AutoRenewOffDone = "Portal.Services.AutoRenewOffDone";
            public const string InvoiceCreated = "Portal.Services.InvoiceCreated";
            public const string BadChoice = "Portal.Services.BadChoice";

            /// <summary>A service state as people read it, by its wire name (<c>payment_overdue</c>…).</summary>
            public static string StateOf(string wireName) => "Portal.Services.State." + wireName;

            /// <summary>The keys <see cref="StateOf"/> names, one per service state.</summary>
            public static class States
            {
                public const string Active = "Portal.Services.State.active";
                public const string PaymentOverdue = "Portal.Services.State.payment_overdue";
                public const string Expired = "Portal.Services.State.expired";
                public const string Cancelled = "Portal.Services.State.cancelled";
            }
        }
    }
}
