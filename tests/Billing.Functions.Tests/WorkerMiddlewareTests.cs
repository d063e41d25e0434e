using System.Reflection;
using System.Text.Json.Nodes;
using Billing.Core.Security;
using Billing.Functions.Tests.Support;
using Billing.Http;
using Billing.Http.Endpoints;
using Billing.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Billing.Functions.Tests;

/// <summary>
/// S1 in the Functions app: <see cref="CallerKeyWorkerMiddleware"/> runs before every trigger and applies the one key
/// model to every endpoint-table entry — role, account scope, and the refusals' codes — with the real registration
/// (AddBilling, bootstrap keys from configuration) and a mocked <see cref="FunctionContext"/> shaped as the ASP.NET Core
/// integration's: the request's HttpContext sits in <c>Items["HttpRequestContext"]</c>, which is the key
/// <c>FunctionContextExtensions.GetHttpContext()</c> of Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore 2.1.1
/// reads (its IL: <c>Items.TryGetValue("HttpRequestContext", …)</c>; the constant is <c>Constants.HttpContextKey</c>).
/// </summary>
public sealed class WorkerMiddlewareTests : IClassFixture<TwoHosts>
{
    private const string CrmKey = "crm-key-0123456789abcdef";
    private const string ErpKey = "erp-key-0123456789abcdef";
    private const string OperatorKey = "operator-key-0123456789abcdef";
    private const string ScopedCrmKey = "crm-scoped-key-0123456789abcdef";
    private const string UnknownKey = "not-a-configured-key-0123456789";
    private const string OwnAccount = "acc_own";
    private const string OtherAccount = "acc_other";

    /// <summary>Stands in for the table of issued keys: it knows none, so only bootstrap keys authenticate.</summary>
    private readonly Mock<IApiKeyStore> _keyStore = new();
    private readonly ServiceProvider _services;

    /// <summary>Both hosts over Azurite, for the roles' end-to-end test (built on its first use).</summary>
    private readonly TwoHosts _hosts;

    public WorkerMiddlewareTests(TwoHosts hosts)
    {
        _hosts = hosts;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Payments:Sandbox:WebhookSecret"] = "a-test-secret-of-enough-length",
            ["CustomerBilling:DefaultPublicOfferUrl"] = "https://vendor.test/public-offer",
            ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
            ["Telemetry:Console"] = "false",
            ["Security:Keys:0:Key"] = CrmKey,
            ["Security:Keys:0:Role"] = "Crm",
            ["Security:Keys:0:Name"] = "crm",
            ["Security:Keys:1:Key"] = ErpKey,
            ["Security:Keys:1:Role"] = "Erp",
            ["Security:Keys:1:Name"] = "erp",
            ["Security:Keys:2:Key"] = OperatorKey,
            ["Security:Keys:2:Role"] = "Operator",
            ["Security:Keys:2:Name"] = "operator",
            ["Security:Keys:3:Key"] = ScopedCrmKey,
            ["Security:Keys:3:Role"] = "Crm",
            ["Security:Keys:3:AccountId"] = OwnAccount,
            ["Security:Keys:3:Name"] = "crm of acc_own",
        }).Build();
        _keyStore.Setup(s => s.FindByHashAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((ApiKey?)null);
        var services = new ServiceCollection().AddLogging();
        services.AddBilling(config);
        // After AddBilling, so it replaces the table-storage store: an unknown key must not reach Azure storage here.
        services.AddSingleton(_keyStore.Object);
        _services = services.BuildServiceProvider();
    }

    /// <summary>One caller of the matrix: the key it presents, what that key is, and the {accountId} it calls with.</summary>
    public sealed record CallerCase(string Label, string? Key, CallerRole? Role, string? Scope, string RouteAccount);

    private static readonly CallerCase[] Callers_ =
    [
        new("no key", null, null, null, OwnAccount),
        new("unknown key", UnknownKey, null, null, OwnAccount),
        new("crm", CrmKey, CallerRole.Crm, null, OwnAccount),
        new("erp", ErpKey, CallerRole.Erp, null, OwnAccount),
        new("operator", OperatorKey, CallerRole.Operator, null, OwnAccount),
        new("crm scoped to acc_own, own account", ScopedCrmKey, CallerRole.Crm, OwnAccount, OwnAccount),
        new("crm scoped to acc_own, other account", ScopedCrmKey, CallerRole.Crm, OwnAccount, OtherAccount),
    ];

    private sealed record Invocation(FunctionContext Context, HttpContext Http);

    /// <summary>
    /// A FunctionContext for the HTTP trigger of <paramref name="entry"/>, as the worker builds it: the function's name, the
    /// route's values in the binding data (accountId only when the route has one), and the HttpContext in Items.
    /// </summary>
    private Invocation Http(ApiEndpoint entry, string routeAccount, Action<HttpRequest>? present = null, IReadOnlyDictionary<string, string>? queryAndBody = null)
    {
        var values = entry.Parameters.ToDictionary(p => p, p => p == "accountId" ? routeAccount : $"{p.ToLowerInvariant()}_1");
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Method = entry.Method;
        http.Request.Path = "/" + values.Aggregate(entry.Path, (route, v) => route.Replace("{" + v.Key + "}", v.Value));
        http.Response.Body = new MemoryStream();
        present?.Invoke(http.Request);

        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(entry.Name);
        var binding = new Mock<BindingContext>();
        // The host also puts query parameters and top-level body fields into the binding data; route values win where both exist.
        var data = (queryAndBody ?? new Dictionary<string, string>()).Concat(values).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => (object?)g.Last().Value);
        binding.SetupGet(b => b.BindingData).Returns(data);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.BindingContext).Returns(binding.Object);
        context.SetupGet(c => c.InstanceServices).Returns(_services);
        context.SetupGet(c => c.InvocationId).Returns(Guid.NewGuid().ToString());
        context.SetupProperty(c => c.Items, new Dictionary<object, object> { ["HttpRequestContext"] = http });
        // The extension the middleware uses finds the request where this context puts it.
        Assert.Same(http, context.Object.GetHttpContext());
        return new Invocation(context.Object, http);
    }

    private CallerKeyWorkerMiddleware Middleware() => ActivatorUtilities.CreateInstance<CallerKeyWorkerMiddleware>(_services);

    /// <summary>Runs the middleware; true when it called the next step (the trigger) with the same context.</summary>
    private async Task<bool> Run(FunctionContext context)
    {
        var called = 0;
        await Middleware().Invoke(context, c =>
        {
            Assert.Same(context, c);
            called++;
            return Task.CompletedTask;
        });
        Assert.InRange(called, 0, 1);
        return called == 1;
    }

    private static async Task<(int Status, string? ContentType, JsonNode? Body)> Response(HttpContext http)
    {
        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return (http.Response.StatusCode, http.Response.ContentType, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static Callers Flag(CallerRole role) => role switch
    {
        CallerRole.Crm => Billing.Http.Endpoints.Callers.Crm,
        CallerRole.Erp => Billing.Http.Endpoints.Callers.Erp,
        CallerRole.Operator => Billing.Http.Endpoints.Callers.Operator,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The rule (S1), written out: null when the trigger runs, else the refusal's status and code.</summary>
    private static (int Status, string Code)? Expected(ApiEndpoint entry, CallerCase caller)
    {
        // Public entries, and the portal's and console's pages (their session is checked by the entry's pipeline, not by a key).
        if (entry.IsPublic || entry.BySession) return null;
        if (caller.Key is null) return (401, "key_missing");
        if (caller.Role is not { } role) return (403, "key_invalid");
        if (caller.Scope is { } scope && (!entry.Route.Contains("{accountId}") || caller.RouteAccount != scope)) return (403, "key_scope");
        if ((entry.Callers & Flag(role)) == 0) return (403, "key_role");
        return null;
    }

    [Fact]
    public async Task S1_every_endpoint_admits_exactly_the_roles_and_scopes_of_its_table_entry_in_the_worker_middleware()
    {
        var mismatches = new List<string>();
        var outcomes = new Dictionary<string, int>();
        foreach (var entry in EndpointTable.All)
        foreach (var caller in Callers_)
        {
            var (context, http) = Http(entry, caller.RouteAccount, r => { if (caller.Key is not null) r.Headers[CallerAuthorization.Header] = caller.Key; });
            var ran = await Run(context);
            var (status, contentType, body) = await Response(http);
            var expected = Expected(entry, caller);
            var label = $"{entry.Name} ({entry.Method} {entry.Route}, {entry.Callers}) as {caller.Label}";
            outcomes[expected?.Code ?? "next"] = outcomes.GetValueOrDefault(expected?.Code ?? "next") + 1;

            if (expected is null)
            {
                if (!ran) { mismatches.Add($"{label}: expected the trigger to run, got {status} {body?["code"]}"); continue; }
                if (status != 200 || body is not null) mismatches.Add($"{label}: ran, but the middleware also wrote {status} {body?.ToJsonString()}");
                // The handler gets the caller the key stands for (none on a public route).
                var admitted = CallerAuthorization.CallerOf(http.Request);
                (CallerRole?, string?)? want = entry.IsPublic || entry.BySession ? null : (caller.Role, caller.Scope);
                (CallerRole?, string?)? got = admitted is null ? null : (admitted.Role, admitted.AccountId);
                if (want != got) mismatches.Add($"{label}: the handler would see caller {got?.ToString() ?? "none"}, expected {want?.ToString() ?? "none"}");
            }
            else
            {
                var (wantStatus, wantCode) = expected.Value;
                var code = (string?)body?["code"];
                if (ran) mismatches.Add($"{label}: expected {wantStatus} {wantCode}, but the trigger ran");
                else if (status != wantStatus || code != wantCode || contentType != Billing.Http.Errors.Problem.ContentType || (int?)body?["status"] != wantStatus)
                    mismatches.Add($"{label}: expected {wantStatus} {wantCode} as problem+json, got {status} {code} ({contentType})");
            }
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {EndpointTable.All.Count * Callers_.Length} cases differ:\n" + string.Join("\n", mismatches));
        // The matrix exercised every branch of the rule, not just one.
        foreach (var outcome in new[] { "next", "key_missing", "key_invalid", "key_scope", "key_role" })
            Assert.True(outcomes.GetValueOrDefault(outcome) > 0, $"no case of the matrix ended in {outcome}");
        // Only the unknown key was looked up among issued keys: bootstrap keys never reach the store.
        _keyStore.Verify(s => s.FindByHashAsync(ApiKeyService.HashOf(UnknownKey), It.IsAny<CancellationToken>()), Times.AtLeastOnce);
        _keyStore.Verify(s => s.FindByHashAsync(It.Is<string>(h => h != ApiKeyService.HashOf(UnknownKey)), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task S1_the_key_is_read_from_x_api_key_then_x_functions_key_then_the_code_query_as_on_the_server()
    {
        var entry = EndpointTable.Named("ApiKeyList"); // operator only, no {accountId}
        Assert.Equal(Billing.Http.Endpoints.Callers.Operator, entry.Callers);

        var legacy = Http(entry, OwnAccount, r => r.Headers[CallerAuthorization.LegacyHeader] = OperatorKey);
        Assert.True(await Run(legacy.Context));
        Assert.Equal(CallerRole.Operator, CallerAuthorization.CallerOf(legacy.Http.Request)!.Role);

        var query = Http(entry, OwnAccount, r => r.QueryString = new QueryString("?code=" + OperatorKey));
        Assert.True(await Run(query.Context));
        Assert.Equal(CallerRole.Operator, CallerAuthorization.CallerOf(query.Http.Request)!.Role);

        // x-api-key comes first: a CRM key there is what is checked, whatever the other places hold.
        var both = Http(entry, OwnAccount, r =>
        {
            r.Headers[CallerAuthorization.Header] = CrmKey;
            r.Headers[CallerAuthorization.LegacyHeader] = OperatorKey;
            r.QueryString = new QueryString("?code=" + OperatorKey);
        });
        Assert.False(await Run(both.Context));
        var (status, _, body) = await Response(both.Http);
        Assert.Equal((403, "key_role"), (status, (string?)body!["code"]));
    }

    [Fact]
    public async Task S1_C3_a_timer_or_queue_invocation_has_no_http_context_and_simply_runs()
    {
        var names = typeof(JobFunctions).GetMethods().Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().ToList();
        Assert.Contains("DailyChargeTimer", names);
        Assert.Contains("JobShard", names);
        Assert.Contains("OutboxDelivery", names);
        foreach (var name in names)
        {
            var definition = new Mock<FunctionDefinition>();
            definition.SetupGet(d => d.Name).Returns(name);
            var binding = new Mock<BindingContext>();
            binding.SetupGet(b => b.BindingData).Returns(new Dictionary<string, object?>());
            var context = new Mock<FunctionContext>();
            context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
            context.SetupGet(c => c.BindingContext).Returns(binding.Object);
            context.SetupGet(c => c.InstanceServices).Returns(_services);
            context.SetupProperty(c => c.Items, new Dictionary<object, object>());
            Assert.Null(context.Object.GetHttpContext());
            Assert.True(await Run(context.Object), $"{name} did not run");
        }
        _keyStore.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task S1_a_scoped_key_cannot_name_its_account_in_the_query_or_body_of_a_route_without_one()
    {
        foreach (var name in new[] { "AccountCreate", "Catalog" })
        {
            var entry = EndpointTable.Named(name);
            Assert.DoesNotContain("accountId", entry.Parameters);
            var call = Http(entry, OwnAccount, r => r.Headers["x-api-key"] = ScopedCrmKey, new Dictionary<string, string> { ["accountId"] = OwnAccount });
            Assert.False(await Run(call.Context), $"{name}: a scoped key passed with accountId only in the query or body");
            var (status, _, body) = await Response(call.Http);
            Assert.Equal((403, "key_scope"), (status, body!["code"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task S1_a_function_that_is_no_entry_of_the_table_is_404_problem_json_whatever_the_key()
    {
        var entry = EndpointTable.Named("Catalog") with { Name = "NotAnEntry" };
        var (context, http) = Http(entry, OwnAccount, r => r.Headers[CallerAuthorization.Header] = OperatorKey);
        http.Request.Path = "/api/not-a-route";
        Assert.False(await Run(context));
        var (status, contentType, body) = await Response(http);
        Assert.Equal((404, Billing.Http.Errors.Problem.ContentType, "route_not_found"), (status, contentType, (string?)body!["code"]));
    }

    [Fact]
    public async Task S1_a_method_the_entry_does_not_serve_is_405_problem_json_with_allow_before_any_key_check()
    {
        foreach (var key in new[] { null, UnknownKey, OperatorKey })
        {
            var (context, http) = Http(EndpointTable.Named("InvoiceList"), OwnAccount, r =>
            {
                r.Method = "DELETE";
                if (key is not null) r.Headers[CallerAuthorization.Header] = key;
            });
            Assert.False(await Run(context));
            var (status, contentType, body) = await Response(http);
            Assert.Equal((405, Billing.Http.Errors.Problem.ContentType, "method_not_allowed"), (status, contentType, (string?)body!["code"]));
            Assert.Equal("GET, POST", http.Response.Headers.Allow.ToString());
        }
    }

    /// <summary>
    /// S1 for each role in the real worker host: a key of each kind (none, crm, erp, operator, a crm key scoped to the account and
    /// the same key on another account) calls a route of each admission (any key, tenant, accounting, operator) through the worker
    /// host's key middleware and, when admitted, the function itself; the function runs exactly when the table admits the caller,
    /// and the answer equals the server host's for the same request.
    /// </summary>
    [Fact]
    public async Task S1_each_role_reaches_a_function_of_the_real_worker_host_exactly_where_the_table_admits_it_and_answers_as_the_server()
    {
        var h = await _hosts.ReadyAsync();
        var callers = new (string Label, string? Key, CallerRole? Role, string? Scope, string Account)[]
        {
            ("no key", null, null, null, h.AccountId),
            ("crm", TwoHosts.CrmKey, CallerRole.Crm, null, h.AccountId),
            ("erp", TwoHosts.ErpKey, CallerRole.Erp, null, h.AccountId),
            ("operator", TwoHosts.OperatorKey, CallerRole.Operator, null, h.AccountId),
            ("crm scoped, own account", h.ScopedKey, CallerRole.Crm, h.AccountId, h.AccountId),
            ("crm scoped, another account", h.ScopedKey, CallerRole.Crm, h.AccountId, ParityRequests.NoAccount),
        };
        var mismatches = new List<string>();
        var outcomes = new HashSet<string>();
        foreach (var name in new[] { "Catalog", "CustomerList", "InvoiceCreateExternal", "ApiKeyList" })
        foreach (var caller in callers)
        {
            var entry = EndpointTable.Named(name);
            var values = entry.Parameters.ToDictionary(p => p, p => caller.Account);
            var headers = caller.Key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [CallerAuthorization.Header] = caller.Key };
            var call = HostCall.To(entry, values, headers, json: entry.Method == "GET" ? null : "{}");
            var (worker, ran) = await h.WorkerAsync(call);
            var server = await h.ServerAsync(call);
            var expected = Expected(entry, new CallerCase(caller.Label, caller.Key, caller.Role, caller.Scope, caller.Account));
            outcomes.Add(expected?.Code ?? "runs");
            var label = $"{name} as {caller.Label}";
            if (ran != expected is null) mismatches.Add($"{label}: the function {(ran ? "ran" : "did not run")}; the table says {expected?.Code ?? "it runs"}");
            if (expected is { } refusal && (worker.Status, worker.ProblemCode) != refusal) mismatches.Add($"{label}: {worker.Status} {worker.ProblemCode}, expected {refusal}");
            if (worker != server) mismatches.Add($"{label}: worker {worker.Status} {worker.ProblemCode}, server {server.Status} {server.ProblemCode}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Equal(["key_missing", "key_role", "key_scope", "runs"], outcomes.Order());
    }
}
