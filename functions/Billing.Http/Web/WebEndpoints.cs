using Billing.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Billing.Http.Portal;
using Billing.Http.Portal.Account;

namespace Billing.Http.Web;

/// <summary>
/// The entries of the pages people use (P1, P2), part of the one endpoint table (<see cref="EndpointTable.All"/>): served
/// at the root, admitted by a portal or console session (checked with its form token by <see cref="SessionGate"/>), never
/// by a key. The link's entry and the files are public.
/// </summary>
public static class WebEndpoints
{
    public static readonly IReadOnlyList<ApiEndpoint> All =
    [
        new("Asset", "GET", WebRoutes.Asset, Callers.Public, (s, r, ct) => Task.FromResult(s.Get<AssetFiles>().Get(r, r.Route("file")))) { Surface = EndpointSurface.Asset, AtRoot = true },
        new("PortalEnter", "GET", WebRoutes.PortalEnter, Callers.Public, (s, r, ct) => s.Get<PortalEntryPages>().Enter(r, r.Route("token"), ct)) { Surface = EndpointSurface.Page, AtRoot = true },
        Page("PortalOverview", WebRoutes.PortalOverview, Callers.Portal, (s, r, ct) => s.Get<PortalOverviewPages>().Show(r, ct)),
        Form("PortalSignOut", WebRoutes.PortalSignOut, Callers.Portal, (s, r, ct) => s.Get<PortalEntryPages>().SignOut(r, ct)),
        .. PortalMoneyEndpoints.All,
        .. PortalAccountEndpoints.All,
        .. Console.ConsoleEndpoints.All,
    ];

    public static readonly IReadOnlyList<Type> HandlerTypes =
    [
        typeof(AssetFiles), typeof(PortalEntryPages), typeof(PortalOverviewPages),
        .. PortalMoneyEndpoints.HandlerTypes, .. PortalAccountEndpoints.HandlerTypes, .. Console.ConsoleEndpoints.HandlerTypes,
    ];

    /// <summary>A page of the portal or the console: a GET behind the session gate.</summary>
    public static ApiEndpoint Page(string name, string route, Callers who, Func<IServiceProvider, HttpRequest, CancellationToken, Task<IResult>> handler) =>
        new(name, "GET", route, who, handler) { Surface = EndpointSurface.SessionPage, AtRoot = true };

    /// <summary>A form of the portal or the console: a POST behind the session gate, with its form token.</summary>
    public static ApiEndpoint Form(string name, string route, Callers who, Func<IServiceProvider, HttpRequest, CancellationToken, Task<IResult>> handler) =>
        new(name, "POST", route, who, handler) { Surface = EndpointSurface.SessionForm, AtRoot = true };
}
