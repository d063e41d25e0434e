using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Billing.Http.Security;

/// <summary>
/// S2: a body sent to a JSON endpoint must say it is JSON (<c>application/json</c>, a charset parameter allowed); anything
/// else is 415 <c>unsupported_media_type</c> before the handler reads it. A request without a body (a POST that only
/// names its route) needs no type. Provider webhooks keep their provider's format and pages their forms: the endpoint
/// table marks those (<see cref="Endpoints.EndpointSurface"/>).
/// </summary>
public static class JsonContentType
{
    /// <summary>The server's own answer where it has one (HTTP/2 frames carry no Content-Length); else the HTTP/1.1 headers.</summary>
    public static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>() is { } detection
            ? detection.CanHaveBody && request.ContentLength is not 0
            : request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && type.Parameters.All(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)
                                    && (p.Value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || p.Value.Equals("\"utf-8\"", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Null when the request may go on; else the 415 problem.</summary>
    public static IResult? Check(HttpContext http) =>
        !HasBody(http.Request) || IsJson(http.Request.ContentType) ? null
        : Errors.Problem.Result(http, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
            "Send the body as application/json (UTF-8).");
}
