using Microsoft.AspNetCore.Http;

namespace Billing.Http.Api;

/// <summary>A success answer before it becomes an IResult, so that it can be stored for Idempotency-Key replays.</summary>
public sealed record ApiResult(int Status, string Json)
{
    public static ApiResult Ok<T>(T body) => new(StatusCodes.Status200OK, Http.Json.ApiJson.Serialize(body));
    public static ApiResult Created<T>(T body) => new(StatusCodes.Status201Created, Http.Json.ApiJson.Serialize(body));

    public static readonly ApiResult NoContent = new(StatusCodes.Status204NoContent, "");

    public IResult ToResult() => Status == StatusCodes.Status204NoContent ? Results.NoContent() : Results.Content(Json, "application/json", statusCode: Status);
}
