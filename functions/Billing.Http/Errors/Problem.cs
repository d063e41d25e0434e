using System.Diagnostics;
using System.Text.Json;
using Billing.Core;
using Billing.Core.Payments;
using Billing.Core.Texts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Billing.Http.Errors;

/// <summary>An RFC 9457 problem body; <c>code</c> is stable for machines, <c>detail</c> is for people.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Detail, string Code, string? Instance, string TraceId,
    IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>The one error map of the API (ARCHITECTURE "Conventions"): domain kinds to statuses, never internals.</summary>
public static class Problem
{
    public const string ContentType = "application/problem+json";

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict or ErrorKind.Busy => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static IResult From(Exception e, HttpContext http, ILogger log) => e switch
    {
        BillingException { RetryAfter: { } wait } b => RetryAfter(http, wait, Result(http, StatusOf(b.Kind), b.Code, Detail(b, http), b.Errors)),
        BillingException b => Result(http, StatusOf(b.Kind), b.Code, Detail(b, http), b.Errors),
        WebhookRejectedException w => Result(http, 400, "webhook_rejected", "The webhook was rejected: " + w.Message),
        JsonException j => Result(http, 400, "json_invalid", "The body is not valid JSON for this request" + (j.Path is { } p ? $" (at {p})." : ".")),
        BodyTooLargeException t => Result(http, 413, "body_too_large", t.Message),
        BadHttpRequestException bad => Result(http, bad.StatusCode, "bad_request", bad.Message),
        // Inputs are bounded (Money:MaxAmountMinor) so sums cannot overflow; should one still, the checked arithmetic threw
        // inside a decision, before its commit: nothing was written, and the answer is a refusal, not a 500.
        OverflowException => Result(http, 422, "amount_overflow", "The amounts involved are too large to compute; nothing was written."),
        OperationCanceledException when http.RequestAborted.IsCancellationRequested => Result(http, 499, "client_closed", "The client went away."),
        // The provider refused or failed a call the request needed (a checkout): its words, as a bad gateway, not our 500.
        ProviderCallException p => Result(http, 502, "payment_provider_failed", "The payment provider refused or failed the call: " + p.Message),
        _ => Unexpected(e, http, log),
    };

    /// <summary>
    /// A refusal about an account is already in the account's language; one raised before the account was read is
    /// rendered in the language the request asks for, English otherwise.
    /// </summary>
    private static string Detail(BillingException b, HttpContext http) =>
        b.Says is { } says && Text.FromAcceptLanguage(http.Request.Headers.AcceptLanguage) is { } language
            ? Text.Get(language, says.Key, says.Args)
            : b.Message;

    public static IResult Result(HttpContext http, int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var body = new ProblemBody($"https://billing.example/problems/{code}", TitleOf(status), status, detail, code,
            http.Request.Path.Value, Activity.Current?.Id ?? http.TraceIdentifier, errors);
        return Results.Content(Json.ApiJson.Serialize(body), ContentType, statusCode: status);
    }

    /// <summary>S2: contention that outlasts the retries says when to come back.</summary>
    private static IResult RetryAfter(HttpContext http, TimeSpan wait, IResult result)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    private static IResult Unexpected(Exception e, HttpContext http, ILogger log)
    {
        log.LogError(e, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        return Result(http, 500, "internal_error", "Something went wrong on our side; quote the trace id to support.");
    }

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad request", 403 => "Forbidden", 404 => "Not found", 405 => "Method not allowed", 409 => "Conflict", 413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable request", 401 => "Unauthorized", _ => status >= 500 ? "Server error" : "Request failed",
    };
}

public sealed class BodyTooLargeException(int limit) : Exception($"The body is larger than {limit} bytes.");
