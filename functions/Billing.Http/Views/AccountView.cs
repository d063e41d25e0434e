using Billing.Core.Accounts;

namespace Billing.Http.Views;

public sealed record MoneyView(long Amount, string Currency, string Display)
{
    public static MoneyView Of(long minor, string currency) => new(minor, currency, new Core.Money.Money(minor, currency).ToString());
}

/// <summary>The account as the API shows it: settings and state, not the charging counters.</summary>
public sealed record AccountView(string Id, string Name, AccountState State, string Currency, string TimeZone, string Country,
    Language Language, BillingMode BillingMode, string PlanId, IReadOnlyList<string> AddOns, string? OwnerEmail,
    DateTimeOffset CreatedAt, DateOnly? ActivatedOn, DateTimeOffset? LastLoginAt, MoneyView Balance, int ReportedSeats,
    DateOnly? LastChargedDay, DateOnly? LastPostpaidMonth, MoneyView Held, bool MayWorkWithoutBalance, bool InvoicesFromExternalSystem,
    DateOnly? LastPlanChangeOn, string? PendingPlanChange, Core.Restrictions.RestrictionPolicy RestrictionPolicy,
    Core.Restrictions.RestrictionLevel RecordedLevel, IReadOnlyList<string> AdminEmails, DateTimeOffset? PromiseUntil, DateOnly? DeletionDate, DateOnly? DeletedOn,
    LowBalanceView LowBalance)
{
    public static AccountView Of(Account a) => new(a.Id, a.Name, a.State, a.Currency, a.TimeZone, a.Country, a.Language, a.BillingMode,
        a.PlanId, a.AddOns, a.OwnerEmail, a.CreatedAt, a.ActivatedOn, a.LastLoginAt, MoneyView.Of(a.Balance, a.Currency), a.Charging.ReportedSeats,
        a.Charging.LastChargedDay, a.Charging.LastPostpaidMonth, MoneyView.Of(a.PlanChange.Held, a.Currency), a.MayWorkWithoutBalance,
        a.InvoicesFromExternalSystem, a.PlanChange.LastChangeOn, a.PlanChange.PendingInvoiceId, a.Restrictions.Policy, a.Restrictions.RecordedLevel,
        a.AdminEmails, a.Restrictions.PromiseUntil, a.Deletion.Date, a.Deletion.DeletedOn, new LowBalanceView(a.LowBalance.ThresholdDays));
}

/// <summary>A6 setting as it is written: <c>{days}</c> of runway that alert the admins (7 unless set; 0 = off).</summary>
public sealed record LowBalanceView(int Days);
