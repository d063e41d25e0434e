using System.Text.Json;

namespace Billing.Core.Json;

/// <summary>Enum values as the API and storage spell them: snake_case (awaiting_payment, top_up, monthly_postpaid).</summary>
public static class Names
{
    public static readonly JsonNamingPolicy Policy = JsonNamingPolicy.SnakeCaseLower;

    public static string Of<T>(T value) where T : struct, Enum => Policy.ConvertName(value.ToString());
}
