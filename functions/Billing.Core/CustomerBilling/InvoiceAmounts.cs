namespace Billing.Core.CustomerBilling;

/// <summary>An amount with the lines that explain it, and the passes (names, subjects) it is for.</summary>
public sealed record Calculated(long Amount, IReadOnlyList<AmountLine> Lines, IReadOnlyList<string> Subjects, IReadOnlyList<string> Passes)
{
    /// <summary>An amount the tenant set for an account: it is for that account's passes when the account is a pass's own.</summary>
    public static Calculated Set(long amount, string line, Customer c, TargetAccount target)
    {
        var passes = target.IsBase ? [] : target.PassesOf(c).ToList();
        return new Calculated(amount, [new AmountLine(line, amount)], InvoiceAmounts.Subjects(passes), passes.Select(p => p.Name).ToList());
    }
}

/// <summary>
/// F2: what a forecast or subscription invoice asks for. Forecast: each pass's lessons planned in the period, less
/// the lessons already paid for, priced at price ÷ lessons per period (rounded up to a minor unit), less the money
/// already on the account; never below zero. Subscription: the pass prices.
/// </summary>
public static class InvoiceAmounts
{
    public static Calculated Forecast(Customer c, TargetAccount target, Period period, Func<Pass, bool>? include = null)
    {
        var lines = new List<AmountLine>();
        var passes = target.PassesOf(c).Where(include ?? (_ => true)).ToList();
        long cost = 0;
        foreach (var p in passes)
        {
            var planned = c.Lessons.Count(l => l.PassId == p.Id && period.Contains(l.Date));
            var chargeable = Math.Max(0, planned - p.LessonsLeft);
            var passCost = LessonsCost(p, chargeable);
            cost = checked(cost + passCost);
            lines.Add(new AmountLine(
                $"{p.Name}: {planned} lessons planned {period.Start:yyyy-MM-dd}…{period.End:yyyy-MM-dd}, {Math.Min(planned, p.LessonsLeft)} already paid, " +
                $"{chargeable} × {p.Price}/{p.LessonsPerPeriod}", passCost));
        }
        var onAccount = target.MoneyLeft(c);
        if (onAccount != 0) lines.Add(new AmountLine($"Money on the {target.Describe(c)}", -onAccount));
        var amount = Math.Max(0, checked(cost - onAccount));
        return new Calculated(amount, lines, Subjects(passes), Names(passes));
    }

    public static Calculated Subscription(Customer c, TargetAccount target, Func<Pass, bool>? include = null)
    {
        var passes = target.PassesOf(c).Where(include ?? (_ => true)).ToList();
        var lines = passes.Select(p => new AmountLine($"{p.Name}: pass price", p.Price)).ToList();
        return new Calculated(passes.Aggregate(0L, (sum, p) => checked(sum + p.Price)), lines, Subjects(passes), Names(passes));
    }

    /// <summary>Price of <paramref name="lessons"/> lessons of a pass, rounded up so the tenant is never short a fraction.</summary>
    public static long LessonsCost(Pass p, int lessons)
    {
        if (lessons <= 0) return 0;
        var per = Math.Max(1, p.LessonsPerPeriod);
        var total = checked((Int128)p.Price * lessons);
        return (long)((total + per - 1) / per);
    }

    internal static IReadOnlyList<string> Subjects(IEnumerable<Pass> passes) =>
        passes.Select(p => p.Subject).Where(s => s.Length > 0).Distinct().ToList();

    private static IReadOnlyList<string> Names(IEnumerable<Pass> passes) => passes.Select(p => p.Name).ToList();
}
