using System.Text.RegularExpressions;
using Billing.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Endpoints;

/// <summary>Who may call a route: no one needs a key (<see cref="Public"/>), or a key of one of these roles.</summary>
[Flags]
public enum Callers
{
    Public = 0,
    Crm = 1,
    Erp = 2,
    Operator = 4,
    /// <summary>Tenant routes: the CRM acting for its tenants, and vendor staff.</summary>
    Tenant = Crm | Operator,
    /// <summary>External invoices and their completion: the vendor's accounting system, and vendor staff.</summary>
    Accounting = Erp | Operator,
    /// <summary>Any key: the catalog, an account's invoices.</summary>
    AnyKey = Crm | Erp | Operator,
    /// <summary>A person in the billing portal (P1): no key, a session cookie from a link the CRM created, bound to one account and role.</summary>
    Portal = 8,
    /// <summary>Vendor staff in the console (P2): no key, a session cookie opened with an operator key.</summary>
    Console = 16,
}

/// <summary>What an entry serves, which decides the checks and headers <see cref="EndpointPipeline"/> adds around its handler.</summary>
public enum EndpointSurface
{
    /// <summary>The API: a body, when sent, is application/json (else 415).</summary>
    Json,
    /// <summary>A payment provider's notifications: the body is in the provider's own format, checked by its signature.</summary>
    ProviderWebhook,
    /// <summary>A public HTML page (GET): security headers.</summary>
    Page,
    /// <summary>A public HTML form's POST: security headers, and only from our own pages (same origin), so no other site can start it.</summary>
    PageForm,
    /// <summary>A page of the portal or the console (GET): security headers, and the session of its <see cref="Callers"/> (else the sign-in).</summary>
    SessionPage,
    /// <summary>A form of the portal or the console (POST): as <see cref="SessionPage"/>, from our own pages, with the session's form token.</summary>
    SessionForm,
    /// <summary>A file the pages load (style, script): public, cacheable, never sniffed.</summary>
    Asset,
}

/// <summary>
/// One entry point over HTTP: its function name (the Functions trigger's), method, route, the callers it admits and the
/// handler both hosts run. Route values reach the handler as <see cref="HttpRequest.RouteValues"/>.
/// </summary>
public sealed partial record ApiEndpoint(string Name, string Method, string Route, Callers Callers, Func<IServiceProvider, HttpRequest, CancellationToken, Task<IResult>> Handler)
{
    public bool IsPublic => Callers == Callers.Public;

    /// <summary>The portal's and the console's pages: admitted by a browser session, which <see cref="EndpointPipeline"/> checks, never by a key.</summary>
    public bool BySession => Callers is Callers.Portal or Callers.Console;

    /// <summary>Served at the site's root (<see cref="Web.WebRoutes"/>) rather than under <see cref="Routes.Prefix"/>.</summary>
    public bool AtRoot { get; init; }

    /// <summary>The route from the site's root, as both hosts serve it.</summary>
    public string Path => AtRoot ? Route : Routes.Api + Route;

    /// <summary>What the entry serves (<see cref="EndpointSurface.Json"/> unless the table says otherwise).</summary>
    public EndpointSurface Surface { get; init; } = EndpointSurface.Json;

    public bool Admits(CallerRole role) => !BySession && Callers.HasFlag(role switch
    {
        CallerRole.Crm => Callers.Crm,
        CallerRole.Erp => Callers.Erp,
        _ => Callers.Operator,
    });

    /// <summary>The route's parameters in order (<c>accountId</c>, <c>invoiceId</c>…).</summary>
    public IReadOnlyList<string> Parameters { get; } = Parameter().Matches(Route).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Parameter();
}

public static class RouteValuesOf
{
    /// <summary>A route value the handler's route declares; empty when absent (the id check then answers 404).</summary>
    public static string Route(this HttpRequest request, string name) => request.RouteValues[name]?.ToString() ?? "";
}
