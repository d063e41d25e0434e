using System.Text.Json;
using Billing.Core.Notifications;

namespace Billing.Infrastructure.Events;

/// <summary>
/// G2: the JSON an event is carried as, <c>{id, type, version, accountId, occurredAt, data}</c>. One serializer for every
/// transport, so the webhook's body and the Service Bus message's body are the same bytes and a CRM can read either alike.
/// </summary>
public static class CrmEventBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The event type as the CRM sees it (<c>invoice_paid</c>).</summary>
    public static string TypeOf(CrmEvent evt) => Core.Json.Names.Of(evt.Type);

    public static string Json(CrmEvent evt) =>
        JsonSerializer.Serialize(new { id = evt.Id, type = TypeOf(evt), version = evt.Version, accountId = evt.AccountId, occurredAt = evt.OccurredAt, data = evt.Data }, Options);
}
