using System.Globalization;
using Billing.Core.Time;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.PortalAccount.History;

namespace Billing.Http.Portal.Account;

/// <summary>
/// The period a person picks on the history page (and for its CSV): whole days in the account's time zone, both ends
/// included, either end optional. As a query it is [start of <see cref="From"/>, start of the day after <see cref="To"/>),
/// which <see cref="Api.LedgerApi.Range"/> turns into the ledger's paged query.
/// </summary>
public sealed record HistoryRange(DateOnly? From, DateOnly? To)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The period the query asks for, or the catalog key of what is wrong with it.</summary>
    public static (HistoryRange Range, string? ErrorKey) Read(HttpRequest req)
    {
        if (!TryDay(req.Query["from"].ToString(), out var from) || !TryDay(req.Query["to"].ToString(), out var to))
            return (new HistoryRange(null, null), K.DateInvalid);
        return from > to ? (new HistoryRange(null, null), K.RangeInvalid) : (new HistoryRange(from, to), null);
    }

    public DateTimeOffset? Start(string timeZone) => From is { } f ? LocalCalendar.StartOf(f, timeZone) : null;

    public DateTimeOffset? End(string timeZone) => To is { } t ? LocalCalendar.StartOf(t.AddDays(1), timeZone) : null;

    /// <summary>The query string that names this period, and a page of it when <paramref name="token"/> is given.</summary>
    public QueryString Query(string? token = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (From is { } f) pairs.Add(new("from", Text(f)));
        if (To is { } t) pairs.Add(new("to", Text(t)));
        if (token is not null) pairs.Add(new("token", token));
        return QueryString.Create(pairs);
    }

    public static string Text(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>An empty value is no bound; any other must be a date (of years a zone's midnight can be computed for).</summary>
    private static bool TryDay(string raw, out DateOnly? day)
    {
        day = null;
        if (raw.Length == 0) return true;
        if (!DateOnly.TryParseExact(raw, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d.Year is < 1970 or > 9998) return false;
        day = d;
        return true;
    }
}
