using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Texts;
using HandlebarsDotNet;

namespace Billing.Infrastructure.Email;

/// <summary>
/// Our own email templates (G1): Handlebars texts in the text catalog (<c>Email.{template}.Subject</c> and <c>.Body</c>,
/// in the account's language). Helpers format money for the currency and culture, days and moments for the language,
/// "from Saturday" with the weekday in its grammatical case, and restriction levels by name.
/// </summary>
public sealed partial class HandlebarsEmailRenderer : IEmailRenderer
{
    private readonly ConcurrentDictionary<(string, Language), (HandlebarsTemplate<object, object> Subject, HandlebarsTemplate<object, object> Body)> _compiled = new();
    // One Handlebars environment per language, its helpers bound to that language.
    private readonly ConcurrentDictionary<Language, IHandlebars> _environments = new();

    private static IHandlebars Environment(Language language)
    {
        var hb = Handlebars.Create();
        hb.RegisterHelper("money", (_, args) => Core.Money.MoneyFormat.Format(Long(args[0]), Arg(args, 1), language));
        hb.RegisterHelper("date", (_, args) => Text.Date(language, Day(args[0])));
        hb.RegisterHelper("fromDate", (_, args) => Text.FromDay(language, Day(args[0])));
        hb.RegisterHelper("dateTime", (context, args) =>
            Text.DateTime(language, DateTimeOffset.Parse(Arg(args, 0), CultureInfo.InvariantCulture), Field(context, "timeZone") ?? "UTC"));
        hb.RegisterHelper("positive", (_, args) => Long(args[0]) > 0);
        hb.RegisterHelper("eq", (_, args) => string.Equals(Arg(args, 0), Arg(args, 1), StringComparison.Ordinal));
        hb.RegisterHelper("levelName", (_, args) => Text.Get(language, TextKeys.Level.Of(Arg(args, 0))));
        return hb;
    }

    private static string Arg(Arguments args, int i) => args.Length > i ? args[i]?.ToString() ?? "" : "";

    private static long Long(object? value) => long.TryParse(value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private static DateOnly Day(object? value) => DateOnly.ParseExact(value?.ToString() ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Field(Context context, string name) =>
        context.Value is IDictionary<string, object> model && model.TryGetValue(name, out var v) ? v?.ToString() : null;

    public (string Subject, string Html, string Text) Render(NoticeType template, Language language, IReadOnlyDictionary<string, string> data)
    {
        var (subject, body) = _compiled.GetOrAdd((Core.Json.Names.Of(template), language), key => Compile(key.Item1, key.Item2));
        var model = data.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        var html = body(model);
        return (WebDecode(subject(model)).Trim(), html, WebDecode(Tags().Replace(Paragraphs().Replace(html, "\n\n"), "")).Trim());
    }

    private (HandlebarsTemplate<object, object>, HandlebarsTemplate<object, object>) Compile(string template, Language language)
    {
        var hb = _environments.GetOrAdd(language, Environment);
        return (hb.Compile(Text.Get(language, TextKeys.Email.Subject(template))), hb.Compile(Text.Get(language, TextKeys.Email.Body(template))));
    }

    private static string WebDecode(string s) => System.Net.WebUtility.HtmlDecode(s);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("</p>\\s*")]
    private static partial Regex Paragraphs();
}
