using Billing.Core.Accounts;
using Billing.Core.Texts;
using Microsoft.AspNetCore.Components;

namespace Billing.Http.Web;

/// <summary>The base of every page component: its <see cref="PageContext"/> and the text catalog in the person's language.</summary>
public abstract class WebComponent : ComponentBase
{
    [Parameter, EditorRequired] public PageContext Page { get; set; } = null!;

    protected Language Language => Page.Language;

    protected string T(string key, params object?[] args) => Text.Get(Page.Language, key, args);

    protected string Money(long minor, string currency) => Core.Money.MoneyFormat.Format(minor, currency, Page.Language);

    protected string Date(DateOnly day) => Text.Date(Page.Language, day);

    protected static string Lang(Language language) => Core.Json.Names.Of(language);
}
