using System.Text;

namespace Billing.Core.Accounts;

/// <summary>
/// What the operators' account search (P2) matches an account by: its id, each word of its name and the whole name, and
/// each email (owner's and admins') whole, before the <c>@</c> and after it. A query matches an account when one of these
/// starts with it: a word or an email prefix, not any substring (a substring index would need every n-gram of every name).
/// Lower case, letters and digits (any script) plus the characters emails hold; nothing a row key refuses.
/// </summary>
public static class SearchTokens
{
    public const int MaxTokenLength = 100;
    public const int MaxTokens = 40;
    public const int MaxQueryLength = 100;

    public static IReadOnlyList<string> Of(Account a)
    {
        var tokens = new SortedSet<string>(StringComparer.Ordinal) { a.Id };
        var words = Words(a.Name);
        tokens.UnionWith(words);
        if (words.Count > 1) tokens.Add(string.Join(' ', words));
        foreach (var email in new[] { a.OwnerEmail }.Concat(a.AdminEmails).Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            var e = Clean(email!, emailChars: true);
            if (e.Length == 0) continue;
            tokens.Add(e);
            var at = e.IndexOf('@');
            if (at > 0) tokens.Add(e[..at]);
            if (at >= 0 && at < e.Length - 1) tokens.Add(e[(at + 1)..]);
        }
        return tokens.Where(t => t.Length > 0).Select(t => t.Length > MaxTokenLength ? t[..MaxTokenLength] : t).Distinct().Take(MaxTokens).ToList();
    }

    /// <summary>The query as tokens are written (lower case, single spaces, only their characters), or 400 <c>query_invalid</c>.</summary>
    public static string Query(string? raw)
    {
        var q = string.Join(' ', Words(raw ?? "", emailChars: true));
        if (q.Length == 0 || (raw?.Length ?? 0) > MaxQueryLength)
            throw BillingException.Invalid("query_invalid", $"'q' must hold 1 to {MaxQueryLength} characters: letters, digits or those of an email.",
                new Dictionary<string, string[]> { ["q"] = ["A name, an email or the start of an account id."] });
        return q.Length > MaxTokenLength ? q[..MaxTokenLength] : q;
    }

    private static List<string> Words(string text, bool emailChars = false) =>
        Clean(text, emailChars, split: true).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Clean(string text, bool emailChars, bool split = false)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
            sb.Append(char.IsLetterOrDigit(c) || emailChars && c is '@' or '.' or '-' or '_' or '+' ? c : split ? ' ' : '\0');
        return sb.ToString().Replace("\0", "");
    }
}
