using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Json;

namespace Billing.Http.Json;

/// <summary>One JSON dialect for the API: camelCase, snake_case enum values, unknown members refused (S2).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(Names.Policy, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 16,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
