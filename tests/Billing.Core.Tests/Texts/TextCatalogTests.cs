using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Billing.Core.Accounts;
using Billing.Core.Texts;

namespace Billing.Core.Tests.Texts;

public sealed partial class TextCatalogTests
{
    private static readonly ResourceManager Resources = new("Billing.Core.Texts.TextResources", typeof(TextResources).Assembly);

    private static Dictionary<string, string> Set(string culture) =>
        Resources.GetResourceSet(culture == "" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture), true, tryParents: false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static IEnumerable<string> Keys() => typeof(TextKeys).GetNestedTypes().SelectMany(Constants);

    private static IEnumerable<string> Constants(Type t) =>
        t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Concat(t.GetNestedTypes().SelectMany(Constants));

    [Theory]
    [InlineData(""), InlineData("ru"), InlineData("uk")]
    public void G1_every_key_is_in_every_language_and_nothing_else_is(string culture)
    {
        var set = Set(culture);
        Assert.Equal([], Keys().Where(k => !set.ContainsKey(k)).ToArray());
        Assert.Equal([], set.Keys.Except(Keys()).ToArray());
    }

    [Fact]
    public void G1_every_language_fills_the_same_placeholders()
    {
        var en = Set("");
        foreach (var culture in new[] { "ru", "uk" })
            foreach (var (key, text) in Set(culture))
                Assert.True(Placeholders(en[key]).SetEquals(Placeholders(text)), $"{culture} '{key}': {text} vs {en[key]}");
    }

    [Fact]
    public void G1_a_text_is_read_in_the_language_asked_for_with_its_culture()
    {
        var day = new DateOnly(2026, 11, 28);
        Assert.Equal("Daily charge for 28 November 2026: 87.66 UAH", Text.Get(Language.En, TextKeys.Ledger.DailyCharge, Text.Date(Language.En, day), "87.66 UAH"));
        Assert.Equal("Списання за 28 листопада 2026: 87,66 UAH", Text.Get(Language.Uk, TextKeys.Ledger.DailyCharge, Text.Date(Language.Uk, day), "87,66 UAH"));
        Assert.Equal("Списание за 28 ноября 2026: 87,66 UAH", Text.Get(Language.Ru, TextKeys.Ledger.DailyCharge, Text.Date(Language.Ru, day), "87,66 UAH"));
        Assert.Equal("листопад 2026", Text.Month(Language.Uk, day));
    }

    [Fact]
    public void G1_an_unknown_key_is_an_error_not_a_silent_english_text()
    {
        Assert.Throws<KeyNotFoundException>(() => Text.Get(Language.Uk, "No.Such.Key"));
        Assert.False(Text.Has("No.Such.Key"));
        Assert.True(Text.Has(TextKeys.Ledger.DailyCharge));
    }

    [Theory]
    [InlineData("uk-UA,uk;q=0.9,en;q=0.8", Language.Uk), InlineData("de-DE, ru;q=0.5", Language.Ru), InlineData("fr", null), InlineData(null, null),
     InlineData("en;q=0.2, uk;q=0.7", Language.Uk), InlineData("ru;q=0", null)]
    public void G1_accept_language_picks_the_best_known_language(string? header, Language? expected) =>
        Assert.Equal(expected, Text.FromAcceptLanguage(header));

    private static HashSet<string> Placeholders(string s) => [.. Holes().Matches(s).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Holes();
}
