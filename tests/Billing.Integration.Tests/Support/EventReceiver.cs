using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Billing.Core.Payments;

namespace Billing.Integration.Tests.Support;

/// <summary>A local CRM endpoint for G2 events: it verifies each signature as the README tells a CRM to, and keeps what it got.</summary>
public sealed class EventReceiver : IAsyncDisposable
{
    public const string Secret = "test-events-secret-0123456789";
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    /// <summary>The clock signatures are checked against: the app's fake clock in tests that walk time.</summary>
    public TimeProvider Clock { get; set; }

    public ConcurrentQueue<JsonNode> Events { get; } = new();
    public ConcurrentQueue<string> Rejected { get; } = new();
    public string Url { get; }

    public EventReceiver(TimeProvider clock)
    {
        Clock = clock;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/events/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); } catch { return; }
            var body = await new StreamReader(ctx.Request.InputStream).ReadToEndAsync();
            try
            {
                WebhookSignature.Verify(body, ctx.Request.Headers["Billing-Signature"], Secret, Clock.GetUtcNow(), WebhookSignature.DefaultTolerance);
                Events.Enqueue(JsonNode.Parse(body)!);
                ctx.Response.StatusCode = 204;
            }
            catch (WebhookRejectedException e)
            {
                Rejected.Enqueue(e.Message);
                ctx.Response.StatusCode = 400;
            }
            ctx.Response.Close();
        }
    }

    public IEnumerable<JsonNode> For(string accountId) => Events.Where(e => e["accountId"]!.GetValue<string>() == accountId);

    public async Task<List<JsonNode>> WaitForAsync(string accountId, string type, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = For(accountId).Where(e => e["type"]!.GetValue<string>() == type).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline) return found;
            await Task.Delay(100);
        }
    }

    internal static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
