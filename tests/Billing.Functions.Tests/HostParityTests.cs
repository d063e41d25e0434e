using System.Reflection;
using Billing.Functions;
using Billing.Http;
using Billing.Http.Jobs;
using Billing.Infrastructure.Storage;
using Billing.Server;
using Billing.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests;

/// <summary>S1 and the hosts: the Functions app and the server expose the same routes, access levels and schedules.</summary>
public sealed class HostParityTests
{
    private static readonly MethodInfo[] FunctionMethods = typeof(HttpFunctions).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null).ToArray();

    private static T? Trigger<T>(MethodInfo m) where T : Attribute =>
        m.GetParameters().Select(p => p.GetCustomAttribute<T>()).FirstOrDefault(a => a is not null);

    private static Access AccessOf(AuthorizationLevel level) => level switch
    {
        AuthorizationLevel.Anonymous => Access.Public,
        AuthorizationLevel.Admin => Access.Admin,
        _ => Access.Function,
    };

    private static HashSet<string> ServerRoutes()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddBilling(builder.Configuration);
        var app = builder.Build();
        app.MapBilling();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method =>
                $"{method} {e.RoutePattern.RawText!.TrimStart('/')[(Routes.Prefix.Length + 1)..]} {e.Metadata.GetMetadata<RouteAccess>()!.Access}"))
            .ToHashSet();
    }

    [Fact]
    public void S1_every_server_route_has_a_function_with_the_same_method_route_and_access_and_no_more()
    {
        var functions = FunctionMethods.Select(Trigger<HttpTriggerAttribute>).OfType<HttpTriggerAttribute>()
            .SelectMany(t => t.Methods!.Select(m => $"{m.ToUpperInvariant()} {t.Route} {AccessOf(t.AuthLevel)}")).ToHashSet();
        var server = ServerRoutes();
        Assert.True(server.SetEquals(functions),
            $"only in the server: {string.Join("; ", server.Except(functions))} | only in Functions: {string.Join("; ", functions.Except(server))}");
        Assert.True(server.Count >= 20, $"expected the whole API, found {server.Count} routes");
    }

    [Fact]
    public void C3_the_timers_of_both_hosts_run_the_same_jobs_on_the_same_schedules()
    {
        var timers = FunctionMethods.Select(Trigger<TimerTriggerAttribute>).OfType<TimerTriggerAttribute>().Select(t => t.Schedule).ToHashSet();
        Assert.True(timers.SetEquals(JobScheduler.Schedule.Values), $"Functions: {string.Join(", ", timers)}; server: {string.Join(", ", JobScheduler.Schedule.Values)}");
        Assert.Equal(JobScheduler.Schedule.Count, FunctionMethods.Count(m => Trigger<TimerTriggerAttribute>(m) is not null));
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

    [Fact]
    public void S4_every_function_class_is_built_from_the_shared_registration()
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Payments:Sandbox:WebhookSecret"] = "a-test-secret-of-enough-length",
            ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
        }).Build();
        services.AddLogging();
        services.AddBilling(config);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        foreach (var type in FunctionMethods.Select(m => m.DeclaringType!).Distinct())
            Assert.NotNull(ActivatorUtilities.CreateInstance(provider, type));
    }
}
