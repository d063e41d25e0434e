using System.Collections;
using System.Reflection;
using System.Text.Json;
using Azure.Data.Tables;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Core.Tests.Storage;

/// <summary>
/// Assertions on how a row is stored: its key, the exact set of its column names, the stored type of a column, and that
/// reading the entity back gives the row written. Column names are the data already in production: they are pinned
/// as literals in the tests, never derived from the domain types.
/// </summary>
internal static class RowLayout
{
    public const string Partition = "pk";

    /// <summary>Keys every entity carries that are not columns of the row.</summary>
    private static readonly HashSet<string> NotColumns = ["PartitionKey", "RowKey", "odata.etag", "Timestamp"];

    /// <summary>Writes <paramref name="row"/> and checks it lands at <paramref name="expectedKey"/> in the given partition.</summary>
    public static TableEntity Write<T>(RowMapper<T> mapper, T row, string expectedKey) where T : class
    {
        var entity = mapper.ToEntity(Partition, row);
        Assert.Equal(Partition, entity.PartitionKey);
        Assert.Equal(expectedKey, entity.RowKey);
        Assert.Equal(expectedKey, mapper.Key(row));
        Assert.Equal(expectedKey, mapper.KeyOf(row));
        return entity;
    }

    /// <summary>The column names of an entity, sorted ordinally.</summary>
    public static string[] ColumnNames(TableEntity entity) => [.. entity.Keys.Where(k => !NotColumns.Contains(k)).Order(StringComparer.Ordinal)];

    /// <summary>The entity has exactly these columns (order of the list does not matter).</summary>
    public static void HasColumns(TableEntity entity, params string[] expected)
    {
        Assert.Equal(expected.Length, expected.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal([.. expected.Order(StringComparer.Ordinal)], ColumnNames(entity));
    }

    /// <summary>Reading the entity back, through both the untyped and the typed entry point, gives the row written.</summary>
    public static void RoundTrips<T>(RowMapper<T> mapper, TableEntity entity, T sample) where T : class
    {
        var back = mapper.FromEntity(entity);
        Assert.IsType<T>(back);
        Assert.Equal(Json(sample), Json(back));
        Assert.Equal(Json(sample), Json(mapper.Read(entity)));
    }

    /// <summary>Records holding lists compare them by reference, so rows are compared by their JSON.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, value.GetType());

    public static void InRange(string key, (string From, string To) range) =>
        Assert.True(string.CompareOrdinal(range.From, key) <= 0 && string.CompareOrdinal(key, range.To) < 0,
            $"'{key}' is not in ['{range.From}', '{range.To}').");

    public static void NotInRange(string key, (string From, string To) range) =>
        Assert.False(string.CompareOrdinal(range.From, key) <= 0 && string.CompareOrdinal(key, range.To) < 0,
            $"'{key}' is in ['{range.From}', '{range.To}') but should not be.");

    public static void Long(TableEntity e, string column, long expected)
    {
        Assert.IsType<long>(e[column]);
        Assert.Equal(expected, (long)e[column]);
    }

    public static void Int(TableEntity e, string column, int expected)
    {
        Assert.IsType<int>(e[column]);
        Assert.Equal(expected, (int)e[column]);
    }

    public static void Flag(TableEntity e, string column, bool expected)
    {
        Assert.IsType<bool>(e[column]);
        Assert.Equal(expected, (bool)e[column]);
    }

    /// <summary>Enums (snake_case), dates (yyyy-MM-dd), ids and JSON are text columns.</summary>
    public static void Text(TableEntity e, string column, string expected)
    {
        Assert.IsType<string>(e[column]);
        Assert.Equal(expected, (string)e[column]);
    }

    /// <summary>Times are DateTimeOffset columns in UTC.</summary>
    public static void UtcTime(TableEntity e, string column, DateTimeOffset expected)
    {
        var stored = Assert.IsType<DateTimeOffset>(e[column]);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(expected.UtcDateTime, stored.UtcDateTime);
    }

    /// <summary>
    /// Every settable property of the sample (and of nested records and list items it holds) has a non-default value,
    /// so a column the mapper forgets to write or read shows in the round trip. <paramref name="mayBeDefault"/> names
    /// properties left at their default on purpose.
    /// </summary>
    public static void IsFullySet(object sample, params string[] mayBeDefault) => IsFullySet(sample, sample.GetType().Name, mayBeDefault);

    private static void IsFullySet(object value, string path, string[] mayBeDefault)
    {
        foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!p.CanWrite || p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            var at = $"{path}.{p.Name}";
            if (mayBeDefault.Contains(p.Name)) continue;
            var v = p.GetValue(value);
            Assert.True(v is not null, $"{at} is null in the sample.");
            switch (v)
            {
                case string s:
                    Assert.True(s.Length > 0, $"{at} is empty in the sample.");
                    break;
                case IEnumerable items:
                    var list = items.Cast<object>().ToList();
                    Assert.True(list.Count > 0, $"{at} is empty in the sample.");
                    foreach (var item in list.Where(IsDomainRecord)) IsFullySet(item, at + "[]", mayBeDefault);
                    break;
                default:
                    var type = v!.GetType();
                    if (type.IsValueType) Assert.True(!v.Equals(Activator.CreateInstance(type)), $"{at} is at its default value in the sample.");
                    else if (IsDomainRecord(v)) IsFullySet(v, at, mayBeDefault);
                    break;
            }
        }
    }

    private static bool IsDomainRecord(object v) =>
        v.GetType() is { IsClass: true } t && t.Namespace?.StartsWith("Billing.", StringComparison.Ordinal) == true;
}
