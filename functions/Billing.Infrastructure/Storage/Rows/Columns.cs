using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Billing.Core.Json;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>
/// The columns of one entity, typed as Table Storage filters them: integers are Int64/Int32 (money is never a double),
/// times are DateTime in UTC, enums and dates are strings, and only nested values (breakdown lines, lists) are JSON text.
/// A null is no column at all. Mappers name every column explicitly, so renaming a domain property never renames one.
/// </summary>
public sealed class Columns(TableEntity entity)
{
    /// <summary>Nested values: PascalCase names as stored since the first release, enums snake_case.</summary>
    public static readonly JsonSerializerOptions NestedJson = new() { Converters = { new JsonStringEnumConverter(Names.Policy, allowIntegerValues: false) } };

    public TableEntity Entity => entity;

    public void Text(string name, string? value) { if (value is not null) entity[name] = value; }
    public void Long(string name, long? value) { if (value is { } v) entity[name] = v; }
    public void Int(string name, int? value) { if (value is { } v) entity[name] = v; }
    public void Bool(string name, bool value) => entity[name] = value;
    public void Time(string name, DateTimeOffset? value) { if (value is { } v) entity[name] = v.ToUniversalTime(); }
    public void Day(string name, DateOnly? value) { if (value is { } v) entity[name] = Days.Format(v); }
    public void Enum<T>(string name, T value) where T : struct, System.Enum => entity[name] = Names.Of(value);
    public void Nested<T>(string name, T? value) { if (value is not null) entity[name] = JsonSerializer.Serialize(value, NestedJson); }
    /// <summary>Raw bytes (Edm.Binary, at most 64 KiB per column): a received body kept as it came.</summary>
    public void Bytes(string name, byte[]? value) { if (value is { Length: > 0 }) entity[name] = value; }

    public string Text(string name) => TextOrNull(name) ?? throw Missing(name);
    public string? TextOrNull(string name) => entity.TryGetValue(name, out var v) && v is not null ? (string)v : null;
    public long Long(string name) => LongOrNull(name) ?? 0;
    public long? LongOrNull(string name) => entity.TryGetValue(name, out var v) && v is not null ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
    public int Int(string name) => IntOrNull(name) ?? 0;
    public int? IntOrNull(string name) => entity.TryGetValue(name, out var v) && v is not null ? Convert.ToInt32(v, CultureInfo.InvariantCulture) : null;
    public bool Flag(string name, bool fallback = false) => entity.TryGetValue(name, out var v) && v is bool b ? b : fallback;
    public DateTimeOffset Time(string name) => TimeOrNull(name) ?? throw Missing(name);
    public DateTimeOffset? TimeOrNull(string name) => entity.TryGetValue(name, out var v) ? v switch
    {
        DateTimeOffset t => t,
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        _ => null,
    } : null;
    public DateOnly Day(string name) => DayOrNull(name) ?? throw Missing(name);
    public DateOnly? DayOrNull(string name) => TextOrNull(name) is { } s ? Days.Parse(s) : null;
    public T Choice<T>(string name, T fallback = default) where T : struct, System.Enum => TextOrNull(name) is { } s ? EnumOf<T>(s) : fallback;
    public byte[] Bytes(string name) => entity.TryGetValue(name, out var v) && v is byte[] b ? b : v is BinaryData d ? d.ToArray() : [];
    public T Json<T>(string name, T fallback) => TextOrNull(name) is { } s ? JsonSerializer.Deserialize<T>(s, NestedJson) ?? fallback : fallback;

    private static T EnumOf<T>(string stored) where T : struct, System.Enum
    {
        foreach (var v in System.Enum.GetValues<T>())
            if (Names.Of(v) == stored) return v;
        throw new InvalidDataException($"'{stored}' is not a stored {typeof(T).Name}.");
    }

    private InvalidDataException Missing(string name) => new($"Row {entity.PartitionKey}/{entity.RowKey} has no column {name}.");
}

/// <summary>Local dates as stored in columns and keys: <c>yyyy-MM-dd</c>.</summary>
public static class Days
{
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static DateOnly Parse(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
