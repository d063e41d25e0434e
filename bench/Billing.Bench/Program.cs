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
        .Select(g => (g.Key, PerSecond(g.Last(), "charge.product"), PerSecond(g.Last(), "charge.baseline"))).ToList();
    await WriteChartAsync(points);
    return;
}

var all = new List<(int Size, List<PhaseResult> Phases)>();
foreach (var size in sizes)
{
    Console.WriteLine($"== {size} accounts, {target}");
    var phases = await new BenchRun(storage, size, Arg("workers", 4), Arg("per-shard", 8), Arg("clients", 32)).RunAsync();
    all.Add((size, phases));
    Console.WriteLine($"{"phase",-18}{"items",9}{"seconds",10}{"items/s",10}{"requests",10}{"req/item",9}{"p50 ms",8}{"p99 ms",8}{"peak MB",9}{"cpu ms/item",12}");
    foreach (var p in phases)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{p.Name,-18}{p.Items,9}{p.Seconds,10:F1}{p.PerSecond,10:F0}{p.Requests,10}{(double)p.Requests / p.Items,9:F2}{p.P50Ms,8:F1}{p.P99Ms,8:F1}{p.PeakWorkingSetMb,9:F0}{p.CpuMsPerItem,12:F2}"));
    double Ratio(string what) => phases.Single(p => p.Name == what + ".product").PerSecond / phases.Single(p => p.Name == what + ".baseline").PerSecond;
    var line = new
    {
        accounts = size, target, chargeRatio = Ratio("charge"), accessRatio = Ratio("access"), webhookRatio = Ratio("webhook"),
        phases = phases.Select(p => new { p.Name, p.Items, p.Seconds, p.PerSecond, p.Requests, p.P50Ms, p.P99Ms, p.PeakManagedMb, p.PeakWorkingSetMb, p.CpuMsPerItem }),
    };
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratios to baseline: charge {line.chargeRatio:F2}, access {line.accessRatio:F2}, webhook {line.webhookRatio:F2}"));
    var json = JsonSerializer.Serialize(line);
    Console.WriteLine("BENCH " + json);
    await File.AppendAllTextAsync(Path.Combine(output, "results.jsonl"), json + Environment.NewLine);
}
if (all.Count > 1)
    await WriteChartAsync(all.Select(r => (r.Size, r.Phases.Single(p => p.Name == "charge.product").PerSecond, r.Phases.Single(p => p.Name == "charge.baseline").PerSecond)).ToList());

async Task WriteChartAsync(List<(int Size, double Product, double Baseline)> points)
{
    var path = Path.Combine(output, "charge-throughput.svg");
    await File.WriteAllTextAsync(path, Chart.Svg(points));
    Console.WriteLine($"chart: {path}");
}

static double PerSecond(JsonNode run, string phase) =>
    run["phases"]!.AsArray().Single(p => p!["Name"]!.GetValue<string>() == phase)!["PerSecond"]!.GetValue<double>();
