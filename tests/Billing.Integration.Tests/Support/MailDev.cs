using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Billing.Integration.Tests.Support;

/// <summary>maildev, as started by the test script: SMTP to send to, and its REST API to read what arrived.</summary>
public static class MailDev
{
    public static int SmtpPort => int.TryParse(Environment.GetEnvironmentVariable("BILLING_TEST_SMTP_PORT"), out var p) ? p : 1025;
    public static string ApiUrl => Environment.GetEnvironmentVariable("BILLING_TEST_MAILDEV_URL") is { Length: > 0 } u ? u : "http://127.0.0.1:1080";

    private static readonly HttpClient Http = new() { BaseAddress = new Uri(ApiUrl), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Emails to one address (tests use unique addresses, so parallel tests do not see each other's mail).</summary>
    public static async Task<List<JsonNode>> ToAsync(string address)
    {
        var all = await Http.GetFromJsonAsync<JsonArray>("/api/email") ?? [];
        return all.Where(m => m!["to"]!.AsArray().Any(t => string.Equals(t!["address"]!.GetValue<string>(), address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => m!).ToList();
    }

    /// <summary>Waits until <paramref name="count"/> emails reached the address (delivery goes through a queue).</summary>
    public static async Task<List<JsonNode>> WaitForAsync(string address, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var mails = await ToAsync(address);
            if (mails.Count >= count || DateTime.UtcNow > deadline) return mails;
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="count"/> emails whose subject holds <paramref name="subject"/> reached the address.</summary>
    public static async Task<List<JsonNode>> WaitForSubjectAsync(string address, string subject, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var mails = (await ToAsync(address)).Where(m => m["subject"]!.GetValue<string>().Contains(subject, StringComparison.Ordinal)).ToList();
            if (mails.Count >= count || DateTime.UtcNow > deadline) return mails;
            await Task.Delay(100);
        }
    }
}
