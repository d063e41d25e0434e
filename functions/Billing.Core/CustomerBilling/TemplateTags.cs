using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Billing.Core.Accounts;

namespace Billing.Core.CustomerBilling;

/// <summary>One invoice as a template shows it.</summary>
public sealed record BillView(CustomerInvoice Invoice, string Url);

/// <summary>
/// The F9 tag language: a closed set of <c>{tag}</c> names, checked when a template is saved (an unknown tag is
/// refused by name) and replaced when a message is rendered, with money and dates in the tenant's language.
/// </summary>
public static partial class TemplateTags
{
    public static readonly IReadOnlyList<string> Known =
    [
        "bill.url", "bill.amount", "bill.type", "bill.begin_date", "bill.end_date", "bill.amount_url", "bill.amount_subjects_url",
        "customer.name", "customer.bills", "customer.bills.amount_url", "customer.bills.amount_subject_url",
    ];

    // Anything between braces reads as a tag, spaces included ({ bill.url } is not {bill.url}), so a typo is caught on
    // save instead of reaching a customer as literal text.
    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Tag();

    public static IReadOnlyList<string> Unknown(string text) =>
        Tag().Matches(text).Select(m => m.Groups[1].Value).Where(t => !Known.Contains(t)).Distinct().ToList();

    public static void Validate(string text, string field)
    {
        var unknown = Unknown(text);
        if (unknown.Count > 0)
            throw BillingException.Refused("template_tag_unknown",
                $"'{field}' uses unknown tag{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(t => "{" + t + "}"))}; known: {string.Join(" ", Known.Select(t => "{" + t + "}"))}.");
    }

    /// <summary>True when the text lists all of a customer's bills, so one message carries them all.</summary>
    public static bool ListsCustomerBills(string text) => Tag().Matches(text).Any(m => m.Groups[1].Value.StartsWith("customer.bills", StringComparison.Ordinal));

    public static string Render(string text, Customer customer, IReadOnlyList<BillView> bills, Language language)
    {
        var bill = bills.Count > 0 ? bills[0] : null;
        return Tag().Replace(text, m => m.Groups[1].Value switch
        {
            "customer.name" => customer.Name,
            "customer.bills" => Lines(bills, b => b.Url),
            "customer.bills.amount_url" => Lines(bills, b => $"{Amount(b, language)} — {b.Url}"),
            "customer.bills.amount_subject_url" => Lines(bills, b => $"{Amount(b, language)}{SubjectsPart(b)} — {b.Url}"),
            "bill.url" => bill?.Url ?? "",
            "bill.amount" => bill is null ? "" : Amount(bill, language),
            "bill.type" => bill is null ? "" : TypeName(bill.Invoice.Calculation, language),
            "bill.begin_date" => bill is null ? "" : Date(bill.Invoice.PeriodStart, language),
            "bill.end_date" => bill is null ? "" : Date(bill.Invoice.PeriodEnd, language),
            "bill.amount_url" => bill is null ? "" : $"{Amount(bill, language)} — {bill.Url}",
            "bill.amount_subjects_url" => bill is null ? "" : $"{Amount(bill, language)}{SubjectsPart(bill)} — {bill.Url}",
            // Only a template saved before a tag rule tightened can hold one: its text is sent as written rather than failing the run.
            _ => m.Value,
        });
    }

    public static string Date(DateOnly day, Language language) => day.ToString("d MMMM yyyy", Core.Money.MoneyFormat.Culture(language));

    public static string TypeName(CalculationType type, Language language) => (language, type) switch
    {
        (Language.Ru, CalculationType.Forecast) => "по прогнозу оплаты",
        (Language.Ru, CalculationType.Subscription) => "по стоимости абонемента",
        (Language.Ru, _) => "вручную",
        (Language.Uk, CalculationType.Forecast) => "за прогнозом оплати",
        (Language.Uk, CalculationType.Subscription) => "за вартістю абонемента",
        (Language.Uk, _) => "вручну",
        (_, CalculationType.Forecast) => "payment forecast",
        (_, CalculationType.Subscription) => "pass price",
        _ => "manual",
    };

    private static string Amount(BillView b, Language language) => Core.Money.MoneyFormat.Format(b.Invoice.Amount, b.Invoice.Currency, language);

    private static string SubjectsPart(BillView b) => b.Invoice.Subjects.Count == 0 ? "" : $" ({string.Join(", ", b.Invoice.Subjects)})";

    private static string Lines(IReadOnlyList<BillView> bills, Func<BillView, string> line)
    {
        var sb = new StringBuilder();
        foreach (var b in bills) sb.Append(sb.Length == 0 ? "" : "\n").Append(line(b));
        return sb.ToString();
    }
}
