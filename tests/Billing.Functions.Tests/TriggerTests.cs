using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Jobs;
using Billing.Core.Storage;
using Billing.Http;
using Billing.Http.Jobs;
using Billing.Infrastructure.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Billing.Functions.Tests;

/// <summary>
/// Each trigger calls its use case with the right arguments and maps the result: the real handlers and rules
/// from AddBilling, with the ports (store, queue, shard index, run log) mocked.
/// </summary>
public sealed class TriggerTests
{
    private readonly Mock<IAccountStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IJobQueue> _queue = new();
    private readonly Mock<IJobRunLog> _runs = new();
    private readonly Mock<IShardIndex> _index = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 6, 5, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public TriggerTests()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Payments:Sandbox:WebhookSecret"] = "a-test-secret-of-enough-length",
            ["CustomerBilling:DefaultPublicOfferUrl"] = "https://vendor.test/public-offer",
            ["Billing:CatalogPath"] = Path.Combine(AppContext.BaseDirectory, "catalog.json"),
            ["Jobs:ShardCount"] = "3",
            ["Telemetry:Console"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddBilling(config);
        services.AddSingleton(_store.Object).AddSingleton(_queue.Object).AddSingleton(_runs.Object).AddSingleton(_index.Object);
        _services = services.BuildServiceProvider();
    }

    private T Create<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    private HttpRequest Request(string method, string? body = null)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Method = method;
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("billing.example");
        if (body is not null) http.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        http.Response.Body = new MemoryStream();
        return http.Request;
    }

    private static async Task<(int Status, JsonNode Body, string? Type)> Execute(IResult result, HttpRequest request)
    {
        await result.ExecuteAsync(request.HttpContext);
        var response = request.HttpContext.Response;
        response.Body.Position = 0;
        var text = await new StreamReader(response.Body).ReadToEndAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, response.ContentType);
    }

    private static Account Account(string id) => new()
    {
        Id = id, Name = "Acme", Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "standard", Balance = 12_345,
    };

    [Fact]
    public async Task A5_account_get_reads_the_account_named_in_the_route_and_answers_200()
    {
        _store.Setup(s => s.FindAsync("acc_one", It.IsAny<CancellationToken>())).ReturnsAsync(new Versioned<Account>(Account("acc_one"), "etag"));
        var req = Request("GET");
        var (status, body, _) = await Execute(await Create<HttpFunctions>().AccountGet(req, "acc_one", CancellationToken.None), req);
        Assert.Equal(200, status);
        Assert.Equal("acc_one", body["id"]!.GetValue<string>());
        Assert.Equal(12_345, body["balance"]!["amount"]!.GetValue<long>());
        _store.Verify(s => s.FindAsync("acc_one", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task S2_an_unknown_or_malformed_account_id_maps_to_a_404_problem()
    {
        _store.Setup(s => s.FindAsync("acc_none", It.IsAny<CancellationToken>())).ReturnsAsync((Versioned<Account>?)null);
        var req = Request("GET");
        var (status, body, type) = await Execute(await Create<HttpFunctions>().AccountGet(req, "acc_none", CancellationToken.None), req);
        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal("account_not_found", body["code"]!.GetValue<string>());

        var bad = Request("GET");
        var (badStatus, _, _) = await Execute(await Create<HttpFunctions>().AccountGet(bad, "'; drop", CancellationToken.None), bad);
        Assert.Equal(404, badStatus);
        _store.Verify(s => s.FindAsync("'; drop", It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task B1_top_up_trigger_refuses_an_employee_with_403_and_commits_nothing()
    {
        var req = Request("POST", """{"amount":50000,"actingUserId":"e1","role":"employee"}""");
        var (status, body, _) = await Execute(await Create<HttpFunctions>().TopUpCreate(req, "acc_one", CancellationToken.None), req);
        Assert.Equal(403, status);
        Assert.Equal("top_up_forbidden", body["code"]!.GetValue<string>());
        _store.Verify(s => s.CommitAsync(It.IsAny<AccountCommit>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task B4_webhook_trigger_with_a_bad_signature_answers_400_and_touches_no_account()
    {
        var req = Request("POST", """{"id":"evt_1","type":"checkout.completed","created":0,"data":{"checkoutId":"cs_1","accountId":"acc_one","invoiceId":"inv_1","amount":1,"currency":"UAH"}}""");
        req.Headers["Sandbox-Signature"] = "t=1,v1=00";
        var (status, body, _) = await Execute(await Create<HttpFunctions>().Webhook(req, "sandbox", CancellationToken.None), req);
        Assert.Equal(400, status);
        Assert.Equal("webhook_rejected", body["code"]!.GetValue<string>());
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task C3_a_timer_starts_its_job_as_of_now_with_one_message_per_shard_even_when_past_due()
    {
        IReadOnlyList<JobMessage>? sent = null;
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<IReadOnlyList<JobMessage>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<JobMessage>, CancellationToken>((m, _) => sent = m).Returns(Task.CompletedTask);
        await Create<JobFunctions>().DailyCharge(new TimerInfo { IsPastDue = true }, CancellationToken.None);
        Assert.NotNull(sent);
        Assert.Equal([0, 1, 2], sent!.Select(m => m.Shard));
        Assert.All(sent, m => Assert.Equal((JobNames.DailyCharge, _clock.GetUtcNow()), (m.Job, m.AsOf)));
        Assert.Single(sent.Select(m => m.RunId).Distinct());
        _runs.Verify(r => r.StartedAsync(It.Is<JobRun>(x => x.Job == JobNames.DailyCharge && x.Shards == 3), It.IsAny<CancellationToken>()), Times.Once);

        await Create<JobFunctions>().MonthlyPostpaid(new TimerInfo(), CancellationToken.None);
        Assert.All(sent!, m => Assert.Equal(JobNames.MonthlyPostpaid, m.Job));
    }

    private static QueueMessage Message(string text, long dequeueCount) =>
        QueuesModelFactory.QueueMessage("id-1", "receipt", text, dequeueCount);

    [Fact]
    public async Task C3_the_queue_trigger_runs_the_shard_it_names_with_the_messages_asOf()
    {
        var asOf = new DateTimeOffset(2026, 11, 20, 0, 5, 0, TimeSpan.Zero);
        // Entries without a time zone and no watermark yet: the daily charge visits both (ChargeDue).
        _index.Setup(i => i.EntriesAsync(2, It.IsAny<CancellationToken>())).Returns(new[] { new ShardEntry("acc_a", null, null), new ShardEntry("acc_b", null, null) }.ToAsyncEnumerable());
        // Neither account exists in the mocked store: the job skips them, which is what "missing account" means.
        _store.Setup(s => s.ReadHeadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((AccountHead?)null);
        var text = StorageQueueJobQueue.Serialize(new JobMessage(JobNames.DailyCharge, 2, asOf, "run-1"));
        await Create<JobFunctions>().JobShard(Message(text, 1), CancellationToken.None);
        _store.Verify(s => s.ReadHeadAsync("acc_a", It.IsAny<CancellationToken>()), Times.Once);
        _store.Verify(s => s.ReadHeadAsync("acc_b", It.IsAny<CancellationToken>()), Times.Once);
        _runs.Verify(r => r.ShardFinishedAsync(It.Is<JobMessage>(m => m.Shard == 2 && m.AsOf == asOf), It.Is<ShardResult>(x => x.Accounts == 2 && x.Failed == 0), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task C3_a_failing_shard_throws_so_the_host_retries_it_and_an_unreadable_message_is_dropped()
    {
        _index.Setup(i => i.EntriesAsync(0, It.IsAny<CancellationToken>())).Returns(new[] { new ShardEntry("acc_a", null, null) }.ToAsyncEnumerable());
        _store.Setup(s => s.ReadHeadAsync("acc_a", It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException("storage timed out"));
        var text = StorageQueueJobQueue.Serialize(new JobMessage(JobNames.DailyCharge, 0, _clock.GetUtcNow(), "run-2"));
        await Assert.ThrowsAsync<ShardFailedException>(() => Create<JobFunctions>().JobShard(Message(text, 3), CancellationToken.None));
        _runs.Verify(r => r.ShardFinishedAsync(It.IsAny<JobMessage>(), It.Is<ShardResult>(x => x.Outcome == ShardOutcome.Retrying), It.IsAny<CancellationToken>()), Times.Once);
        _runs.Verify(r => r.ShardFinishedAsync(It.IsAny<JobMessage>(), It.Is<ShardResult>(x => x.Outcome != ShardOutcome.Retrying), It.IsAny<CancellationToken>()), Times.Never);

        // The last delivery (host.json maxDequeueCount): the host moves it to the poison queue, and the run says the shard failed.
        await Assert.ThrowsAsync<ShardFailedException>(() => Create<JobFunctions>().JobShard(Message(text, JobQueueHandler.MaxDequeueCount), CancellationToken.None));
        _runs.Verify(r => r.ShardFinishedAsync(It.IsAny<JobMessage>(), It.Is<ShardResult>(x => x.Outcome == ShardOutcome.Poisoned
            && x.FailedAccounts.Single().AccountId == "acc_a" && x.FailedAccounts.Single().Error.Contains("storage timed out")), It.IsAny<CancellationToken>()), Times.Once);

        await Create<JobFunctions>().JobShard(Message("not json", 1), CancellationToken.None); // logged and dropped, no throw
        _index.Verify(i => i.EntriesAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public void C3_host_json_moves_a_message_to_poison_after_the_same_count_the_server_listener_uses()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "host.json")) || !Directory.Exists(Path.Combine(root, "functions"))) root = Path.GetDirectoryName(root)!;
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "host.json")))!;
        Assert.Equal(JobQueueHandler.MaxDequeueCount, host["extensions"]!["queues"]!["maxDequeueCount"]!.GetValue<int>());
        // Triggers declare their routes from the root (the API under api/, the portal and console pages beside it).
        Assert.Equal("", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal("base64", host["extensions"]!["queues"]!["messageEncoding"]!.GetValue<string>());
    }
}
