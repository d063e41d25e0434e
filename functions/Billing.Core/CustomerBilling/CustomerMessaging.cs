using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Billing.Core.Texts;
using Billing.Core.Validation;

namespace Billing.Core.CustomerBilling;

/// <summary>
/// F5: an invoice message rendered from a template and written to the outbox, in the same transaction as whatever
/// else the caller writes; the outbox delivers it through the customer's channel once.
/// </summary>
public sealed class CustomerMessaging(AccountUnitOfWork uow, CustomerInvoiceService invoices, CustomerService customers, IEnumerable<ICustomerChannel> channels,
    TimeProvider clock)
{
    /// <summary>
    /// Refuses a channel this deployment cannot send on (no SMS gateway, no Telegram bot): a rule or a send that could
    /// only fail in the outbox is refused when it is made instead (422, nothing written).
    /// </summary>
    public static void RequireChannel(IEnumerable<ICustomerChannel> channels, MessageChannel channel)
    {
        if (channels.Any(c => c.Channel == channel && c.IsConfigured)) return;
        throw channel switch
        {
            MessageChannel.Sms => BillingException.Refused("sms_gateway_not_configured",
                "No SMS gateway is configured (Messaging:Sms:Url), so SMS cannot be sent; choose email or Telegram."),
            MessageChannel.Telegram => BillingException.Refused("telegram_bot_not_configured",
                "No Telegram bot is configured (Messaging:Telegram:BotToken), so Telegram messages cannot be sent; choose email or SMS."),
            _ => BillingException.Refused("email_not_configured", "Email cannot be sent from this deployment."),
        };
    }

    /// <summary>The customer's address on a channel, or null when it has none (SMS needs a mobile phone, F5).</summary>
    public static string? Contact(Customer c, MessageChannel channel) => channel switch
    {
        MessageChannel.Email => c.Email,
        MessageChannel.Sms => c.Mobile,
        _ => c.TelegramId,
    };

    /// <summary>The message for <paramref name="bills"/>; a mailing run's message names its run, so its delivery updates the run's lines (F10).</summary>
    public static OutboxMessage Compose(Account tenant, string id, MessageChannel channel, Customer c, MessageTemplate template,
        IReadOnlyList<BillView> bills, DateTimeOffset now, string? runId = null)
    {
        var to = Contact(c, channel) ?? throw NoContact(c, channel);
        var subject = TemplateTags.Render(template.Subject, c, bills, tenant.Language);
        // Only email has a subject line; a template written for SMS or Telegram leaves it empty, and the email gets one in the tenant's language.
        if (channel == MessageChannel.Email && string.IsNullOrWhiteSpace(subject)) subject = Text.Get(tenant.Language, TextKeys.Customer.InvoiceEmailSubject, tenant.Name);
        var data = new Dictionary<string, string>
        {
            ["subject"] = subject,
            ["text"] = TemplateTags.Render(template.Body, c, bills, tenant.Language),
            [MailingDelivery.CustomerKey] = c.Id, ["invoiceIds"] = string.Join(",", bills.Select(b => b.Invoice.Id)), ["accountName"] = tenant.Name,
        };
        if (runId is not null)
        {
            data[MailingDelivery.RunKey] = runId;
            data[MailingDelivery.TargetsKey] = string.Join(",", bills.Select(b => b.Invoice.Target).Distinct());
        }
        return new OutboxMessage
        {
            Id = id, Channel = channel switch { MessageChannel.Email => OutboxChannel.Email, MessageChannel.Sms => OutboxChannel.Sms, _ => OutboxChannel.Telegram },
            Type = NoticeType.CustomerInvoice, To = [to], Language = tenant.Language, CreatedAt = now, Data = data,
        };
    }

    /// <summary>Sends one invoice now, by the channel and template the tenant picked.</summary>
    public async Task<OutboxMessage> SendAsync(string accountId, string invoiceId, MessageChannel channel, string templateId, string? idempotencyKey,
        CancellationToken ct)
    {
        RequireChannel(channels, channel);
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

    /// <summary>A message to one of the tenant's customers, with its delivery so far (F10); other outbox rows are not shown here.</summary>
    public async Task<OutboxMessage> MessageAsync(string accountId, string messageId, CancellationToken ct)
    {
        var id = messageId.Length is > 4 and <= 200 && messageId.StartsWith("msg-", StringComparison.Ordinal)
            && messageId.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
            ? messageId : throw BillingException.NotFound("message", messageId.Length > 64 ? messageId[..64] : messageId);
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        return (await uow.Reader.GetAsync(accountId, OutboxMessage.Ref(id), ct))?.Value is { Type: NoticeType.CustomerInvoice } m ? m
            : throw BillingException.NotFound("message", id);
    }

    /// <summary>Queued until the delivery ends (including retries after a failed attempt), then sent or failed.</summary>
    public static DeliveryStatus StatusOf(OutboxMessage m) => m.Status switch
    {
        OutboxStatus.Sent => DeliveryStatus.Sent,
        OutboxStatus.Failed => DeliveryStatus.Failed,
        _ => DeliveryStatus.Queued,
    };

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
