extern alias server;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Billing.Http;
using Billing.Infrastructure.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using server::Billing.Server;
using server::Billing.Server.Security;

namespace Billing.Bench;

/// <summary>
/// One hot account over real HTTP: the product's server in-process on a Kestrel socket (its middleware and endpoint table, as
/// functions/Billing.Server/Program.cs wires them) over the product's tables, 200 concurrent writers renaming the account (a
/// write that must win the head's ETag) while 200 usage batches go into the same account. Every answer's status is counted:
/// the head may answer 409 account_busy with Retry-After, never 5xx; usage never writes the head, so it should not fail.
/// </summary>
public static class HotAccountPhase
{
    private const int Writers = 200;
    private const int WritesPerWriter = 1;
    private const int UsageBatches = 200;
    private const string Key = "bench-crm-key-0123456789";

    public static async Task<List<PhaseResult>> RunAsync(BenchRun run, string prefix, StorageClients tables, RequestCounter counter)
    {
        var account = run.HotAccountId;
        await run.SeedHotAccountAsync(tables);
        await using var app = await StartServerAsync(run, prefix, counter);
        var baseUrl = app.Urls.First();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("x-functions-key", Key);
        var counts = new ConcurrentDictionary<string, int>();
        void Count(string what) => counts.AddOrUpdate(what, 1, (_, n) => n + 1);
        long acceptedEvents = 0;

        var phase = await Measure.PhaseAsync("hot.account", Writers * WritesPerWriter + UsageBatches, counter, () => Task.WhenAll(
            Enumerable.Range(0, Writers).Select(async w =>
            {
                for (var i = 0; i < WritesPerWriter; i++)
                {
                    // Every request renames the account: a change each time, so each must commit on the head under its ETag.
                    using var response = await http.PatchAsJsonAsync($"/api/accounts/{account}/settings", new { name = $"Hot {w}-{i}" });
                    Count("settings." + Classify(response));
                }
            }).Concat(Enumerable.Range(0, UsageBatches).Select(async b =>
            {
                var events = Enumerable.Range(0, 100).Select(k => new { eventId = $"hot-{b:D4}-{k:D3}", metric = "sms", quantity = 1 });
                using var response = await http.PostAsJsonAsync($"/api/accounts/{account}/usage/batch", new { events });
                Count("usage." + Classify(response));
                if (response.IsSuccessStatusCode)
                    Interlocked.Add(ref acceptedEvents, (await response.Content.ReadFromJsonAsync<BatchAnswer>())!.Accepted);
            }))));
        foreach (var (k, v) in counts.OrderBy(kv => kv.Key)) run.Checks["hot." + k] = v;
        run.Checks["hot.usage.acceptedEvents"] = acceptedEvents;
        Console.WriteLine($"  hot account over HTTP: {string.Join(", ", counts.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"))}; usage events accepted {acceptedEvents}");
        await app.StopAsync();
        return [phase];
    }

    private sealed record BatchAnswer(int Accepted, int Duplicates, int Rejected);

    /// <summary>2xx; 409 account_busy with or without Retry-After; any other 4xx by status; 5xx.</summary>
    private static string Classify(HttpResponseMessage r)
    {
        var status = (int)r.StatusCode;
        if (status is >= 200 and < 300) return "2xx";
        if (status >= 500) return "5xx";
        if (r.StatusCode == HttpStatusCode.Conflict)
        {
            var body = r.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (body.Contains("account_busy", StringComparison.Ordinal))
                return r.Headers.RetryAfter is not null ? "409busy.retryAfter" : "409busy.noRetryAfter";
        }
        return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The product's server as its Program.cs builds it (without the timers, queue listeners, demo seeder and OpenAPI document), on a free port.</summary>
    private static async Task<WebApplication> StartServerAsync(BenchRun run, string prefix, RequestCounter counter)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        var settings = run.Settings(prefix);
        settings["Security:Keys:0:Name"] = "bench crm";
        settings["Security:Keys:0:Role"] = "Crm";
        settings["Security:Keys:0:Key"] = Key;
        settings["Payments:Provider"] = "sandbox";
        // The server's appsettings.json (copied beside the bench) logs at Information: the host's start and stop lines are noise here.
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Scheduler:Enabled"] = "false";
        settings["Demo:Enabled"] = "false";
        settings["Payments:Merchants:KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A busy account is what this phase provokes: its warnings (one per 409) are counted above instead of printed.
        builder.Logging.AddFilter("Billing.Core.Storage.AccountUnitOfWork", LogLevel.Error);
        BenchRun.AddBenchServices(builder.Services, counter);
        builder.Services.AddBilling(builder.Configuration);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        var app = builder.Build();
        app.UseRouting();
        app.UseMiddleware<CallerKeyMiddleware>();
        app.MapBilling();
        await app.StartAsync();
        return app;
    }
}
