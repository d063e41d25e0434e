using Billing.Core.Accounts;
using Billing.Core.Charging;
using Billing.Core.Deletion;
using Billing.Core.PlanChange;
using Billing.Core.Restrictions;
using Billing.Core.Runways;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>
/// The account head: RowKey <c>account</c>. Its features' sub-records are stored flat, under the column names the head
/// has had since the first release (no data migration).
/// </summary>
public sealed class AccountRows : RowMapper<Account>
{
    public const string RowKey = "account";

    public override string Key(Account row) => RowKey;

    protected override void Write(Account a, Columns c)
    {
        c.Text("Id", a.Id); c.Text("Name", a.Name); c.Enum("State", a.State); c.Text("Currency", a.Currency); c.Text("TimeZone", a.TimeZone);
        c.Text("Country", a.Country); c.Enum("Language", a.Language); c.Enum("BillingMode", a.BillingMode); c.Text("PlanId", a.PlanId);
        c.Nested("AddOns", a.AddOns); c.Text("OwnerEmail", a.OwnerEmail); c.Nested("AdminEmails", a.AdminEmails); c.Int("Shard", a.Shard);
        c.Time("CreatedAt", a.CreatedAt); c.Day("ActivatedOn", a.ActivatedOn); c.Time("LastLoginAt", a.LastLoginAt);
        c.Bool("MayWorkWithoutBalance", a.MayWorkWithoutBalance); c.Bool("InvoicesFromExternalSystem", a.InvoicesFromExternalSystem);
        c.Long("Balance", a.Balance); c.Long("LedgerSeq", a.LedgerSeq); c.Long("InvoiceSeq", a.InvoiceSeq); c.Long("CustomerInvoiceSeq", a.CustomerInvoiceSeq);

        var charging = a.Charging;
        c.Int("ReportedSeats", charging.ReportedSeats); c.Int("KnownSeats", charging.KnownSeats); c.Long("ChargeCarry", charging.Carry);
        c.Day("LastChargedDay", charging.LastChargedDay); c.Day("LastPostpaidMonth", charging.LastPostpaidMonth);
        // A6 columns are written only once they hold something: a head stored before them writes back unchanged.
        c.Nested("UsageCosts", charging.UsageCosts.Count == 0 ? null : charging.UsageCosts);
        c.Day("InputsSince", charging.InputsSince);

        var plan = a.PlanChange;
        c.Long("Held", plan.Held); c.Day("LastPlanChangeOn", plan.LastChangeOn); c.Text("PendingPlanChange", plan.PendingInvoiceId);

        var r = a.Restrictions;
        c.Enum("RestrictionPolicy", r.Policy); c.Day("NegativeSince", r.NegativeSince); c.Time("PromiseUntil", r.PromiseUntil);
        c.Time("LastPromiseAt", r.LastPromiseAt); c.Enum("RecordedLevel", r.RecordedLevel); c.Long("RestrictionChanges", r.Changes);

        var d = a.Deletion;
        c.Day("DeletionDate", d.Date); c.Day("DeletedOn", d.DeletedOn); c.Int("DeletionRound", d.Round > 0 ? d.Round : null);
        // Stored as the notices sent for the date: "scheduled", then each reminder's days-before ("3", "1").
        c.Nested("DeletionNotices", d.Date is null ? [] : d.RemindersSent.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Prepend(ScheduledNotice).ToList());
        c.Nested("UnpaidInvoices", a.UnpaidInvoices);

        var low = a.LowBalance;
        c.Int("LowBalanceDays", low.Days); c.Day("LowBalanceAlertedOn", low.AlertedOn); c.Long("LowBalanceAlerts", low.Alerts > 0 ? low.Alerts : null);
    }

    private const string ScheduledNotice = "scheduled";

    protected override Account Read(Columns c) => new()
    {
        Id = c.Text("Id"), Name = c.Text("Name"), State = c.Choice<AccountState>("State"), Currency = c.Text("Currency"), TimeZone = c.Text("TimeZone"),
        Country = c.Text("Country"), Language = c.Choice<Language>("Language"), BillingMode = c.Choice<BillingMode>("BillingMode"), PlanId = c.Text("PlanId"),
        AddOns = c.Json<List<string>>("AddOns", []), OwnerEmail = c.TextOrNull("OwnerEmail"), AdminEmails = c.Json<List<string>>("AdminEmails", []),
        Shard = c.Int("Shard"), CreatedAt = c.TimeOrNull("CreatedAt") ?? default, ActivatedOn = c.DayOrNull("ActivatedOn"), LastLoginAt = c.TimeOrNull("LastLoginAt"),
        MayWorkWithoutBalance = c.Flag("MayWorkWithoutBalance"), InvoicesFromExternalSystem = c.Flag("InvoicesFromExternalSystem"),
        Balance = c.Long("Balance"), LedgerSeq = c.Long("LedgerSeq"), InvoiceSeq = c.Long("InvoiceSeq"), CustomerInvoiceSeq = c.Long("CustomerInvoiceSeq"),
        Charging = new ChargingState
        {
            ReportedSeats = c.IntOrNull("ReportedSeats") ?? 1, KnownSeats = c.Int("KnownSeats"), Carry = c.Long("ChargeCarry"),
            LastChargedDay = c.DayOrNull("LastChargedDay"), LastPostpaidMonth = c.DayOrNull("LastPostpaidMonth"),
            UsageCosts = c.Json<List<long>>("UsageCosts", []), InputsSince = c.DayOrNull("InputsSince"),
        },
        PlanChange = new PlanChangeState { Held = c.Long("Held"), LastChangeOn = c.DayOrNull("LastPlanChangeOn"), PendingInvoiceId = c.TextOrNull("PendingPlanChange") },
        Restrictions = new RestrictionState
        {
            Policy = c.Choice<RestrictionPolicy>("RestrictionPolicy"), NegativeSince = c.DayOrNull("NegativeSince"), PromiseUntil = c.TimeOrNull("PromiseUntil"),
            LastPromiseAt = c.TimeOrNull("LastPromiseAt"), RecordedLevel = c.Choice<RestrictionLevel>("RecordedLevel"), Changes = c.Long("RestrictionChanges"),
        },
        Deletion = new DeletionState
        {
            Round = c.Int("DeletionRound"), Date = c.DayOrNull("DeletionDate"), DeletedOn = c.DayOrNull("DeletedOn"),
            RemindersSent = [.. c.Json<List<string>>("DeletionNotices", []).Where(n => n != ScheduledNotice)
                .Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))],
        },
        UnpaidInvoices = c.Json<List<string>?>("UnpaidInvoices", null),
        LowBalance = new LowBalanceState
        {
            Days = c.IntOrNull("LowBalanceDays"), AlertedOn = c.DayOrNull("LowBalanceAlertedOn"), Alerts = c.Long("LowBalanceAlerts"),
        },
    };
}

/// <summary>An account creation's Idempotency-Key claim, in the <c>_accounts</c> partition: RowKey <c>claim-{hash of the key}</c>.</summary>
public sealed class AccountCreationClaimRows : RowMapper<AccountCreationClaim>
{
    public override string Key(AccountCreationClaim row) => "claim-" + RowKeys.Hash(row.Key);
    public override string Key(RowRef<AccountCreationClaim> row) => "claim-" + RowKeys.Hash((string)row.Id);

    protected override void Write(AccountCreationClaim x, Columns c)
    {
        c.Text("Key", x.Key); c.Text("AccountId", x.AccountId); c.Text("RequestHash", x.RequestHash); c.Time("At", x.At);
    }

    protected override AccountCreationClaim Read(Columns c) => new(c.Text("Key"), c.Text("AccountId"), c.Text("RequestHash"), c.Time("At"));
}
