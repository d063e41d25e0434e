namespace Billing.Core.Texts;

/// <summary>The keys of the text catalog, one nested class per feature; a test holds each in every language.</summary>
public static class TextKeys
{
    public static class Ledger
    {
        public const string DailyCharge = "Ledger.DailyCharge";
        public const string PostpaidCharge = "Ledger.PostpaidCharge";
    }
}
