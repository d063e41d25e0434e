using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Bench;

/// <summary>Counts the storage requests a phase issues (every attempt, inside the SDK's retry loop).</summary>
public sealed class RequestCounter : HttpPipelinePolicy
{
    private long _count;
    public long Count => Interlocked.Read(ref _count);

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        return ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _count);
        ProcessNext(message, pipeline);
    }
}

/// <summary>
/// One measured phase: wall time, requests, peak managed and process memory while it ran, and the bench process's CPU
/// time per item (the emulator runs on the same two cores, so CPU our code spends is throughput the emulator loses).
/// </summary>
public sealed record PhaseResult(string Name, int Items, double Seconds, long Requests, double PeakManagedMb, double PeakWorkingSetMb,
    double CpuMsPerItem, double P50Ms = 0, double P99Ms = 0)
{
    public double PerSecond => Items / Seconds;
}

public static class Measure
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    public static async Task<PhaseResult> PhaseAsync(string name, int items, RequestCounter counter, Func<Task> work)
    {
        GC.Collect();
        var before = counter.Count;
        long peakManaged = 0, peakWs = 0;
        using var stop = new CancellationTokenSource();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            var reported = TimeSpan.Zero;
            while (!stop.IsCancellationRequested)
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                peakWs = Math.Max(peakWs, Process.GetCurrentProcess().WorkingSet64);
                // A 100,000-account phase runs for many minutes: show that it moves.
                if (sw.Elapsed - reported >= ProgressEvery)
                {
                    reported = sw.Elapsed;
                    Console.WriteLine($"  {name}: {sw.Elapsed.TotalSeconds:F0} s, {counter.Count - before} table requests so far");
                }
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        await work();
        sw.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        stop.Cancel();
        await sampler;
        Console.WriteLine($"  {name}: {items} items in {sw.Elapsed.TotalSeconds:F1} s");
        return new PhaseResult(name, items, sw.Elapsed.TotalSeconds, counter.Count - before, peakManaged / 1048576.0, peakWs / 1048576.0,
            cpu.TotalMilliseconds / items);
    }

    /// <summary>
    /// Runs <paramref name="total"/> calls from <paramref name="clients"/> concurrent clients and records each latency (per call);
    /// items are <paramref name="itemsPerCall"/> per call (a usage batch counts its events).
    /// </summary>
    public static async Task<PhaseResult> LatencyAsync(string name, int total, int clients, RequestCounter counter, Func<int, Task> call, int itemsPerCall = 1)
    {
        var latencies = new double[total];
        var next = -1;
        var phase = await PhaseAsync(name, total * itemsPerCall, counter, () => Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var t = Stopwatch.GetTimestamp();
                await call(i);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        })));
        Array.Sort(latencies);
        return phase with { P50Ms = latencies[total / 2], P99Ms = latencies[Math.Min(total - 1, total * 99 / 100)] };
    }
}
