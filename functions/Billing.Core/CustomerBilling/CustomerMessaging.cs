using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Core.Validation;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// F5: an invoice message rendered from a template and written to the outbox, in the same transaction as whatever
/// else the caller writes; the outbox delivers it through the customer's channel once.
/// </summary>
public sealed class CustomerMessaging(AccountUnitOfWork uow, CustomerInvoiceService invoices, CustomerService customers, TimeProvider clock)
{
    /// <summary>The customer's address on a channel, or null when it has none (SMS needs a mobile phone, F5).</summary>
    public static string? Contact(Customer c, MessageChannel channel) => channel switch
    {
        MessageChannel.Email => c.Email,
        MessageChannel.Sms => c.Mobile,
        _ => c.TelegramId,
    };

    public static OutboxMessage Compose(Account tenant, string id, MessageChannel channel, Customer c, MessageTemplate template,
        IReadOnlyList<BillView> bills, DateTimeOffset now)
    {
        var to = Contact(c, channel) ?? throw NoContact(c, channel);
        return new OutboxMessage
        {
            Id = id, Channel = channel switch { MessageChannel.Email => OutboxChannel.Email, MessageChannel.Sms => OutboxChannel.Sms, _ => OutboxChannel.Telegram },
            Type = NoticeType.CustomerInvoice, To = [to], Language = tenant.Language, CreatedAt = now,
            Data = new Dictionary<string, string>
            {
                ["subject"] = TemplateTags.Render(template.Subject, c, bills, tenant.Language),
                ["text"] = TemplateTags.Render(template.Body, c, bills, tenant.Language),
                ["customerId"] = c.Id, ["invoiceIds"] = string.Join(",", bills.Select(b => b.Invoice.Id)), ["accountName"] = tenant.Name,
            },
        };
    }

    /// <summary>Sends one invoice now, by the channel and template the tenant picked.</summary>
    public async Task<OutboxMessage> SendAsync(string accountId, string invoiceId, MessageChannel channel, string templateId, string? idempotencyKey,
        CancellationToken ct)
    {
        var invoice = (await invoices.GetAsync(accountId, invoiceId, ct)).Value;
        if (invoice.Status == CustomerInvoiceStatus.Archived) throw BillingException.Conflict("invoice_archived", $"Invoice {invoice.Number} is archived.");
        var template = await TemplateAsync(accountId, templateId, ct);
        var customer = (await customers.GetAsync(accountId, invoice.CustomerId, ct)).Value;
        if (Contact(customer, channel) is null) throw NoContact(customer, channel);
        var id = "msg-" + (idempotencyKey is null ? Ids.New("m") : Ids.FromKey("m", accountId + "/send/" + idempotencyKey));
        var now = clock.GetUtcNow();
        return await uow.RunAsync(accountId, now, async head =>
        {
            var existing = await uow.Reader.GetAsync(accountId, OutboxMessage.Ref(id), ct);
            if (existing is not null) return Decision<OutboxMessage>.NoChange(existing.Value);
            var message = Compose(head.Value, id, channel, customer, template, [new BillView(invoice, invoices.PublicUrl(invoice))], now);
            return new Decision<OutboxMessage>(AccountCommit.RowsOnly(accountId, new RowOp(message, RowWrite.Insert)), message);
        }, ct);
    }

    public async Task<MessageTemplate> TemplateAsync(string accountId, string templateId, CancellationToken ct) =>
        (await uow.Reader.GetAsync(accountId, MessageTemplate.Ref(Ids.Require(templateId, "template")), ct))?.Value
        ?? throw BillingException.NotFound("template", templateId);

    private static BillingException NoContact(Customer c, MessageChannel channel) => channel switch
    {
        MessageChannel.Sms => BillingException.Refused("customer_has_no_mobile", $"Customer {c.Name} has no mobile phone; an SMS cannot be sent."),
        MessageChannel.Email => BillingException.Refused("customer_has_no_email", $"Customer {c.Name} has no email address."),
        _ => BillingException.Refused("customer_has_no_telegram", $"Customer {c.Name} has no Telegram id."),
    };
}
