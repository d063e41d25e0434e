using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json.Nodes;
using Billing.Core.Jobs;
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
/// host reads to index triggers (names, methods, routes, auth levels, schedules, queues).
/// </summary>
public sealed class FunctionsHostTests
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
}
