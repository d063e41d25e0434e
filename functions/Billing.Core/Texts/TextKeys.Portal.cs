namespace Billing.Core.Texts;

public static partial class TextKeys
{
    /// <summary>The billing portal a person of an account opens from the CRM (P1).</summary>
    public static class Portal
    {
        public const string Brand = "Portal.Brand";
        public const string SkipToContent = "Portal.SkipToContent";
        public const string Navigation = "Portal.Navigation";
        public const string NavOverview = "Portal.NavOverview";
        public const string NavHistory = "Portal.NavHistory";
        public const string NavTopUp = "Portal.NavTopUp";
        public const string NavServices = "Portal.NavServices";
        public const string NavInvoices = "Portal.NavInvoices";
        public const string NavPlans = "Portal.NavPlans";
        public const string SignOut = "Portal.SignOut";
        public const string BackToCrm = "Portal.BackToCrm";
        public const string Opening = "Portal.Opening";
        public const string Continue = "Portal.Continue";
        public const string LinkRefusedTitle = "Portal.LinkRefusedTitle";
        public const string LinkRefusedText = "Portal.LinkRefusedText";
        public const string SessionEndedTitle = "Portal.SessionEndedTitle";
        public const string SessionEndedText = "Portal.SessionEndedText";
        public const string FormRefused = "Portal.FormRefused";
        public const string SignedOut = "Portal.SignedOut";
        public const string NotFoundTitle = "Portal.NotFoundTitle";
        public const string NotFoundText = "Portal.NotFoundText";
        public const string OverviewTitle = "Portal.OverviewTitle";
        public const string Balance = "Portal.Balance";
        public const string UsageThisMonth = "Portal.UsageThisMonth";
        public const string UsageCost = "Portal.UsageCost";
        public const string NoUsage = "Portal.NoUsage";
    }
}
