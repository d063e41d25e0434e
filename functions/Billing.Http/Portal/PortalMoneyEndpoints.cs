using Billing.Http.Endpoints;

namespace Billing.Http.Portal;

/// <summary>P1: the portal's entries that move money or order things: top-up, invoices, services.</summary>
public static class PortalMoneyEndpoints
{
    public static readonly IReadOnlyList<ApiEndpoint> All = [];

    public static readonly IReadOnlyList<Type> HandlerTypes = [];
}
