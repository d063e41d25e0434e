using Billing.Http.Endpoints;

namespace Billing.Http.Portal;

/// <summary>P1: the portal's entries about the account itself: overview actions, history, plans.</summary>
public static class PortalAccountEndpoints
{
    public static readonly IReadOnlyList<ApiEndpoint> All = [];

    public static readonly IReadOnlyList<Type> HandlerTypes = [];
}
