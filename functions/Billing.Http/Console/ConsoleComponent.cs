using System.Globalization;
using Billing.Http.Web;

namespace Billing.Http.Console;

/// <summary>
/// The base of the console's pages (P2): the portal's helpers, and what operators read across accounts: times in UTC (an
/// operator compares events of accounts in many zones), enum values by their catalog name, and each form's one-time value.
/// </summary>
public abstract class ConsoleComponent : WebComponent
{
    /// <summary>A moment as operators compare them: UTC, to the minute.</summary>
    protected static string At(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>A day as the API writes it (<c>2026-12-23</c>), for <c>data-*</c> attributes.</summary>
    protected static string? IsoDay(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A value's wire name (<c>awaiting_payment</c>): what tests and scripts read from <c>data-*</c> attributes.</summary>
    protected static string Wire<TEnum>(TEnum value) where TEnum : struct, Enum => Core.Json.Names.Of(value);

    /// <summary>A value's name in the operator's language: the catalog key <c>Console.{group}.{wire name}</c>.</summary>
    protected string Named<TEnum>(string group, TEnum value) where TEnum : struct, Enum => T($"Console.{group}.{Wire(value)}");

    /// <summary>A fresh one-time value for a form that changes an account (<see cref="ConsoleForms"/>).</summary>
    protected static string Once() => ConsoleForms.NewOnce();
}
