using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Bench;

// Usage: dotnet run -c Release --project bench/Billing.Bench -- [--accounts N] [--sizes 10000,30000,100000]
//        [--workers 4] [--per-shard 8] [--clients 32] [--out bench/results]
//        or --chart-from results.jsonl: draw the chart from recorded runs (the last line of each size) and stop.
// Needs Azurite (scripts/bench.sh starts one); BILLING_BENCH_STORAGE overrides the connection string.
// A later option wins, so scripts/bench.sh's default --out can be overridden.
var arguments = new Dictionary<string, string>();
for (var i = 0; i < args.Length; i++)
    if (args[i].StartsWith("--")) arguments[args[i][2..]] = i + 1 < args.Length ? args[i + 1] : "";
int Arg(string name, int fallback) => arguments.TryGetValue(name, out var v) && int.TryParse(v, out var n) ? n : fallback;
var sizes = arguments.TryGetValue("sizes", out var list) ? list.Split(',').Select(int.Parse).ToArray() : [Arg("accounts", 100_000)];
var output = arguments.GetValueOrDefault("out", "bench/results");
var storage = Environment.GetEnvironmentVariable("BILLING_BENCH_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";
// What the figures were measured against (scripts/bench.sh says which emulator); it goes into every result line.
var target = Environment.GetEnvironmentVariable("BILLING_BENCH_TARGET") is { Length: > 0 } t ? t
    : storage.StartsWith("UseDevelopmentStorage") ? "development storage" : "given connection string";
Directory.CreateDirectory(output);

if (arguments.TryGetValue("chart-from", out var recorded))
{
    // Sizes run one at a time (each in a fresh emulator) still make one chart.
    var points = File.ReadLines(recorded).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)
        .GroupBy(r => r["accounts"]!.GetValue<int>()).OrderBy(g => g.Key)
        .Select(g => (g.Key, PerSecond(g.Last(), "charge.product"), Baseline(g.Last()))).ToList();
    await WriteChartAsync(points);
    return;
}

var all = new List<(int Size, List<PhaseResult> Phases)>();
foreach (var size in sizes)
{
    Console.WriteLine($"== {size} accounts, {target}");
    var bench = new BenchRun(storage, size, Arg("workers", 4), Arg("per-shard", 8), Arg("clients", 32));
    var phases = await bench.RunAsync();
    all.Add((size, phases));
    Console.WriteLine($"{"phase",-22}{"items",9}{"seconds",10}{"items/s",10}{"requests",10}{"req/item",9}{"p50 ms",8}{"p99 ms",8}{"peak MB",9}{"cpu ms/item",12}");
    foreach (var p in phases)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{p.Name,-22}{p.Items,9}{p.Seconds,10:F1}{p.PerSecond,10:F0}{p.Requests,10}{(double)p.Requests / p.Items,9:F2}{p.P50Ms,8:F1}{p.P99Ms,8:F1}{p.PeakWorkingSetMb,9:F0}{p.CpuMsPerItem,12:F2}"));
    PhaseResult Phase(string name) => phases.Single(p => p.Name == name);
    // Each ratio is the product's throughput over its baseline's, measured in this run against the same emulator.
    var ratios = new Dictionary<string, double>
    {
        ["charge"] = Phase("charge.product").PerSecond / Phase("charge.floor").PerSecond,
        ["usage.one"] = Phase("usage.product.one").PerSecond / Phase("usage.raw.one").PerSecond,
        ["usage.hundred"] = Phase("usage.product.hundred").PerSecond / Phase("usage.raw.hundred").PerSecond,
        ["access"] = Phase("access.product").PerSecond / Phase("access.baseline").PerSecond,
        ["webhook"] = Phase("webhook.product").PerSecond / Phase("webhook.baseline").PerSecond,
    };
    // A usage batch is 100 events: its requests are what a client's one call costs the storage account.
    foreach (var p in phases.Where(p => p.Name.StartsWith("usage.", StringComparison.Ordinal)))
        bench.Checks[$"{p.Name}.requestsPerBatch"] = Math.Round((double)p.Requests / p.Items * Billing.Core.Usage.UsageIngestion.MaxBatch, 2);
    var line = new
    {
        accounts = size, target, ratios, checks = bench.Checks,
        phases = phases.Select(p => new { p.Name, p.Items, p.Seconds, p.PerSecond, p.Requests, p.P50Ms, p.P99Ms, p.PeakManagedMb, p.PeakWorkingSetMb, p.CpuMsPerItem }),
    };
    Console.WriteLine("ratios product/baseline: " + string.Join(", ", ratios.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:F2}"))));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"charge: {(double)Phase("charge.account-day").Requests / size:F2} table requests per account-day (charge run and {Phase("charge.idle").Items} idle runs), floor {(double)Phase("charge.floor").Requests / size:F2}"));
    foreach (var (k, v) in bench.Checks.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Console.WriteLine($"  {k}: {v}");
    var json = JsonSerializer.Serialize(line);
    Console.WriteLine("BENCH " + json);
    await File.AppendAllTextAsync(Path.Combine(output, "results.jsonl"), json + Environment.NewLine);
}
if (all.Count > 1)
    await WriteChartAsync(all.Select(r => (r.Size, r.Phases.Single(p => p.Name == "charge.product").PerSecond, r.Phases.Single(p => p.Name == "charge.floor").PerSecond)).ToList());

async Task WriteChartAsync(List<(int Size, double Product, double Baseline)> points)
{
    var path = Path.Combine(output, "charge-throughput.svg");
    await File.WriteAllTextAsync(path, Chart.Svg(points));
    Console.WriteLine($"chart: {path}");
}

// Runs before session 17 measured the charge against a five-request baseline, later ones against the two-request floor.
static double Baseline(JsonNode run) =>
    run["phases"]!.AsArray().Any(p => p!["Name"]!.GetValue<string>() == "charge.floor") ? PerSecond(run, "charge.floor") : PerSecond(run, "charge.baseline");

static double PerSecond(JsonNode run, string phase) =>
    run["phases"]!.AsArray().Single(p => p!["Name"]!.GetValue<string>() == phase)!["PerSecond"]!.GetValue<double>();
