using Billing.Core.Accounts;
using Billing.Core.Invoices;
using Billing.Core.Jobs;
using Billing.Core.Ledger;
using Billing.Core.Restrictions;
using Billing.Core.Services;
using Billing.Core.Texts;

namespace Billing.Core.Tests.Texts;

/// <summary>P2: the console names every value it shows in the operator's language (<c>Console.{group}.{wire name}</c>), so a value added to an enum cannot break a page.</summary>
public sealed class ConsoleTextTests
{
    public static TheoryData<string, Type> Groups => new()
    {
        { "State", typeof(AccountState) }, { "BillingMode", typeof(BillingMode) }, { "Level", typeof(RestrictionLevel) },
        { "Policy", typeof(RestrictionPolicy) }, { "InvoiceKind", typeof(InvoiceKind) }, { "InvoiceStatus", typeof(InvoiceStatus) },
        { "LedgerKind", typeof(LedgerKind) }, { "ServiceState", typeof(ServiceState) }, { "RunState", typeof(JobRunState) },
        { "ShardOutcome", typeof(ShardOutcome) }, { "DeliveryStatus", typeof(Core.Notifications.DeliveryStatus) },
        { "FlagKind", typeof(Core.Payments.PaymentFlagKind) }, { "FlagResolution", typeof(Core.Payments.FlagResolution) }, { "AuditAction", typeof(Core.Audit.AuditAction) },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void P2_every_value_the_console_shows_has_its_name_in_the_catalog(string group, Type type)
    {
        var missing = Enum.GetNames(type).Select(n => $"Console.{group}.{Json.Names.Policy.ConvertName(n)}").Where(k => !Text.Has(k)).ToArray();
        Assert.Empty(missing);
    }
}
