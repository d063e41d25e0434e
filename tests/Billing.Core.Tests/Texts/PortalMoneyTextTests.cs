using Billing.Core.Invoices;
using Billing.Core.Services;
using Billing.Core.Texts;
using K = Billing.Core.Texts.TextKeys.PortalMoney;

namespace Billing.Core.Tests.Texts;

/// <summary>P1, G1: the portal names every invoice status and kind and every service state in the person's language.</summary>
public sealed class PortalMoneyTextTests
{
    [Fact]
    public void G1_P1_every_invoice_status_and_kind_and_service_state_has_its_text()
    {
        var keys = Enum.GetValues<InvoiceStatus>().Select(s => K.Invoices.StatusOf(Json.Names.Of(s)))
            .Concat(Enum.GetValues<InvoiceKind>().Select(k => K.Invoices.KindOf(Json.Names.Of(k))))
            .Concat(Enum.GetValues<ServiceState>().Select(s => K.Services.StateOf(Json.Names.Of(s))));
        Assert.Equal([], keys.Where(k => !Text.Has(k)).ToArray());
    }
}
