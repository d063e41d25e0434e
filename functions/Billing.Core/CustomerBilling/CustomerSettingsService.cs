using Billing.Core.Storage;
using Billing.Core.Validation;

namespace Billing.Core.CustomerBilling;

/// <summary>F7 company details and F9 templates: the tenant's settings for billing its customers.</summary>
public sealed class CustomerSettingsService(AccountUnitOfWork uow, TimeProvider clock)
{
    public async Task<CompanyDetails> GetCompanyAsync(string accountId, CancellationToken ct)
    {
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        return (await uow.Reader.GetAsync(accountId, CompanyDetails.Ref, ct))?.Value ?? new CompanyDetails();
    }

    public Task<CompanyDetails> SetCompanyAsync(string accountId, CompanyDetails details, CancellationToken ct)
    {
        if (details.PublicOfferUrl.Length > 0 && !(Uri.TryCreate(details.PublicOfferUrl, UriKind.Absolute, out var u) && u.Scheme is "https" or "http"))
            throw BillingException.Invalid("company_invalid", "'publicOfferUrl' must be an http(s) address.",
                new Dictionary<string, string[]> { ["publicOfferUrl"] = ["An absolute http(s) URL."] });
        var row = details with { UpdatedAt = clock.GetUtcNow() };
        return uow.RunAsync(accountId, row.UpdatedAt, _ => new Decision<CompanyDetails>(AccountCommit.RowsOnly(accountId, new RowOp(row, RowWrite.Upsert)), row), ct);
    }

    /// <summary>Saves a template after checking its tags (F9): an unknown tag is refused by name and nothing is written.</summary>
    public Task<MessageTemplate> SaveTemplateAsync(string accountId, string? templateId, string name, string subject, string body, CancellationToken ct)
    {
        TemplateTags.Validate(subject, "subject");
        TemplateTags.Validate(body, "body");
        var id = templateId ?? Ids.New("tpl");
        var template = new MessageTemplate { Id = Ids.Require(id, "template"), Name = name, Subject = subject, Body = body, UpdatedAt = clock.GetUtcNow() };
        return uow.RunAsync(accountId, template.UpdatedAt, async _ =>
        {
            if (templateId is not null && await uow.Reader.GetAsync(accountId, MessageTemplate.Ref(template.Id), ct) is null)
                throw BillingException.NotFound("template", templateId);
            return new Decision<MessageTemplate>(AccountCommit.RowsOnly(accountId, new RowOp(template, RowWrite.Upsert)), template);
        }, ct);
    }

    public async Task<IReadOnlyList<MessageTemplate>> TemplatesAsync(string accountId, CancellationToken ct)
    {
        _ = await uow.Reader.FindAsync(accountId, ct) ?? throw BillingException.NotFound("account", accountId);
        return await uow.Reader.ListAsync(accountId, MessageTemplate.All, ct).ToListAsync(ct);
    }
}
