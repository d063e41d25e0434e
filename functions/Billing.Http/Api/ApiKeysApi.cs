using Billing.Core.Accounts;
using Billing.Core.Security;
using Billing.Core.Validation;
using Billing.Http.Security;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

public sealed record ApiKeyBody(string? Role, string? AccountId, string? Name);

/// <summary>S1: operators issue, list and revoke API keys. A key's secret is shown once, in the answer that creates it.</summary>
public sealed class ApiKeysApi(ApiRunner api, ApiKeyService keys, AccountService accounts)
{
    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
        ApiResult.Ok(new { items = (await keys.ListAsync(ct)).Select(View) }));

    public Task<IResult> Create(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
    {
        var (b, _) = await ReadJsonAsync<ApiKeyBody>(req, ct);
        var role = ParseEnum<CallerRole>(Required(b.Role, "role", 16), "role");
        var account = b.AccountId is null ? null : (await accounts.GetAsync(Ids.Require(b.AccountId, "account"), ct)).Id;
        var issued = await keys.CreateAsync(role, account, Required(b.Name, "name", 100), Operator.OperatorRequests.Act(req, null), ct);
        return ApiResult.Created(new { id = issued.Key.Id, key = issued.Secret, name = issued.Key.Name, role = issued.Key.Role, accountId = issued.Key.AccountId });
    });

    public Task<IResult> Delete(HttpRequest req, string keyId, CancellationToken ct) => api.Run(req, async () =>
    {
        await keys.DeleteAsync(keyId, Operator.OperatorRequests.Act(req, null), ct);
        return ApiResult.NoContent;
    });

    private static object View(ApiKey k) => new { id = k.Id, name = k.Name, role = k.Role, accountId = k.AccountId, createdAt = k.CreatedAt, createdBy = k.CreatedBy };
}
