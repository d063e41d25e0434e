using Billing.Core.CustomerBilling;
using static Billing.Core.Tests.CustomerBilling.CustomerBillingFixtures;

namespace Billing.Core.Tests.CustomerBilling;

public sealed class FilterRules
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData(null, null, 5, true)]
    [InlineData(1L, null, 1, true)]
    [InlineData(1L, null, 0, false)]
    [InlineData(null, 3L, 3, true)]
    [InlineData(null, 3L, 4, false)]
    [InlineData(1L, 3L, 1, true)]
    [InlineData(1L, 3L, 3, true)]
    [InlineData(1L, 3L, 2, true)]
    [InlineData(1L, 3L, 0, false)]
    [InlineData(1L, 3L, 4, false)]
    public void F8_range_bounds_are_optional_and_inclusive(long? from, long? to, long value, bool included) =>
        Assert.Equal(included, new Bounds(from, to).Includes(value));

    [Fact]
    public void F8_a_range_with_from_above_to_is_refused() =>
        Assert.Equal("filter_bounds_invalid", Assert.Throws<BillingException>(() => new CustomerFilter { LessonsLeft = new Bounds(5, 1) }.Validate()).Code);

    [Fact]
    public void F8_lessons_left_bounds_are_checked_on_the_account_passes()
    {
        var c = Customer(passes: [Guitar(lessonsLeft: 2), Piano(lessonsLeft: 9)]);
        Assert.Null(new CustomerFilter { LessonsLeft = new Bounds(1, 3) }.RejectAccount(c, TargetAccount.Base, Today));
        Assert.Equal(SkipReasons.LessonsLeft, new CustomerFilter { LessonsLeft = new Bounds(1, 3) }.RejectAccount(c, new TargetAccount("piano"), Today));
    }

    [Fact]
    public void F8_money_left_bounds_are_checked_on_the_account_money()
    {
        var c = Customer(balance: 10_000, passes: [Guitar(), Piano(moneyLeft: 60_000)]);
        var filter = new CustomerFilter { MoneyLeft = new Bounds(10_000, 50_000) };
        Assert.Null(filter.RejectAccount(c, TargetAccount.Base, Today));
        Assert.Equal(SkipReasons.MoneyLeft, filter.RejectAccount(c, new TargetAccount("piano"), Today));
    }

    [Fact]
    public void F8_status_and_type_filters_pick_customers()
    {
        var c = Customer() with { Status = "lead", Type = CustomerType.Legal };
        Assert.Equal(SkipReasons.Status, new CustomerFilter { Statuses = ["active"] }.RejectCustomer(c));
        Assert.Null(new CustomerFilter { Statuses = ["Lead"] }.RejectCustomer(c));
        Assert.Equal(SkipReasons.Type, new CustomerFilter { Types = [CustomerType.Individual] }.RejectCustomer(c));
        Assert.Null(new CustomerFilter { Types = [CustomerType.Legal] }.RejectCustomer(c));
    }

    [Fact]
    public void F8_subject_and_lesson_type_filters_need_a_matching_pass()
    {
        var c = Customer();
        Assert.Equal(SkipReasons.Subject, new CustomerFilter { Subject = "piano" }.RejectAccount(c, TargetAccount.Base, Today));
        Assert.Null(new CustomerFilter { Subject = "piano" }.RejectAccount(c, new TargetAccount("piano"), Today));
        Assert.Equal(SkipReasons.LessonType, new CustomerFilter { LessonType = "group" }.RejectAccount(c, TargetAccount.Base, Today));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(29, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(-1, false)]
    public void F8_attended_in_last_30_days_looks_back_from_the_run_day_and_includes_day_30(int daysAgo, bool included)
    {
        var c = Customer(lessons: [new Lesson(Today.AddDays(-daysAgo), "guitar", true)]);
        var reason = new CustomerFilter { AttendedInLast30Days = true }.RejectAccount(c, TargetAccount.Base, Today);
        Assert.Equal(included, reason is null);
    }

    [Fact]
    public void F8_has_lesson_today_needs_a_lesson_on_the_run_day()
    {
        var filter = new CustomerFilter { HasLessonToday = true };
        Assert.Null(filter.RejectAccount(Customer(lessons: [new Lesson(Today, "guitar", false)]), TargetAccount.Base, Today));
        Assert.Equal(SkipReasons.NoLessonToday, filter.RejectAccount(Customer(lessons: [new Lesson(Today.AddDays(1), "guitar", false)]), TargetAccount.Base, Today));
    }
}
