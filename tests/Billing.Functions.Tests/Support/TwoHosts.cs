extern alias server;
using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Billing.Http.Endpoints;
using Billing.Infrastructure.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace Billing.Functions.Tests.Support;

/// <summary>
/// Both hosts of the app over one Azurite storage (one table and queue prefix): the real Functions worker host, built as
/// Program builds it (<c>FunctionsApplication.CreateBuilder</c> + <see cref="FunctionsHost.Configure"/>), and the server host
/// in-process (<c>WebApplicationFactory</c> of the server's Program). No Functions host runs here (Core Tools cannot be
/// installed), so the worker's functions are invoked as the host would have them invoked: the key middleware from the worker's
/// container with a <see cref="FunctionContext"/> shaped as the ASP.NET Core integration's, then the function class made by
/// the worker's own <see cref="IFunctionActivator"/>, then its <see cref="IResult"/> executed on the request's HttpContext.
/// Built on first use (<see cref="ReadyAsync"/>), so the classes that hold it run their other tests without Azurite.
/// The Service Bus topic of both hosts is the SDK's mocked sender (no broker here), recording what the worker sent.
/// </summary>
public sealed class TwoHosts : IAsyncLifetime
{
    public const string OperatorKey = "hosts-operator-key-0123456789";
    public const string CrmKey = "hosts-crm-key-0123456789abc";
    public const string ErpKey = "hosts-erp-key-0123456789abc";
    /// <summary>Where both hosts are reached from (Api:PublicBaseUrl): the worker's requests and the server client's alike.</summary>
    public const string PublicBaseUrl = "https://billing.test";
    private const string ServiceBusConnection = "Endpoint=sb://sb-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=bm90LWEtcmVhbC1rZXk=";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplicationFactory<server::Program>? _factory;
    private WebApplicationFactory<server::Program>? _server;
    private IHost? _worker;

    public string Prefix { get; } = "fh" + Guid.NewGuid().ToString("N")[..12];
    public IHost Worker => _worker ?? throw new InvalidOperationException("call ReadyAsync first");
    public HttpClient Server { get; private set; } = null!;
    /// <summary>What the worker host's Service Bus sender handed to the topic.</summary>
    public ConcurrentQueue<ServiceBusMessage> WorkerTopic { get; } = new();
    /// <summary>An active account with a paid offline payment (its invoice_paid event waits in the outbox queue).</summary>
    public string AccountId { get; private set; } = "";
    /// <summary>A CRM key scoped to <see cref="AccountId"/>, issued through the API (stored hashed; both hosts read it).</summary>
    public string ScopedKey { get; private set; } = "";
    public string PortalCookie { get; private set; } = "";
    public string ConsoleCookie { get; private set; } = "";

    public static string StorageConnection => Environment.GetEnvironmentVariable("BILLING_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";

    /// <summary>Every function of the worker app, by function name.</summary>
    public static readonly IReadOnlyDictionary<string, MethodInfo> Functions = typeof(HttpFunctions).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name);

    private Dictionary<string, string?> Settings() => new()
    {
        ["Storage:ConnectionString"] = StorageConnection,
        ["Storage:Prefix"] = Prefix,
        ["Payments:Provider"] = "sandbox",
        ["Payments:Sandbox:WebhookSecret"] = "hosts-webhook-secret-0123456789",
        ["CustomerBilling:DefaultPublicOfferUrl"] = "https://vendor.test/public-offer",
        ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
        ["Billing:HolidaysPath"] = Path.Combine(AppContext.BaseDirectory, "holidays"),
        ["Api:PublicBaseUrl"] = PublicBaseUrl,
        ["Security:Keys:0:Key"] = OperatorKey, ["Security:Keys:0:Role"] = "Operator", ["Security:Keys:0:Name"] = "hosts operator",
        ["Security:Keys:1:Key"] = CrmKey, ["Security:Keys:1:Role"] = "Crm", ["Security:Keys:1:Name"] = "hosts crm",
        ["Security:Keys:2:Key"] = ErpKey, ["Security:Keys:2:Role"] = "Erp", ["Security:Keys:2:Name"] = "hosts erp",
        ["Jobs:ShardCount"] = "2",
        // The server's own timers and queue listeners stay off: the worker's functions are what runs jobs and deliveries here.
        ["Scheduler:Enabled"] = "false",
        ["QueueListener:Enabled"] = "false",
        ["Demo:Enabled"] = "false",
        ["Telemetry:Console"] = "false",
        ["Events:Transport"] = "servicebus",
        ["Events:ServiceBus:ConnectionString"] = ServiceBusConnection,
        ["Events:Secret"] = "hosts-events-secret-0123456789",
    };

    /// <summary>A topic client whose sender records what it is given (the SDK's members are virtual for this).</summary>
    private static ServiceBusEventTopic Topic(ConcurrentQueue<ServiceBusMessage> taken)
    {
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => taken.Enqueue(m)).Returns(Task.CompletedTask);
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.CreateSender(ServiceBusEventOptions.DefaultTopic)).Returns(sender.Object);
        return new ServiceBusEventTopic(client.Object, owned: false);
    }

    public async Task<TwoHosts> ReadyAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_worker is null) await StartAsync();
            return this;
        }
        finally { _gate.Release(); }
    }

    private async Task StartAsync()
    {
        var settings = Settings();
        _factory = new WebApplicationFactory<server::Program>();
        _server = _factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production"); // as the worker host's (no DOTNET_ENVIRONMENT here)
            foreach (var (k, v) in settings) b.UseSetting(k, v);
            b.ConfigureTestServices(s => s.AddSingleton(Topic(new ConcurrentQueue<ServiceBusMessage>())));
        });
        Server = _server.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicBaseUrl), AllowAutoRedirect = false, HandleCookies = false });
        // Starting the server runs its StorageInitializer: this prefix's tables and queues exist before either host uses them.
        Assert.Equal(HttpStatusCode.OK, (await Server.GetAsync("/api/health")).StatusCode);

        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        FunctionsHost.Configure(builder);
        builder.Services.AddSingleton(Topic(WorkerTopic));
        _worker = builder.Build();
        await SeedAsync();
    }

    private async Task<JsonNode> ServerJsonAsync(HttpMethod method, string path, string key, object? body, int expected)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-api-key", key);
        if (body is not null) request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        var response = await Server.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    private async Task SeedAsync()
    {
        AccountId = (string)(await ServerJsonAsync(HttpMethod.Post, "/api/accounts", CrmKey,
            new { name = "Hosts tenant", currency = "UAH", timeZone = "Europe/Kyiv", country = "UA", language = "uk", planId = "standard", addOns = Array.Empty<string>() }, 201))["id"]!;
        await ServerJsonAsync(HttpMethod.Post, $"/api/accounts/{AccountId}/seats", CrmKey, new { seats = 2 }, 200);
        await ServerJsonAsync(HttpMethod.Post, $"/api/accounts/{AccountId}/activate", CrmKey, null, 200);
        await ServerJsonAsync(HttpMethod.Post, $"/api/operator/accounts/{AccountId}/offline-payments", OperatorKey,
            new { amount = 50_000, currency = "UAH", reference = "wire-hosts-1", operatorId = "op-1" }, 200);
        ScopedKey = (string)(await ServerJsonAsync(HttpMethod.Post, "/api/operator/api-keys", OperatorKey, new { role = "crm", accountId = AccountId, name = "scoped" }, 201))["key"]!;

        var link = (string)(await ServerJsonAsync(HttpMethod.Post, $"/api/accounts/{AccountId}/portal-sessions", CrmKey,
            new { userId = "u-1", role = "owner", language = "uk", returnUrl = "https://crm.example/billing" }, 201))["url"]!;
        PortalCookie = SessionCookie(await Server.GetAsync(new Uri(link).PathAndQuery), "__Host-billing-portal");
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/console/sign-in") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = OperatorKey }) };
        signIn.Headers.Add("Sec-Fetch-Site", "same-origin");
        ConsoleCookie = SessionCookie(await Server.SendAsync(signIn), "__Host-billing-console");
    }

    private static string SessionCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } c
            ? c.Split(';')[0]
            : throw new InvalidOperationException($"no {name} cookie: {(int)response.StatusCode}");

    /// <summary>Sends <paramref name="call"/> to the server host.</summary>
    public async Task<HostAnswer> ServerAsync(HostCall call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.PathAndQuery);
        if (call.Body is not null) request.Content = new ByteArrayContent(call.Body) { Headers = { { "Content-Type", call.ContentType } } };
        foreach (var (k, v) in call.Headers) request.Headers.TryAddWithoutValidation(k, v);
        using var response = await Server.SendAsync(request);
        return HostAnswer.Of((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Headers.Location?.OriginalString,
            await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// Invokes the HTTP function <paramref name="call"/> names in the worker host: its key middleware, then (when admitted) the
    /// function itself with the route values bound to its parameters. Ran: whether the middleware let the function run.
    /// </summary>
    public async Task<(HostAnswer Answer, bool Ran)> WorkerAsync(HostCall call)
    {
        var function = Functions[call.Function];
        using var scope = Worker.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var request = http.Request;
        request.Method = call.Method;
        request.Scheme = "https";
        request.Host = new HostString(new Uri(PublicBaseUrl).Host);
        request.Path = call.Path;
        request.QueryString = new QueryString(call.Query);
        foreach (var (k, v) in call.Headers) request.Headers[k] = v;
        if (call.Body is not null)
        {
            request.Body = new MemoryStream(call.Body);
            request.ContentType = call.ContentType;
            request.ContentLength = call.Body.Length;
        }
        http.Response.Body = new MemoryStream();

        var context = Invocation(call, scope.ServiceProvider, http);
        var middleware = ActivatorUtilities.GetServiceOrCreateInstance<CallerKeyWorkerMiddleware>(scope.ServiceProvider);
        var ran = false;
        await middleware.Invoke(context, async c =>
        {
            ran = true;
            var instance = scope.ServiceProvider.GetRequiredService<IFunctionActivator>().CreateInstance(function.DeclaringType!, c)!;
            var args = function.GetParameters().Select(p =>
                p.ParameterType == typeof(HttpRequest) ? request
                : p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
                : (object)call.RouteValues[p.Name!]).ToArray();
            var result = await (Task<IResult>)function.Invoke(instance, args)!;
            await result.ExecuteAsync(http);
        });
        http.Response.Body.Position = 0;
        var body = ((MemoryStream)http.Response.Body).ToArray();
        return (HostAnswer.Of(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, body), ran);
    }

    /// <summary>
    /// Invokes a timer or queue function in the worker host as the host does: through the worker's middleware (which lets
    /// non-HTTP invocations pass), the class made by the worker's activator, the trigger's value bound to its parameter.
    /// </summary>
    public async Task InvokeAsync(string function, object trigger)
    {
        var method = Functions[function];
        using var scope = Worker.Services.CreateScope();
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(function);
        var binding = new Mock<BindingContext>();
        binding.SetupGet(b => b.BindingData).Returns(new Dictionary<string, object?>());
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);
        context.SetupGet(c => c.InstanceServices).Returns(scope.ServiceProvider);
        context.SetupProperty(c => c.Items, new Dictionary<object, object>());
        var middleware = ActivatorUtilities.GetServiceOrCreateInstance<CallerKeyWorkerMiddleware>(scope.ServiceProvider);
        var ran = false;
        await middleware.Invoke(context.Object, async c =>
        {
            ran = true;
            var instance = scope.ServiceProvider.GetRequiredService<IFunctionActivator>().CreateInstance(method.DeclaringType!, c)!;
            var args = method.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) ? CancellationToken.None : trigger).ToArray();
            await (Task)method.Invoke(instance, args)!;
        });
        Assert.True(ran, $"{function} did not run");
    }

    /// <summary>
    /// The FunctionContext the worker makes for an HTTP invocation: the function's name, the route's values in the binding data
    /// (with the query's, as the host adds them), the invocation's services, and the request's HttpContext where the ASP.NET
    /// Core integration puts it (<c>Items["HttpRequestContext"]</c>).
    /// </summary>
    private static FunctionContext Invocation(HostCall call, IServiceProvider services, HttpContext http)
    {
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(call.Function);
        var binding = new Mock<BindingContext>();
        var data = http.Request.Query.ToDictionary(q => q.Key, q => (object?)q.Value.ToString());
        foreach (var (k, v) in call.RouteValues) data[k] = v;
        binding.SetupGet(b => b.BindingData).Returns(data);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.FunctionId).Returns(call.Function);
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);
        context.SetupGet(c => c.InstanceServices).Returns(services);
        context.SetupGet(c => c.InvocationId).Returns(Guid.NewGuid().ToString());
        context.SetupProperty(c => c.Items, new Dictionary<object, object> { ["HttpRequestContext"] = http });
        return context.Object;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Server?.Dispose();
        if (_worker is IAsyncDisposable w) await w.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        if (_factory is not null) await _factory.DisposeAsync();
    }
}

/// <summary>One request as both hosts get it, with the function and route values it reaches.</summary>
public sealed record HostCall(string Function, string Method, string Path, string Query, IReadOnlyDictionary<string, string> RouteValues,
    IReadOnlyDictionary<string, string> Headers, byte[]? Body = null, string? ContentType = null)
{
    public string PathAndQuery => Path + Query;

    /// <summary>A request to <paramref name="entry"/> with these route values (the path built from its route).</summary>
    public static HostCall To(ApiEndpoint entry, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> headers,
        string? json = null, string? form = null, string query = "") =>
        new(entry.Name, entry.Method, "/" + values.Aggregate(entry.Path, (route, v) => route.Replace("{" + v.Key + "}", v.Value)), query, values, headers,
            json is not null ? Encoding.UTF8.GetBytes(json) : form is not null ? Encoding.UTF8.GetBytes(form) : null,
            json is not null ? "application/json" : form is not null ? "application/x-www-form-urlencoded" : null);
}
