using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Billing.Core.Accounts;
using Billing.Core.Notifications;
using HandlebarsDotNet;

namespace Billing.Infrastructure.Email;

/// <summary>
/// Our own email templates (G1): one Handlebars file per template and language, embedded in this assembly. The
/// first line is the subject. Helpers format money for the currency and culture and dates for the language.
/// </summary>
public sealed partial class HandlebarsEmailRenderer : IEmailRenderer
{
    private readonly ConcurrentDictionary<(string, Language), (HandlebarsTemplate<object, object> Subject, HandlebarsTemplate<object, object> Body)> _compiled = new();
    // One Handlebars environment per language, its helpers bound to that language's culture.
    private readonly ConcurrentDictionary<Language, IHandlebars> _environments = new();

    private static IHandlebars Environment(Language language)
    {
        var lang = Core.Json.Names.Of(language);
        var culture = Core.Money.MoneyFormat.Culture(language);
        var hb = Handlebars.Create();
        hb.RegisterHelper("money", (_, args) =>
            Core.Money.MoneyFormat.Format(long.Parse(args[0]?.ToString() ?? "0", CultureInfo.InvariantCulture), args[1]?.ToString() ?? "", language));
        hb.RegisterHelper("date", (_, args) =>
            DateOnly.ParseExact(args[0]?.ToString() ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("D", culture));
        hb.RegisterHelper("positive", (_, args) => long.TryParse(args[0]?.ToString(), out var v) && v > 0);
        hb.RegisterHelper("levelName", (_, args) => LevelName(args[0]?.ToString() ?? "", lang));
        return hb;
    }

    private static string LevelName(string level, string language) => (language, level) switch
    {
        ("ru", "none") => "полный", ("ru", "reminder") => "с напоминанием", ("ru", "payment_only") => "только оплата", ("ru", "blocked") => "заблокирован",
        ("uk", "none") => "повний", ("uk", "reminder") => "з нагадуванням", ("uk", "payment_only") => "лише оплата", ("uk", "blocked") => "заблоковано",
        (_, "none") => "full", (_, "reminder") => "reminder", (_, "payment_only") => "payment page only", (_, "blocked") => "blocked",
        _ => level,
    };

    public (string Subject, string Html, string Text) Render(NoticeType template, Language language, IReadOnlyDictionary<string, string> data)
    {
        var (subject, body) = _compiled.GetOrAdd((Core.Json.Names.Of(template), language), key => Compile(key.Item1, key.Item2));
        var model = data.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        var html = body(model);
        return (WebDecode(subject(model)).Trim(), html, WebDecode(Tags().Replace(html, "")).Trim());
    }

    private (HandlebarsTemplate<object, object>, HandlebarsTemplate<object, object>) Compile(string template, Language language)
    {
        var lang = Core.Json.Names.Of(language);
        var name = $"Billing.Infrastructure.Email.Templates.{lang}.{template}.hbs";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No email template {template} in {lang}.");
        var text = new StreamReader(stream).ReadToEnd();
        var newline = text.IndexOf('\n');
        var first = text[..newline].Trim();
        if (!first.StartsWith("subject:", StringComparison.Ordinal)) throw new InvalidDataException($"{name}: the first line must be 'subject: …'.");
        var hb = _environments.GetOrAdd(language, Environment);
        return (hb.Compile(first["subject:".Length..]), hb.Compile(text[(newline + 1)..]));
    }

    private static string WebDecode(string s) => System.Net.WebUtility.HtmlDecode(s);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
