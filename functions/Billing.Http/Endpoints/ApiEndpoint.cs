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
}

/// <summary>
/// One entry point over HTTP: its function name (the Functions trigger's), method, route, the callers it admits and the
/// handler both hosts run. Route values reach the handler as <see cref="HttpRequest.RouteValues"/>.
/// </summary>
public sealed partial record ApiEndpoint(string Name, string Method, string Route, Callers Callers, Func<IServiceProvider, HttpRequest, CancellationToken, Task<IResult>> Handler)
{
    public bool IsPublic => Callers == Callers.Public;

    /// <summary>What the entry serves (<see cref="EndpointSurface.Json"/> unless the table says otherwise).</summary>
    public EndpointSurface Surface { get; init; } = EndpointSurface.Json;

    public bool Admits(CallerRole role) => Callers.HasFlag(role switch
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
