namespace Billing.Core.Validation;

/// <summary>
/// Texts shown to people (names, descriptions, company details, templates, reasons) hold no control characters and no
/// bidirectional overrides or isolates (S2): those can hide or reorder what a payer reads (a "Trojan Source" amount or
/// name) and break emails and pages. Newline and tab are allowed only in multi-line texts (template bodies).
/// </summary>
public static class PlainText
{
    public const string Rule = "Control characters and bidirectional overrides (U+202A–U+202E, U+2066–U+2069) are not allowed.";

    public static bool IsAllowed(char c, bool multiLine) =>
        !(char.IsControl(c) && !(multiLine && c is '\n' or '\r' or '\t'))
        && c is not (>= '\u202A' and <= '\u202E') and not (>= '\u2066' and <= '\u2069');

    public static bool IsClean(string text, bool multiLine = false)
    {
        foreach (var c in text)
            if (!IsAllowed(c, multiLine)) return false;
        return true;
    }

    /// <summary>The text, or 400 <c>text_invalid</c> naming <paramref name="field"/>.</summary>
    public static string Require(string text, string field, bool multiLine = false) =>
        IsClean(text, multiLine) ? text : throw Invalid(field);

    public static BillingException Invalid(string field) =>
        BillingException.Invalid("text_invalid", $"'{field}' holds a character that is not allowed. {Rule}",
            new Dictionary<string, string[]> { [field] = [Rule] });
}
