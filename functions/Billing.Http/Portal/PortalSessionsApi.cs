using Billing.Core.Accounts;
using Billing.Core.Hosting;
using Billing.Core.Validation;
using Billing.Core.WebSessions;
using Billing.Http.Api;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Portal;

/// <summary>
/// P1: the CRM opens the billing portal for one person of an account. The answer is a single-use link that works for
/// <see cref="WebSessionOptions.LinkLifetime"/>; its address starts at <c>Api:PublicBaseUrl</c>, never at a request's host.
/// </summary>
public sealed class PortalSessionsApi(ApiRunner api, WebSessionService sessions, ApiOptions site)
{
    private sealed record Body(string? UserId, string? Role, string? Language, string? ReturnUrl);

    public Task<IResult> Create(HttpRequest req, string accountId, CancellationToken ct) => api.Run(req, async () =>
    {
        var id = Ids.Require(accountId, "account");
        var (b, _) = await ReadJsonAsync<Body>(req, ct);
        var user = Required(b.UserId, "userId", 128);
        var role = ParseEnum<Role>(Required(b.Role, "role", 16), "role");
        Language? language = b.Language is null ? null : ParseEnum<Language>(b.Language, "language");
        var returnUrl = ReturnUrls.Require(b.ReturnUrl ?? "");
        var (token, expires) = await sessions.CreateLinkAsync(id, user, role, language, returnUrl, ct);
        return ApiResult.Created(new { url = $"{site.PublicBaseUrl.TrimEnd('/')}/{WebRoutes.PortalEnter.Replace("{token}", token)}", expiresAt = expires });
    });
}
