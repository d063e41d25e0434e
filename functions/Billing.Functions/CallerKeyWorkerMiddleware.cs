using Billing.Http.Endpoints;
using Billing.Http.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Billing.Functions;

/// <summary>
/// The Functions app's side of the one authorization model (S1): for an HTTP trigger, the endpoint-table entry of the
/// same name is checked against the presented key (role and account scope) by <see cref="CallerAuthorization"/>, exactly
/// as the server's middleware does, and a refusal is written without running the trigger. Timers and queues pass. As on
/// the server, a request that reaches no entry is 404 or 405 problem+json (<see cref="RouteLookup"/>), whatever its key:
/// an HTTP function that is not an entry of the table, or a method the entry does not serve.
/// </summary>
public sealed class CallerKeyWorkerMiddleware(CallerAuthorization authorization) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http) { await next(context); return; }
        if (EndpointTable.Find(context.FunctionDefinition.Name) is not { } entry
            || !string.Equals(http.Request.Method, entry.Method, StringComparison.OrdinalIgnoreCase))
        {
            await RouteLookup.WriteAsync(http);
            return;
        }
        // Binding data also holds query parameters and body fields: the account counts only when the route itself declares it.
        var account = entry.Parameters.Contains("accountId") && context.BindingContext.BindingData.TryGetValue("accountId", out var value) ? value?.ToString() : null;
        if (await authorization.AuthorizeAsync(entry, http, account)) await next(context);
    }
}
