using Billing.Core.CustomerBilling;

namespace Billing.Core.Tests.CustomerBilling;

/// <summary>A customer with a base-account pass (guitar, 4 lessons for 1000.00) and a separate-account pass (piano).</summary>
internal static class CustomerBillingFixtures
{
    public static Pass Guitar(int lessonsLeft = 0) => new()
    {
        Id = "guitar", Name = "Guitar 4", Subject = "guitar", LessonType = "individual", Price = 100_000, LessonsPerPeriod = 4, LessonsLeft = lessonsLeft,
    };

    public static Pass Piano(long moneyLeft = 0, int lessonsLeft = 0) => new()
    {
        Id = "piano", Name = "Piano 8", Subject = "piano", LessonType = "group", Price = 120_000, LessonsPerPeriod = 8, SeparateAccount = true,
        MoneyLeft = moneyLeft, LessonsLeft = lessonsLeft,
    };

    public static Customer Customer(long balance = 0, IReadOnlyList<Pass>? passes = null, IReadOnlyList<Lesson>? lessons = null) => new()
    {
        Id = "cus_1", Name = "Olena", Status = "active", Email = "olena@example.com", Balance = balance,
        Passes = passes ?? [Guitar(), Piano()], Lessons = lessons ?? [], CreatedAt = DateTimeOffset.UnixEpoch,
    };

    public static IReadOnlyList<Lesson> Weekly(string passId, DateOnly from, int count, bool attended = false) =>
        Enumerable.Range(0, count).Select(i => new Lesson(from.AddDays(7 * i), passId, attended)).ToList();
}
