using System.Globalization;
using Billing.Core.Charging;

namespace Billing.Core.Tests;

/// <summary>C3: the key that makes a second charge of a period collide is the same on any host, whatever its culture.</summary>
public sealed class ChargedPeriodRules
{
    [Theory]
    [InlineData("th-TH")] // Buddhist calendar: 2569
    [InlineData("ar-SA")] // Hijri calendar
    [InlineData("fa-IR")] // Persian calendar
    [InlineData("en-US")]
    public void C3_C4_a_charged_periods_key_and_reference_do_not_follow_the_hosts_culture(string culture)
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(("charge-2026-11-02", "charge:2026-11-02"), (ChargedPeriod.Day(new DateOnly(2026, 11, 2)).Key, ChargedPeriod.Day(new DateOnly(2026, 11, 2)).Reference));
            Assert.Equal(("postpaid-2026-10", "charge:2026-10"), (ChargedPeriod.Month(new DateOnly(2026, 10, 1)).Key, ChargedPeriod.Month(new DateOnly(2026, 10, 1)).Reference));
        }
        finally { CultureInfo.CurrentCulture = before; }
    }
}
