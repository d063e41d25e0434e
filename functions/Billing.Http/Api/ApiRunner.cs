using Billing.Core.Idempotency;
using Billing.Http.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Api;

/// <summary>Wraps every handler: one error map, and Idempotency-Key replays for the POSTs that move money (B8).</summary>
public sealed class ApiRunner(IdempotencyService idempotency, ILogger<ApiRunner> log)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task<IResult> Run(HttpRequest request, Func<Task<ApiResult>> action)
    {
        try { return (await action()).ToResult(); }
        catch (Exception e) { return Problem.From(e, request.HttpContext, log); }
    }

    public async Task<IResult> RunPage(HttpRequest request, Func<Task<IResult>> action)
    {
        try { return await action(); }
        catch (Exception e) { return Problem.From(e, request.HttpContext, log); }
    }

    public static string? IdempotencyKey(HttpRequest request)
    {
        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length == 0) return null;
        IdempotencyService.ValidateKey(key);
        return key;
    }

    /// <summary>
    /// Without a key: runs the action. With one: the first request's answer is stored in <paramref name="scope"/>'s
    /// partition and replayed to repeats with the same body; another body with the same key is refused (422).
    /// </summary>
    public async Task<ApiResult> Idempotent(HttpRequest request, string scope, string bodyText, Func<Task<ApiResult>> action, CancellationToken ct)
    {
        var key = IdempotencyKey(request);
        if (key is null) return await action();
        var hash = Core.Validation.Ids.Hash($"{request.Method} {request.Path} {bodyText}");
        var stored = await idempotency.RunAsync(scope, key, hash, async () =>
        {
            var result = await action();
            return new StoredResponse(result.Status, result.Json);
        }, ct);
        return new ApiResult(stored.StatusCode, stored.Body);
    }
}
