using Billing.Http.Errors;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Endpoints;

/// <summary>
/// A request that reaches no entry of the table is answered as HTTP means it, in both hosts: a path no route has is 404
/// <c>route_not_found</c>; a route's path with another method is 405 <c>method_not_allowed</c> with <c>Allow</c> listing the
/// route's methods. Both are problem+json, and neither looks at a key: the answer says nothing about who may call what.
/// </summary>
public static class RouteLookup
{
    private static readonly (string[] Segments, string Method)[] Templates =
        EndpointTable.All.Select(e => (e.Path.Split('/'), e.Method)).ToArray();

    /// <summary>The methods the table serves at <paramref name="path"/> (empty when no route has it).</summary>
    public static IReadOnlyList<string> MethodsAt(PathString path)
    {
        var segments = (path.Value ?? "").Trim('/').Split('/');
        return Templates.Where(t => Matches(t.Segments, segments)).Select(t => t.Method).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static bool Matches(string[] template, string[] segments) =>
        template.Length == segments.Length && template.Zip(segments).All(p =>
            p.First.StartsWith('{') ? p.Second.Length > 0 : string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));

    public static async Task WriteAsync(HttpContext http)
    {
        var methods = MethodsAt(http.Request.Path);
        if (methods.Count == 0)
        {
            await Problem.Result(http, StatusCodes.Status404NotFound, "route_not_found", "No route of this API has this path.").ExecuteAsync(http);
            return;
        }
        http.Response.Headers.Allow = string.Join(", ", methods);
        await Problem.Result(http, StatusCodes.Status405MethodNotAllowed, "method_not_allowed",
            $"This route answers {string.Join(", ", methods)} only.").ExecuteAsync(http);
    }
}
