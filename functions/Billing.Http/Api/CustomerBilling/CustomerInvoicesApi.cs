using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Core;
using Billing.Core.CustomerBilling;
using Billing.Core.Validation;
using Billing.Http.Json;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api.CustomerBilling;

/// <summary>F2, F5, F6: a tenant's invoices to its customers: issue, list, read (with the link to copy), send, archive.</summary>
public sealed class CustomerInvoicesApi(ApiRunner api, CustomerInvoiceService invoices, CustomerMessaging messaging, Core.Money.MoneyOptions money)
{
    public Task<IResult> Create(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<CustomerInvoiceBody>(req, ct);
        var request = new CustomerInvoiceRequest(Ids.Require(Required(b.CustomerId, "customerId", 64), "customer"),
            ParseEnum<CalculationType>(Required(b.Calculation, "calculation", 32), "calculation"), b.Target is null ? null : CustomersApi.Target(b.Target).Key,
            b.Amount is { } amount ? money.Require(amount, "amount") : null, b.PeriodStart, b.PeriodEnd, b.Period is null ? null : ParseEnum<PeriodUnit>(b.Period, "period"), b.PayableUntil, b.Repeatable ?? false,
            b.CreatedBy is null ? null : Required(b.CreatedBy, "createdBy", 128));
        return await api.Idempotent(req, id, text, async () =>
            ApiResult.Created(View(await invoices.CreateAsync(id, request, ApiRunner.IdempotencyKey(req), ct), req)), ct);
    });

    public Task<IResult> List(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        string? Query(string name) => req.Query[name].ToString() is { Length: > 0 } v ? v : null;
        var query = new CustomerInvoiceQuery(
            Query("status") is { } s ? ParseEnum<CustomerInvoiceStatus>(s, "status") : null,
            Query("customerId") is { } c ? Ids.Require(c, "customer") : null,
            Query("calculation") is { } k ? ParseEnum<CalculationType>(k, "calculation") : null,
            Query("ruleId") is { } r ? Ids.Require(r, "mailing_rule") : null);
        var page = await invoices.ListAsync(Ids.Require(accountId, "account"), query, size, token, ct);
        return ApiResult.Ok(new { items = page.Items.Select(i => View(i, req)), continuationToken = page.ContinuationToken });
    });

    public Task<IResult> Get(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(View((await invoices.GetAsync(Ids.Require(accountId, "account"), invoiceId, ct)).Value, req)));

    public Task<IResult> Send(HttpRequest req, string accountId, string invoiceId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, text) = await ReadJsonAsync<SendBody>(req, ct);
        var channel = ParseEnum<MessageChannel>(Required(b.Channel, "channel", 16), "channel");
        var template = Required(b.TemplateId, "templateId", 64);
        return await api.Idempotent(req, id, text, async () =>
        {
            var m = await messaging.SendAsync(id, invoiceId, channel, template, ApiRunner.IdempotencyKey(req), ct);
            return new ApiResult(StatusCodes.Status202Accepted, ApiJson.Serialize(new
            {
                messageId = m.Id, channel, to = m.To[0], status = CustomerMessaging.StatusOf(m), subject = m.Data.GetValueOrDefault("subject"),
                text = m.Data.GetValueOrDefault("text"),
            }));
        }, ct);
    });

    /// <summary>F10: a message to a customer (from a send or a mailing run): where its delivery is, its attempts and the last error.</summary>
    public Task<IResult> Message(HttpRequest req, string accountId, string messageId, CancellationToken ct) => api.Run(req, async () =>
    {
        var m = await messaging.MessageAsync(Ids.Require(accountId, "account"), messageId, ct);
        return ApiResult.Ok(new
        {
            messageId = m.Id,
            channel = m.Channel switch { Core.Notifications.OutboxChannel.Sms => MessageChannel.Sms, Core.Notifications.OutboxChannel.Telegram => MessageChannel.Telegram, _ => MessageChannel.Email },
            to = m.To.FirstOrDefault(), status = CustomerMessaging.StatusOf(m), attempts = m.Attempts, lastError = m.LastError, createdAt = m.CreatedAt,
            sentAt = m.SentAt, customerId = m.Data.GetValueOrDefault(MailingDelivery.CustomerKey), runId = m.Data.GetValueOrDefault(MailingDelivery.RunKey),
            invoiceIds = (m.Data.GetValueOrDefault("invoiceIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            subject = m.Data.GetValueOrDefault("subject"), text = m.Data.GetValueOrDefault("text"),
        });
    });

    public Task<IResult> Archive(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<ArchiveBody>(req, ct);
        if ((b.All ?? false) == (b.InvoiceIds is not null))
            throw BillingException.Invalid("archive_selection_invalid", "Give either 'invoiceIds' or 'all': true.");
        var lines = await invoices.ArchiveAsync(id, b.All == true ? null : b.InvoiceIds!.Select(i => i ?? "").ToList(), ct);
        return ApiResult.Ok(new
        {
            archived = lines.Count(l => l.Result == ArchiveResult.Archived), refused = lines.Count(l => l.Result != ArchiveResult.Archived), protocol = lines,
        });
    });

    /// <summary>The invoice plus the link the tenant copies or sends (F5).</summary>
    private JsonObject View(CustomerInvoice invoice, HttpRequest req)
    {
        var node = JsonSerializer.SerializeToNode(invoice, ApiJson.Options)!.AsObject();
        node["publicUrl"] = invoices.PublicUrl(invoice);
        return node;
    }
}
