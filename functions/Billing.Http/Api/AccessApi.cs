using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Deletion;
using Billing.Core.Restrictions;
using Billing.Core.Storage;
using Billing.Core.Validation;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api;

/// <summary>D1 access check, D4 promised payment, D5 history, E2 owner's cancel, E3 operator's restore.</summary>
public sealed class AccessApi(ApiRunner api, RestrictionService restrictions, DeletionService deletion, IAccountReader reader)
{
    public Task<IResult> Access(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var role = ParseEnum<Role>(Required(req.Query["role"].ToString(), "role", 16), "role");
        return ApiResult.Ok(await restrictions.AccessAsync(Ids.Require(accountId, "account"), role, ct));
    });

    public Task<IResult> Promise(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<ActorBody>(req, ct);
        var user = Required(b.ActingUserId, "actingUserId", 128);
        var role = ParseEnum<Role>(Required(b.Role, "role", 16), "role");
        var account = await restrictions.PromiseAsync(id, role, user, ct);
        return ApiResult.Ok(new { promiseUntil = account.Restrictions.PromiseUntil, access = await restrictions.AccessAsync(id, role, ct) });
    });

    public Task<IResult> Changes(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        _ = await reader.FindAsync(id, ct) ?? throw BillingException.NotFound("account", id);
        return ApiResult.Ok(new { items = await reader.ListAsync(id, RestrictionChange.All, ct).Take(200).ToListAsync(ct) });
    });

    public Task<IResult> CancelDeletion(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<ActorBody>(req, ct);
        Required(b.ActingUserId, "actingUserId", 128);
        var account = await deletion.CancelByOwnerAsync(id, ParseEnum<Role>(Required(b.Role, "role", 16), "role"), ct);
        return ApiResult.Ok(Views.AccountView.Of(account));
    });

    public Task<IResult> Restore(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<OperatorBody>(req, ct);
        var act = Operator.OperatorRequests.Act(req, Required(b.OperatorId, "operatorId", 128));
        return ApiResult.Ok(Views.AccountView.Of(await deletion.RestoreAsync(id, act, ct)));
    });
}
