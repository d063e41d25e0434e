using Billing.Core.Catalog;

namespace Billing.Core.TopUps;

public sealed record BonusQuote(long Amount, long Bonus, int Percent, long PlanMonthlyPrice, int FullMonthsCovered);

/// <summary>
/// Prepayment bonus (B3): the best rule whose "at least N months of the current plan" the amount reaches.
/// The month price is the plan's tier for the seats in use now.
/// </summary>
public static class BonusCalculator
{
    public static BonusQuote Quote(long amount, long planMonthlyPrice, IEnumerable<PrepaymentBonus> rules)
    {
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount));
        var months = planMonthlyPrice > 0 ? (int)Math.Min(amount / planMonthlyPrice, int.MaxValue) : 0;
        var best = rules.Where(r => planMonthlyPrice > 0 && amount / r.MinMonths >= planMonthlyPrice)
            .OrderByDescending(r => r.Percent).FirstOrDefault();
        var percent = best?.Percent ?? 0;
        // Int128: amount × percent cannot overflow even at long.MaxValue.
        var bonus = (long)((Int128)amount * percent / 100);
        return new BonusQuote(amount, bonus, percent, planMonthlyPrice, months);
    }
}
