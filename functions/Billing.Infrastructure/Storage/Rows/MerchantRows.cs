using Billing.Core.Payments.Merchants;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>
/// A tenant's connection to its own provider account (F11): one row, RowKey <c>payment-provider</c>. The secret columns hold
/// only sealed values (<see cref="Payments.Merchants.EnvelopeSecretProtector"/>), never plaintext.
/// </summary>
public sealed class MerchantConnectionRows : RowMapper<MerchantConnection>
{
    private const string RowKey = "payment-provider";

    public override string Key(MerchantConnection row) => RowKey;
    public override string Key(RowRef<MerchantConnection> row) => RowKey;

    protected override void Write(MerchantConnection x, Columns c)
    {
        c.Text("Provider", x.Provider); c.Text("PublicKey", x.PublicKey); c.Text("SealedSecret", x.SealedSecret);
        c.Text("SealedWebhookSecret", x.SealedWebhookSecret); c.Time("ConnectedAt", x.ConnectedAt); c.Time("UpdatedAt", x.UpdatedAt);
    }

    protected override MerchantConnection Read(Columns c) => new()
    {
        Provider = c.Text("Provider"), PublicKey = c.TextOrNull("PublicKey"), SealedSecret = c.Text("SealedSecret"),
        SealedWebhookSecret = c.TextOrNull("SealedWebhookSecret"), ConnectedAt = c.Time("ConnectedAt"), UpdatedAt = c.Time("UpdatedAt"),
    };
}
