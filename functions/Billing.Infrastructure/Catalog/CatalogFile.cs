using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Catalog;
using Billing.Core.Json;
using Microsoft.Extensions.Options;

namespace Billing.Infrastructure.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "Billing";

    /// <summary>Path of the catalog JSON, relative to the app's folder unless absolute.</summary>
    public string CatalogPath { get; set; } = "catalog.json";
}

/// <summary>The catalog from a JSON file (C1), validated once at start: a bad catalog stops the app, not a bill.</summary>
public sealed class CatalogFile : ICatalogSource
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(Names.Policy, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public CatalogFile(IOptions<CatalogOptions> options)
    {
        var path = Path.IsPathRooted(options.Value.CatalogPath) ? options.Value.CatalogPath : Path.Combine(AppContext.BaseDirectory, options.Value.CatalogPath);
        Current = Load(File.ReadAllText(path), path);
    }

    public BillingCatalog Current { get; }

    public static BillingCatalog Load(string json, string source)
    {
        var catalog = JsonSerializer.Deserialize<BillingCatalog>(json, Json) ?? throw new InvalidDataException($"{source}: empty catalog.");
        var problems = CatalogValidator.Problems(catalog);
        if (problems.Count > 0) throw new InvalidDataException($"{source}: invalid catalog: {string.Join("; ", problems)}");
        return catalog;
    }
}
