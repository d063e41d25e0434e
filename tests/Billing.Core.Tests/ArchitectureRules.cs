using System.Text.RegularExpressions;

namespace Billing.Core.Tests;

/// <summary>
/// The shape the design keeps (ARCHITECTURE "Layers"), checked on the sources: storage layouts belong to
/// Billing.Infrastructure, money moves through the one unit of work, and the Functions shim is gone.
/// </summary>
public sealed partial class ArchitectureRules
{
    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(dir, "functions", "Billing.Core"))) dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("repo root");
        return dir;
    }

    private static IEnumerable<(string Path, string Text)> Sources(params string[] projects) =>
        projects.SelectMany(p => Directory.EnumerateFiles(Path.Combine(RepoRoot(), "functions", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(RepoRoot(), f), File.ReadAllText(f)));

    private static readonly string[] OutsideInfrastructure = ["Billing.Core", "Billing.Http", "Billing.Server", "Billing.Functions"];

    [GeneratedRegex(@"private const string (?:Prefix|RowKey) = ""([^""]+)""")]
    private static partial Regex LayoutConstant();

    [Fact]
    public void A2_no_file_outside_infrastructure_names_a_row_key_or_a_key_prefix()
    {
        // The prefixes the row mappers use, read from their sources, so a new mapper is covered without editing this test.
        var prefixes = Sources("Billing.Infrastructure").Where(s => s.Path.Contains("Storage/Rows", StringComparison.Ordinal) || s.Path.EndsWith("TableApiKeys.cs", StringComparison.Ordinal))
            .SelectMany(s => LayoutConstant().Matches(s.Text).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.Contains("invoice-", prefixes);
        Assert.Contains("ledger-", prefixes);
        Assert.True(prefixes.Count >= 15, $"found only {prefixes.Count} layout constants: {string.Join(", ", prefixes)}");
        // Prefixes (ending in '-') are layout; a bare single-row key such as "company" is a word pages use too.
        var offenders = Sources(OutsideInfrastructure)
            .SelectMany(s => prefixes.Where(p => p.EndsWith('-') && s.Text.Contains($"\"{p}\"", StringComparison.Ordinal)).Select(p => $"{s.Path}: \"{p}\"")
                .Concat(Regex.IsMatch(s.Text, @"\bRowKeys?\b") ? [$"{s.Path}: RowKey"] : []))
            .ToList();
        Assert.True(offenders.Count == 0, "storage layout named outside Billing.Infrastructure: " + string.Join("; ", offenders));
    }

    [Fact]
    public void A2_only_the_unit_of_work_and_the_store_call_commit()
    {
        var callers = Sources([.. OutsideInfrastructure, "Billing.Infrastructure"])
            .Where(s => Regex.IsMatch(s.Text, @"\.CommitAsync\("))
            .Select(s => s.Path.Replace(Path.DirectorySeparatorChar, '/')).Order().ToList();
        Assert.Equal(["functions/Billing.Core/Storage/AccountUnitOfWork.cs"], callers);
        var stores = Sources("Billing.Infrastructure").Where(s => s.Text.Contains("Task<string?> CommitAsync(AccountCommit", StringComparison.Ordinal)).ToList();
        Assert.Single(stores);
    }

    [Fact]
    public void S1_the_functions_app_builds_against_the_real_worker_only()
    {
        Assert.False(Directory.Exists(Path.Combine(RepoRoot(), "functions", "Billing.Functions.Shim")));
        var project = File.ReadAllText(Path.Combine(RepoRoot(), "functions", "Billing.Functions", "Billing.Functions.csproj"));
        Assert.DoesNotContain("Shim", project);
        Assert.Contains("Microsoft.Azure.Functions.Worker.Sdk", project);
        Assert.DoesNotContain("NU1603", File.ReadAllText(Path.Combine(RepoRoot(), "Directory.Build.props")));
    }
}
