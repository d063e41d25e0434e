using Moq;
using System.Reflection;
using Billing.Functions;
using Billing.Functions.Tests.Support;
using Billing.Http;
using Billing.Http.Endpoints;
using Billing.Http.Jobs;
using Billing.Infrastructure.Storage;
using Billing.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests;

/// <summary>
/// S1 and the hosts: the Functions app's triggers and the server expose the endpoint table and the job table, no more; and every
/// HTTP function, called in the real worker host, answers as the server host does (<see cref="TwoHosts"/>, over Azurite).
/// </summary>
public sealed class HostParityTests(TwoHosts hosts, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TwoHosts>
{
    private static readonly MethodInfo[] FunctionMethods = typeof(HttpFunctions).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null).ToArray();

    private static T? Trigger<T>(MethodInfo m) where T : Attribute =>
        m.GetParameters().Select(p => p.GetCustomAttribute<T>()).FirstOrDefault(a => a is not null);

    private static HashSet<string> Table() => EndpointTable.All.Select(e => $"{e.Name} {e.Method} {e.Path}").ToHashSet();

    [Fact]
    public void S1_every_table_entry_has_a_function_of_its_name_method_and_route_and_no_more()
    {
        var functions = FunctionMethods.Where(m => Trigger<HttpTriggerAttribute>(m) is not null)
            .Select(m => (Name: m.GetCustomAttribute<FunctionAttribute>()!.Name, Trigger: Trigger<HttpTriggerAttribute>(m)!))
            .SelectMany(f => f.Trigger.Methods!.Select(method => $"{f.Name} {method.ToUpperInvariant()} {f.Trigger.Route}")).ToHashSet();
        var table = Table();
        Assert.True(table.SetEquals(functions),
            $"only in the table: {string.Join("; ", table.Except(functions))} | only in Functions: {string.Join("; ", functions.Except(table))}");
        Assert.True(table.Count >= 60, $"expected the whole API, found {table.Count} entries");
        // The platform lets every request through to the worker middleware, which checks keys as the server does.
        Assert.All(FunctionMethods.Select(Trigger<HttpTriggerAttribute>).OfType<HttpTriggerAttribute>(), t => Assert.Equal(AuthorizationLevel.Anonymous, t.AuthLevel));
    }

    [Fact]
    public void S1_the_server_maps_exactly_the_endpoint_table()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddBilling(builder.Configuration);
        var app = builder.Build();
        app.MapBilling();
        var server = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Entry: e.Metadata.GetMetadata<ApiEndpoint>()!, Route: e.RoutePattern.RawText!.TrimStart('/'),
                Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods))
            .SelectMany(e => e.Methods.Select(m => $"{e.Entry.Name} {m} {e.Route}")).ToHashSet();
        Assert.True(Table().SetEquals(server), $"only in the table: {string.Join("; ", Table().Except(server))} | only in the server: {string.Join("; ", server.Except(Table()))}");
    }

    [Fact]
    public void C3_the_timers_of_both_hosts_run_the_jobs_of_the_job_table_on_their_schedules()
    {
        var timers = FunctionMethods.Select(Trigger<TimerTriggerAttribute>).OfType<TimerTriggerAttribute>().Select(t => t.Schedule).Order().ToList();
        using var provider = Registration();
        var jobs = provider.GetServices<Billing.Core.Jobs.IAccountJob>().ToList();
        Assert.Equal(jobs.Select(j => j.Schedule).Order(), timers);
        Assert.Equal(jobs.Count, jobs.Select(j => j.Name).Distinct().Count());
    }

    [Fact]
    public void C3_G1_the_queue_triggers_read_the_queues_the_app_writes_to()
    {
        var queues = FunctionMethods.Select(Trigger<QueueTriggerAttribute>).OfType<QueueTriggerAttribute>().Select(q => q.QueueName).Order().ToArray();
        var written = new StorageOptions();
        Assert.Equal(new[] { written.JobsQueue, written.OutboxQueue }.Order().ToArray(), queues);
        Assert.Equal(new[] { QueueNames.Jobs, QueueNames.Outbox }.Order().ToArray(), queues);
    }

    [Fact]
    public void S1_function_names_are_unique()
    {
        var names = FunctionMethods.Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    private static ServiceProvider Registration()
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Payments:Sandbox:WebhookSecret"] = "a-test-secret-of-enough-length",
            ["CustomerBilling:DefaultPublicOfferUrl"] = "https://vendor.test/public-offer",
            ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
        }).Build();
        services.AddLogging();
        // What each host provides itself (the web host's environment), which the pages' renderer needs.
        var environment = new Mock<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>();
        environment.SetupGet(e => e.EnvironmentName).Returns("Production");
        services.AddSingleton(environment.Object).AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(environment.Object);
        services.AddBilling(config);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void S4_every_function_class_is_built_from_the_shared_registration()
    {
        using var provider = Registration();
        foreach (var type in FunctionMethods.Select(m => m.DeclaringType!).Distinct())
            Assert.NotNull(ActivatorUtilities.CreateInstance(provider, type));
    }

    /// <summary>
    /// Every HTTP function of the worker app (found by reflection, so a new one is included), resolved by the real worker host's
    /// function activator and called with a real request through its key middleware, answers exactly as the server host answers
    /// the same request: status, media type, redirect, problem code and body shape. The requests are <see cref="ParityRequests"/>.
    /// </summary>
    [Fact]
    public async Task S1_S2_every_http_function_called_in_the_real_worker_host_answers_as_the_server_host_does()
    {
        var h = await hosts.ReadyAsync();
        var differences = new List<string>();
        var statuses = new Dictionary<int, int>();
        var functions = TwoHosts.Functions.Where(f => Trigger<HttpTriggerAttribute>(f.Value) is not null).Select(f => f.Key).Order().ToList();
        foreach (var name in functions)
        {
            var entry = EndpointTable.Named(name);
            var call = ParityRequests.For(entry, h);
            var (worker, ran) = await h.WorkerAsync(call);
            var server = await h.ServerAsync(call);
            var label = $"{name} ({call.Method} {call.PathAndQuery})";
            statuses[worker.Status] = statuses.GetValueOrDefault(worker.Status) + 1;
            output.WriteLine($"{label}: {worker.Status} {worker.MediaType} {worker.ProblemCode}");
            if (!ran) differences.Add($"{label}: the worker's key middleware did not let the function run ({worker.Status} {worker.ProblemCode})");
            if (worker.Status >= 500) differences.Add($"{label}: {worker.Status} {worker.ProblemCode}");
            if (worker != server)
                differences.Add($"{label}:\n  worker {worker.Status} {worker.MediaType} {worker.Location} {worker.ProblemCode} {Short(worker.Shape)}" +
                    $"\n  server {server.Status} {server.MediaType} {server.Location} {server.ProblemCode} {Short(server.Shape)}");
        }
        Assert.True(differences.Count == 0, $"{differences.Count} of {functions.Count} functions differ:\n" + string.Join("\n", differences));
        Assert.Equal(EndpointTable.All.Count, functions.Count);
        // The requests reached real answers of every kind, not one refusal repeated: data, pages, refusals, not found.
        foreach (var status in new[] { 200, 400, 403, 404 })
            Assert.True(statuses.GetValueOrDefault(status) > 0, $"no function answered {status}: {string.Join(", ", statuses.OrderBy(s => s.Key))}");
    }

    private static string Short(string shape) => shape.Length > 400 ? shape[..400] + "…" : shape;
}
