using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Core.Catalog;
using Billing.Core.Jobs;

namespace Billing.Core.Tests;

/// <summary>What Billing.Core may depend on, and the shipped catalog's validity.</summary>
public sealed class CoreBoundaries
{
    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(dir, "functions", "Billing.Core"))) dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repo root");
        return dir;
    }

    [Fact]
    public void A1_core_references_no_azure_or_aspnet_assembly()
    {
        var refs = typeof(BillingException).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains(refs, r => r == "System.Runtime");
        Assert.DoesNotContain(refs, r => r.StartsWith("Azure", StringComparison.Ordinal) || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.Azure", StringComparison.Ordinal));
    }

    [Fact]
    public void A1_core_never_reads_the_wall_clock()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepoRoot(), "functions", "Billing.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).ToList();
        Assert.NotEmpty(sources);
        var offenders = sources.Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"DateTime(Offset)?\.(Utc)?Now\b")).ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void C1_the_shipped_catalog_is_valid_and_a_broken_one_is_reported()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(Json.Names.Policy, allowIntegerValues: false) },
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        var catalog = JsonSerializer.Deserialize<BillingCatalog>(File.ReadAllText(Path.Combine(RepoRoot(), "catalog.json")), options)!;
        Assert.Empty(CatalogValidator.Problems(catalog));

        var noEur = catalog with { Currencies = [.. catalog.Currencies, "PLN"] };
        Assert.Contains(CatalogValidator.Problems(noEur), p => p.Contains("no price in PLN"));
        var plan = catalog.Plans[0];
        var descending = catalog with { Plans = [plan with { Tiers = [.. plan.Tiers.Reverse()] }] };
        Assert.Contains(CatalogValidator.Problems(descending), p => p.Contains("tiers must ascend"));
        Assert.Contains(CatalogValidator.Problems(catalog with { Currencies = ["ZZZ"] }), p => p.Contains("unknown currency ZZZ"));
        Assert.Contains(CatalogValidator.Problems(catalog with { AddOns = [.. catalog.AddOns, catalog.AddOns[0]] }), p => p.Contains("duplicate id"));
    }

    [Fact]
    public void C3_an_accounts_shard_is_stable_across_processes_and_in_range()
    {
        Assert.Equal(Shards.Of("acc_abc", 16), Shards.Of("acc_abc", 16));
        var spread = Enumerable.Range(0, 1600).Select(i => Shards.Of($"acc_{i:D6}", 16)).ToList();
        Assert.All(spread, s => Assert.InRange(s, 0, 15));
        Assert.Equal(16, spread.Distinct().Count());
        // Pinned: a change of the hash would move accounts between shards (and needs a re-index).
        Assert.Equal(9, Shards.Of("acc_pinned", 16));
    }
}
