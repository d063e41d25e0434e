using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// A local SMS gateway and Telegram Bot API: it checks the SMS bearer key and the bot token in the path, as the real
/// ones do, answers in their shapes (<c>{"ok":true,…}</c> for Telegram) and keeps what it received.
/// </summary>
public sealed class GatewayReceiver : IAsyncDisposable
{
    public const string SmsKey = "test-sms-key";
    public const string BotToken = "123456:test-bot-token";
    /// <summary>A number the SMS gateway refuses for good (400 with its reason), as real gateways do for invalid numbers.</summary>
    public const string InvalidNumber = "+380000000000";
    public const string InvalidNumberError = """{"error":"invalid_number","message":"+380000000000 is not a mobile number"}""";
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public ConcurrentQueue<JsonNode> Sms { get; } = new();
    public ConcurrentQueue<JsonNode> Telegram { get; } = new();
    public string Url { get; }

    public GatewayReceiver()
    {
        var port = EventReceiver.FreePort();
        Url = $"http://127.0.0.1:{port}/";
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
            var body = JsonNode.Parse(await new StreamReader(ctx.Request.InputStream).ReadToEndAsync())!;
            var path = ctx.Request.Url!.AbsolutePath;
            var (status, answer) = path switch
            {
                "/sms" when ctx.Request.Headers["Authorization"] == "Bearer " + SmsKey && body["to"]?.GetValue<string>() == InvalidNumber => (400, InvalidNumberError),
                "/sms" when ctx.Request.Headers["Authorization"] == "Bearer " + SmsKey => Keep(Sms, body, """{"status":"queued"}"""),
                "/sms" => (401, """{"error":"bad key"}"""),
                $"/telegram/bot{BotToken}/sendMessage" => Keep(Telegram, body, """{"ok":true,"result":{"message_id":1}}"""),
                _ => (404, """{"ok":false,"error_code":404,"description":"Not Found"}"""),
            };
            ctx.Response.StatusCode = status;
            await using (var w = new StreamWriter(ctx.Response.OutputStream)) await w.WriteAsync(answer);
            ctx.Response.Close();
        }
    }

    private static (int, string) Keep(ConcurrentQueue<JsonNode> into, JsonNode body, string answer)
    {
        into.Enqueue(body);
        return (200, answer);
    }

    public static async Task<List<JsonNode>> WaitForAsync(ConcurrentQueue<JsonNode> queue, Func<JsonNode, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = queue.Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline) return found;
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
