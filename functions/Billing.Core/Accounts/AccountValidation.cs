using System.Text.RegularExpressions;
using Billing.Core.Catalog;
using Billing.Core.Time;

namespace Billing.Core.Accounts;

/// <summary>Checks settings against the catalog and the world (currency, time zone, country) before anything is written.</summary>
public static partial class AccountValidation
{
    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();

    public const int MaxNameLength = 200;

    private static bool IsEmail(string s) => s.Length <= 254 && s.IndexOf('@') > 0 && s.IndexOf('@') < s.Length - 1 && !s.Any(char.IsWhiteSpace);

    public static void CheckEmails(IReadOnlyList<string> emails)
    {
        if (emails.Count > 20 || emails.Any(e => !IsEmail(e)))
            throw BillingException.Invalid("account_invalid", "The account settings are not valid.",
                new Dictionary<string, string[]> { ["adminEmails"] = ["At most 20 email addresses."] });
    }

    /// <summary>A6: days of runway below which the admins are alerted; 0 turns the alert off.</summary>
    public static void CheckLowBalanceDays(int days)
    {
        if (days is < 0 or > Runways.LowBalanceState.MaxDays)
            throw BillingException.Invalid("account_invalid", "The account settings are not valid.",
                new Dictionary<string, string[]> { ["lowBalance.days"] = [$"Days of runway from 0 (no alert) to {Runways.LowBalanceState.MaxDays}."] });
    }

    public static void Check(BillingCatalog catalog, string name, string currency, string timeZone, string country,
        string planId, BillingMode mode, IReadOnlyList<string> addOns, string? ownerEmail)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength) Fail("name", $"1 to {MaxNameLength} characters.");
        else if (!Validation.PlainText.IsClean(name)) Fail("name", Validation.PlainText.Rule);
        if (!Money.Currency.TryGet(currency, out _) || !catalog.Currencies.Contains(currency))
            Fail("currency", $"One of {string.Join(", ", catalog.Currencies)}.");
        if (!LocalCalendar.IsKnown(timeZone)) Fail("timeZone", "An IANA time zone id, such as Europe/Kyiv.");
        if (!CountryCode().IsMatch(country)) Fail("country", "An ISO 3166-1 alpha-2 code in capitals, such as UA.");
        var plan = catalog.Plans.FirstOrDefault(p => p.Id == planId);
        if (plan is null) Fail("planId", $"One of {string.Join(", ", catalog.Plans.Select(p => p.Id))}.");
        else if (plan.BillingMode != mode) Fail("billingMode", $"Plan {plan.Id} is billed {Json.Names.Of(plan.BillingMode)}.");
        var unknown = addOns.Where(a => catalog.AddOns.All(x => x.Id != a)).ToList();
        if (unknown.Count > 0) Fail("addOns", $"Unknown add-ons: {string.Join(", ", unknown.Take(5))}.");
        if (addOns.Distinct().Count() != addOns.Count) Fail("addOns", "Each add-on once.");
        if (ownerEmail is not null && !IsEmail(ownerEmail)) Fail("ownerEmail", "An email address.");
        if (errors.Count > 0) throw BillingException.Invalid("account_invalid", "The account settings are not valid.", errors);
    }
}
