using Billing.Core.Idempotency;
using Billing.Http.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Api;

/// <summary>Wraps every handler: one error map, and Idempotency-Key replays for the POSTs that move money (B8).</summary>
public sealed class ApiRunner(IdempotencyService idempotency, ILogger<ApiRunner> log)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string OperationKeyItem = "billing.idempotency.operation";

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

    /// <summary>
    /// The request's Idempotency-Key, or null. Inside <see cref="Idempotent"/> it is the record's operation key (the key and
    /// when it was first used), so ids derived from it are new when a key is reused after its retention (B8).
    /// </summary>
    public static string? IdempotencyKey(HttpRequest request)
    {
        if (request.HttpContext.Items.TryGetValue(OperationKeyItem, out var operation) && operation is string op) return op;
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
        var stored = await idempotency.RunAsync(scope, key, hash, async operationKey =>
        {
            request.HttpContext.Items[OperationKeyItem] = operationKey;
            var result = await action();
            return new StoredResponse(result.Status, result.Json);
        }, ct);
        return new ApiResult(stored.StatusCode, stored.Body);
    }
}
