using System.Globalization;
using Billing.Core.Accounts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Billing.Core.Texts;

/// <summary>The resource files of the text catalog: <c>TextResources.resx</c> (en), <c>.ru.resx</c>, <c>.uk.resx</c>.</summary>
public sealed class TextResources;

/// <summary>
/// The one text catalog (G1): every text a person reads (ledger and invoice descriptions, breakdown labels, emails,
/// pages, problem details) comes from the resource files beside this class, read through <see cref="IStringLocalizer"/>
/// (the .NET convention) in the language asked for. Keys are the constants of <see cref="TextKeys"/>; a test holds
/// every key in every language with the same placeholders.
/// </summary>
public static class Text
{
    // The factory caches resource sets per culture; one localizer serves every language because the culture is chosen
    // per call (below), not taken from the thread.
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "" }), NullLoggerFactory.Instance).Create(typeof(TextResources));

    public static CultureInfo Culture(Language language) => Money.MoneyFormat.Culture(language);

    /// <summary>A day as people write it: "28 November 2026", "28 ноября 2026", "28 листопада 2026".</summary>
    public static string Date(Language language, DateOnly day) => day.ToString("d MMMM yyyy", Culture(language));

    /// <summary>"From Saturday, 28 November 2026" / "З суботи, 28 листопада 2026": where a change takes effect.</summary>
    public static string FromDay(Language language, DateOnly day) => Get(language, TextKeys.Date.From(day.DayOfWeek), Date(language, day));

    /// <summary>A moment in the account's time zone: "28 November 2026, 14:05".</summary>
    public static string DateTime(Language language, DateTimeOffset at, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(at, Time.LocalCalendar.Zone(timeZone));
        return local.ToString("d MMMM yyyy, HH:mm", Culture(language));
    }

    /// <summary>A month as people write it: "November 2026", "ноябрь 2026" (LLLL: the nominative form).</summary>
    public static string Month(Language language, DateOnly anyDayOfIt) =>
        Culture(language).DateTimeFormat.MonthNames[anyDayOfIt.Month - 1] + " " + anyDayOfIt.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>, its {0}… placeholders formatted in that language's culture.</summary>
    public static string Get(Language language, string key, params object?[] args)
    {
        var culture = Culture(language);
        var template = Lookup(culture, key);
        return args.Length == 0 ? template : string.Format(culture, template, args);
    }

    /// <summary>Whether the catalog has <paramref name="key"/> (problem details fall back to their English detail when not).</summary>
    public static bool Has(string key) => !Find(CultureInfo.InvariantCulture, key).ResourceNotFound;

    private static string Lookup(CultureInfo culture, string key) =>
        Find(culture, key) is { ResourceNotFound: false } s ? s.Value : throw new KeyNotFoundException($"The text catalog has no '{key}'.");

    private static LocalizedString Find(CultureInfo culture, string key)
    {
        // ResourceManagerStringLocalizer reads CurrentUICulture; set it for this lookup only (it flows per async context,
        // and is restored before anything awaits).
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return Localizer[key];
        }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    /// <summary>The language a request asks for by <c>Accept-Language</c> (first of en, ru, uk by weight), if any.</summary>
    public static Language? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var best = header.Split(',').Select(part =>
            {
                var bits = part.Split(';');
                var q = bits.Skip(1).Select(b => b.Trim()).FirstOrDefault(b => b.StartsWith("q=", StringComparison.Ordinal)) is { } qs
                    && double.TryParse(qs[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) ? w : 1.0;
                var tag = bits[0].Trim().ToLowerInvariant();
                var lang = tag.Split('-')[0] switch { "en" => Language.En, "ru" => Language.Ru, "uk" => Language.Uk, _ => (Language?)null };
                return (lang, q);
            })
            .Where(x => x.lang is not null && x.q > 0).OrderByDescending(x => x.q).FirstOrDefault();
        return best.lang;
    }
}
