using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Billing.Core.Json;

namespace Billing.Infrastructure.Storage;

/// <summary>
/// Maps domain rows to table entities column by column: integers stay Int64/Int32 columns (money is never a
/// double), times are DateTime columns (filterable), enums and dates are strings, and only nested values
/// (breakdown lines, lists) are stored as JSON text.
/// </summary>
public static class TableRowSerializer
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter(Names.Policy, allowIntegerValues: false) },
    };

    private enum Column { Int64, Int32, Bool, Time, Text, Nested }

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Column>> Maps = new();

    public static TableEntity ToEntity(string partitionKey, string rowKey, object row)
    {
        var map = MapOf(row.GetType());
        var node = JsonSerializer.SerializeToNode(row, row.GetType(), Json)!.AsObject();
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in node)
        {
            if (value is null || !map.TryGetValue(name, out var column)) continue;
            entity[name] = column switch
            {
                Column.Int64 => value.GetValue<long>(),
                Column.Int32 => value.GetValue<int>(),
                Column.Bool => value.GetValue<bool>(),
                Column.Time => value.GetValue<DateTimeOffset>().ToUniversalTime(),
                Column.Text => value.GetValue<string>(),
                _ => value.ToJsonString(Json),
            };
        }
        return entity;
    }

    public static T FromEntity<T>(TableEntity entity)
    {
        var node = new JsonObject();
        foreach (var (name, column) in MapOf(typeof(T)))
        {
            if (!entity.TryGetValue(name, out var value) || value is null) continue;
            node[name] = column switch
            {
                Column.Int64 => JsonValue.Create(Convert.ToInt64(value)),
                Column.Int32 => JsonValue.Create(Convert.ToInt32(value)),
                Column.Bool => JsonValue.Create((bool)value),
                Column.Time => JsonValue.Create(value is DateTimeOffset dto ? dto : new DateTimeOffset((DateTime)value)),
                Column.Text => JsonValue.Create((string)value),
                _ => JsonNode.Parse((string)value),
            };
        }
        return node.Deserialize<T>(Json) ?? throw new InvalidOperationException($"Row {entity.RowKey} is not a {typeof(T).Name}.");
    }

    private static IReadOnlyDictionary<string, Column> MapOf(Type type) => Maps.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToDictionary(p => p.Name, p => ColumnOf(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)));

    private static Column ColumnOf(Type t) =>
        t == typeof(long) ? Column.Int64
        : t == typeof(int) ? Column.Int32
        : t == typeof(bool) ? Column.Bool
        : t == typeof(DateTimeOffset) ? Column.Time
        : t == typeof(string) || t.IsEnum || t == typeof(DateOnly) ? Column.Text
        : Column.Nested;
}
