using System.Globalization;
using System.Text;
using Billing.Core.Accounts;
using Billing.Core.Ledger;
using Billing.Core.Texts;
using Billing.Core.Time;
using K = Billing.Core.Texts.TextKeys.PortalAccount.History;

namespace Billing.Http.Portal.Account;

/// <summary>
/// The history as a CSV file (A4, P1), one line per row (RFC 4180: commas, CRLF, quoted when needed), UTF-8 with a byte
/// order mark so spreadsheets read Cyrillic right. Columns: operation no., row type, time (in the account's zone, named in
/// the header), operation, description, quantity, unit price, amount, currency, balance after, payment reference. Each
/// operation is a row of type "operation"; its breakdown lines follow as rows of type "breakdown line" with the same
/// operation no., time and operation, their quantity and unit price, and no balance: sum the amounts of one row type only.
/// Amounts are decimal numbers in major units with '.' (the currency has its own column). The header and the words are in
/// the person's language. A cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a line break)
/// gets a leading single quote (CSV injection), unless it is a plain number such as -1234.50.
/// </summary>
public sealed partial class HistoryCsv(Language language, string timeZone)
{
    public const string NewLine = "\r\n";
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private readonly TimeZoneInfo _zone = LocalCalendar.Zone(timeZone);

    public string Header() => Line(
        T(K.CsvEntry), T(K.CsvRow), T(K.CsvTime, timeZone), T(K.Kind), T(K.Description), T(K.Quantity), T(K.UnitPrice), T(K.Amount),
        T(K.CsvCurrency), T(K.BalanceAfter), T(K.CsvReference));

    /// <summary>The operation's row, then a row per breakdown line.</summary>
    public IEnumerable<string> Rows(LedgerEntry e)
    {
        var seq = e.Seq.ToString(CultureInfo.InvariantCulture);
        var time = TimeZoneInfo.ConvertTime(e.Time, _zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var kind = T(K.KindOf(Core.Json.Names.Of(e.Kind)));
        yield return Line(seq, T(K.CsvRowEntry), time, kind, e.Description, "", "", Amount(e.Amount, e.Currency), e.Currency,
            Amount(e.BalanceAfter, e.Currency), e.PaymentReference ?? "");
        foreach (var l in e.Lines)
            yield return Line(seq, T(K.CsvRowLine), time, kind, l.Description, l.Quantity.ToString(CultureInfo.InvariantCulture),
                Amount(l.UnitPrice, e.Currency), Amount(l.Amount, e.Currency), e.Currency, "", "");
    }

    /// <summary>The last row of a file cut at <paramref name="max"/> operations: says so where a person reads.</summary>
    public string Truncated(int max) => Line("", "", "", "", T(K.CsvTruncated, max), "", "", "", "", "", "");

    /// <summary>Minor units as a decimal number in major units: -1234.50 (the currency's own number of decimals).</summary>
    public static string Amount(long minor, string currency)
    {
        var digits = Core.Money.Currency.TryGet(currency, out var c) ? c.MinorDigits : 2;
        var value = minor / (decimal)Math.Pow(10, digits);
        return value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>One cell: neutralised when it would start a formula, quoted when it holds a comma, quote or line break.</summary>
    public static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' && !PlainNumber().IsMatch(text)) text = "'" + text;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?\z")]
    private static partial System.Text.RegularExpressions.Regex PlainNumber();

    private static string Line(params string[] cells) => string.Join(',', cells.Select(Cell)) + NewLine;

    private string T(string key, params object?[] args) => Text.Get(language, key, args);
}
