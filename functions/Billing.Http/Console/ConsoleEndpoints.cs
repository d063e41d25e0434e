using Billing.Http.Endpoints;

namespace Billing.Http.Console;

/// <summary>P2: the operator console's entries.</summary>
public static class ConsoleEndpoints
{
    public static readonly IReadOnlyList<ApiEndpoint> All = [];

    public static readonly IReadOnlyList<Type> HandlerTypes = [];
}
