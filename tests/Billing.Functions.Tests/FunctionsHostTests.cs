using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Billing.Core.Jobs;
using Billing.Functions.Tests.Support;
using Billing.Infrastructure.Queues;
using Billing.Infrastructure.Storage;
using Billing.Http;
using Billing.Http.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Billing.Functions.Tests;

/// <summary>
/// S1 and C3 against what the Functions host really gets: the worker host built by <see cref="FunctionsHost.Configure"/>
/// (the same call Program makes) and the <c>functions.metadata</c> the Functions SDK generates at build, which is what the
/// host reads to index triggers (names, methods, routes, auth levels, schedules, queues); and the worker host's timer and queue
/// functions run against Azurite (<see cref="TwoHosts"/>).
/// </summary>
public sealed class FunctionsHostTests(TwoHosts hosts) : IClassFixture<TwoHosts>
{
    private static Dictionary<string, string?> Settings() => new()
    {
        ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        ["Payments:Sandbox:WebhookSecret"] = "a-test-secret-of-enough-length",
        ["CustomerBilling:DefaultPublicOfferUrl"] = "https://vendor.test/public-offer",
        ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
        ["Telemetry:Console"] = "false",
    };

    private static readonly Type[] FunctionClasses = typeof(HttpFunctions).Assembly.GetTypes()
        .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .ToArray();

    [Fact]
    public void S1_the_real_worker_host_builds_and_resolves_every_function_class_and_the_key_middleware()
    {
        // The settings are added before Configure, as Program's builder has them (environment, local.settings.json) before
        // AddBilling binds its options. Build() needs no worker-specific setting (Worker 2.52.0): the connection to the
        // Functions host (its gRPC endpoint, worker and request ids, passed when the host launches the worker) is only used
        // once the host runs, and this test never starts it — there is no Functions host here.
        var builder = FunctionsApplication.CreateBuilder(Array.Empty<string>());
        builder.Configuration.AddInMemoryCollection(Settings());
        FunctionsHost.Configure(builder);
        using var host = builder.Build();

        Assert.Equal(
            new[] { nameof(ConsoleFunctions), nameof(CustomerBillingFunctions), nameof(HttpFunctions), nameof(JobFunctions), nameof(OperatorFunctions), nameof(PaymentFunctions), nameof(PortalAccountFunctions), nameof(PortalMoneyFunctions), nameof(WebFunctions) },
            FunctionClasses.Select(t => t.Name).Order());
        foreach (var type in FunctionClasses)
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type));
        Assert.NotNull(ActivatorUtilities.CreateInstance<CallerKeyWorkerMiddleware>(host.Services));
    }

    [Fact]
    public async Task S1_the_real_worker_pipeline_runs_the_key_check_before_a_trigger()
    {
        var builder = FunctionsApplication.CreateBuilder(Array.Empty<string>());
        builder.Configuration.AddInMemoryCollection(Settings());
        FunctionsHost.Configure(builder);
        using var host = builder.Build();
        var pipeline = host.Services.GetRequiredService<FunctionExecutionDelegate>();

        // An invocation of the Catalog trigger (any key) without a key. Its definition lists no input bindings: the ASP.NET
        // Core integration's proxying middleware (first in the chain) waits for the Functions host's forwarded request only
        // when an input binding is an httpTrigger, so with none it passes the context on, and the HttpContext placed in
        // Items stands in for the one it would have put there. The key middleware must then refuse before the executor.
        var http = new DefaultHttpContext { RequestServices = host.Services };
        http.Request.Method = "GET"; // as the host forwards it: the trigger's method and route
        http.Request.Path = "/api/catalog";
        http.Response.Body = new MemoryStream();
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns("Catalog");
        definition.SetupGet(d => d.InputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty);
        definition.SetupGet(d => d.OutputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty);
        var binding = new Mock<BindingContext>();
        binding.SetupGet(b => b.BindingData).Returns(new Dictionary<string, object?>());
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.FunctionId).Returns("catalog");
        context.SetupGet(c => c.InvocationId).Returns(Guid.NewGuid().ToString());
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);
        context.SetupGet(c => c.InstanceServices).Returns(host.Services);
        context.SetupProperty(c => c.Items, new Dictionary<object, object> { ["HttpRequestContext"] = http });

        await pipeline(context.Object);

        http.Response.Body.Position = 0;
        var body = JsonNode.Parse(await new StreamReader(http.Response.Body).ReadToEndAsync())!;
        Assert.Equal(401, http.Response.StatusCode);
        Assert.Equal("key_missing", (string?)body["code"]);
    }

    /// <summary>The repository root (the folder holding <c>functions/</c>), found from the test's output folder.</summary>
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "functions", "Billing.Functions"))) return dir.FullName;
        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// The Functions app's generated <c>functions.metadata</c>, for the configuration this test was built in: the test's
    /// output is <c>bin/&lt;Configuration&gt;/&lt;tfm&gt;/</c>, and building the tests builds the app (a project reference).
    /// </summary>
    private static JsonArray Metadata()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var (tfm, configuration) = (output.Name, output.Parent!.Name);
        Assert.Contains(configuration, new[] { "Debug", "Release" });
        Assert.Equal("net10.0", tfm);
        var path = Path.Combine(RepoRoot(), "functions", "Billing.Functions", "bin", configuration, tfm, "functions.metadata");
        Assert.True(File.Exists(path), $"no generated metadata at {path}");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    private static IEnumerable<(JsonObject Function, JsonObject Binding)> Triggers(JsonArray functions, string type) =>
        functions.Select(f => f!.AsObject())
            .SelectMany(f => f["bindings"]!.AsArray().Select(b => b!.AsObject()).Where(b => (string?)b["type"] == type).Select(b => (f, b)));

    [Fact]
    public async Task S1_C3_functions_metadata_matches_the_endpoint_and_job_tables()
    {
        var functions = Metadata();

        // HTTP: one function per table entry, of its name, with its one method and route, anonymous to the platform.
        var http = Triggers(functions, "httpTrigger").ToList();
        Assert.All(http, t =>
        {
            var name = (string)t.Function["name"]!;
            var entry = EndpointTable.All.SingleOrDefault(e => e.Name == name);
            Assert.True(entry is not null, $"the HTTP function {name} has no endpoint-table entry");
            Assert.Equal(new[] { entry!.Method }, t.Binding["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()));
            Assert.Equal(entry.Path, (string?)t.Binding["route"]);
            Assert.Equal("Anonymous", (string?)t.Binding["authLevel"]);
        });
        var httpNames = http.Select(t => (string)t.Function["name"]!).ToList();
        Assert.Equal(httpNames.Count, httpNames.Distinct().Count());
        Assert.Equal(EndpointTable.All.Select(e => e.Name).Order(), httpNames.Order());

        // Timers: each one fires the job whose schedule it carries; together they are the job table, one timer per job.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 6, 5, 0, TimeSpan.Zero));
        var runs = new Mock<IJobRunLog>();
        var started = new List<JobRun>();
        runs.Setup(r => r.StartedAsync(It.IsAny<JobRun>(), It.IsAny<CancellationToken>()))
            .Callback<JobRun, CancellationToken>((run, _) => started.Add(run)).Returns(Task.CompletedTask);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddBilling(new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build());
        services.AddSingleton(runs.Object).AddSingleton(new Mock<IJobQueue>().Object);
        await using var provider = services.BuildServiceProvider();
        var jobs = provider.GetServices<IAccountJob>().ToList();
        Assert.NotEmpty(jobs);

        var timers = Triggers(functions, "timerTrigger").ToList();
        var fired = new List<string>();
        foreach (var (function, binding) in timers)
        {
            // The entry point the host calls (Namespace.Class.Method), run as the host would on a tick.
            var entryPoint = (string)function["entryPoint"]!;
            var type = typeof(JobFunctions).Assembly.GetType(entryPoint[..entryPoint.LastIndexOf('.')], throwOnError: true)!;
            var method = type.GetMethod(entryPoint[(entryPoint.LastIndexOf('.') + 1)..])!;
            var args = method.GetParameters().Select(p => p.ParameterType == typeof(TimerInfo) ? new TimerInfo() : (object)CancellationToken.None).ToArray();
            started.Clear();
            await (Task)method.Invoke(ActivatorUtilities.CreateInstance(provider, type), args)!;
            var run = Assert.Single(started);
            var job = Assert.Single(jobs, j => j.Name == run.Job);
            fired.Add(job.Name);
            Assert.True(job.Schedule == (string?)binding["schedule"],
                $"{function["name"]} runs {job.Name} (schedule '{job.Schedule}') but its timer says '{binding["schedule"]}'");
        }
        Assert.Equal(jobs.Count, timers.Count);
        Assert.Equal(jobs.Select(j => j.Name).Order(), fired.Order());
        Assert.Equal(jobs.Select(j => j.Schedule).ToHashSet(), timers.Select(t => (string)t.Binding["schedule"]!).ToHashSet());

        // Queues: the jobs' shard messages and the outbox.
        Assert.Equal(new[] { "billing-jobs", "billing-outbox" },
            Triggers(functions, "queueTrigger").Select(t => (string)t.Binding["queueName"]!).Order());

        // Nothing else is indexed: every function is one of the above.
        Assert.Equal(functions.Count, http.Count + timers.Count + 2);
    }

    private static async Task<List<QueueMessage>> ReceiveAllAsync(QueueClient queue)
    {
        var all = new List<QueueMessage>();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value is { Length: > 0 } batch) all.AddRange(batch);
        return all;
    }

    /// <summary>
    /// C3, G2 in the real worker host over Azurite: each timer function, called with a TimerInfo, starts its job's run (one
    /// message per shard on the jobs queue); the JobShard function, given each message as the queue trigger would, runs the
    /// shard until the run is complete and succeeded (read through the server host); the OutboxDelivery function, given the
    /// outbox queue's messages, delivers the seeded payment's event through the worker's Service Bus sender, and operators see
    /// it delivered.
    /// </summary>
    [Fact]
    public async Task C3_G2_every_timer_function_starts_its_run_and_the_queue_functions_complete_it_and_deliver_an_event_in_the_real_worker_host()
    {
        var h = await hosts.ReadyAsync();
        var clients = h.Worker.Services.GetRequiredService<StorageClients>();
        var jobs = h.Worker.Services.GetServices<IAccountJob>().Select(j => j.Name).ToHashSet();
        var timers = TwoHosts.Functions.Where(f => f.Value.GetParameters().Any(p => p.ParameterType == typeof(TimerInfo))).Select(f => f.Key).Order().ToList();
        Assert.Equal(jobs.Count, timers.Count);
        var ran = new HashSet<string>();
        foreach (var timer in timers)
        {
            await h.InvokeAsync(timer, new TimerInfo());
            var shards = await ReceiveAllAsync(clients.JobsQueue);
            var messages = shards.Select(m => StorageQueueJobQueue.Deserialize(m.MessageText)).ToList();
            Assert.Equal([0, 1], messages.Select(m => m.Shard).Order()); // Jobs:ShardCount = 2
            var run = Assert.Single(messages.Select(m => (m.RunId, m.Job)).Distinct());
            foreach (var shard in shards)
            {
                await h.InvokeAsync("JobShard", shard);
                await clients.JobsQueue.DeleteMessageAsync(shard.MessageId, shard.PopReceipt); // what the host does after a success
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/operator/jobs/runs/{run.RunId}") { Headers = { { "x-api-key", TwoHosts.OperatorKey } } };
            var status = JsonNode.Parse(await (await h.Server.SendAsync(request)).Content.ReadAsStringAsync())!;
            Assert.True((string?)status["state"] == "succeeded" && (bool)status["complete"]! && (string?)status["job"] == run.Job,
                $"{timer}: {status.ToJsonString()}");
            Assert.Equal(2, (int)status["shardsFinished"]!);
            ran.Add(run.Job);
        }
        Assert.Equal(jobs, ran);

        // The seeded offline payment wrote an invoice_paid event to the outbox and queued it; the server's listener is off.
        var outbox = await ReceiveAllAsync(clients.OutboxQueue);
        Assert.NotEmpty(outbox);
        foreach (var item in outbox) await h.InvokeAsync("OutboxDelivery", item);
        var sent = Assert.Single(h.WorkerTopic, m => m.SessionId == h.AccountId && m.Subject == "invoice_paid");
        Assert.Equal(h.AccountId, (string)sent.ApplicationProperties["accountId"]);
        using var events = new HttpRequestMessage(HttpMethod.Get, $"/api/operator/events?accountId={h.AccountId}&status=delivered") { Headers = { { "x-api-key", TwoHosts.OperatorKey } } };
        var delivered = JsonNode.Parse(await (await h.Server.SendAsync(events)).Content.ReadAsStringAsync())!["items"]!.AsArray();
        Assert.Contains(delivered, d => (string?)d!["eventId"] == sent.MessageId);
    }
}
