using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>
/// A6 over HTTP: the runway in the summary and the access answer, and the low-balance alert (email in maildev, event at a
/// signing CRM endpoint) once per crossing. The clock starts on Monday 2 November 2026, noon in Kyiv.
/// </summary>
public sealed class RunwayTests
{
    // catalog.json: Standard 1-5 seats 99,000 + Virtual PBX 30,000 a month = 4,300 a day; an SMS is 150.
    private const long PerDay = 4_300;
    private const string LowSubjectRu = "баланс закончится";

    private static async Task<string> AccountAsync(BillingApp app) => await app.CreateActiveAccountAsync(seats: 3, addOns: ["telephony"]);

    private static async Task<string> AdminAsync(BillingApp app, string account)
    {
        var admin = $"admin-{Guid.NewGuid():N}@test.example";
        await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { adminEmails = new[] { admin }, language = "ru" })), 200);
        return admin;
    }

    private static async Task UsageAsync(BillingApp app, string account, long quantity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/usage") { Content = BillingApp.Json(new { metric = "sms", quantity }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        await BillingApp.ReadAsync(await app.Api.SendAsync(request), 200);
    }

    private static async Task ChargeAfterAsync(BillingApp app, int days)
    {
        app.Clock.Advance(TimeSpan.FromDays(days));
        await app.RunJobAsync(JobNames.DailyCharge);
    }

    private static async Task<(JsonNode? Summary, JsonNode? Access)> RunwaysAsync(BillingApp app, string account) =>
        ((await app.GetAsync($"/api/accounts/{account}/summary"))["runway"], (await app.GetAsync($"/api/accounts/{account}/access?role=admin"))["runway"]);

    private static void IsRunway(JsonNode? runway, int days, string until)
    {
        Assert.NotNull(runway);
        Assert.Equal(days, runway["days"]!.GetValue<int>());
        Assert.Equal(until, runway["until"]!.GetValue<string>());
        Assert.Equal(2, runway.AsObject().Count);
    }

    /// <summary>Emails of the low-balance alert to the address: waits for <paramref name="count"/>, then a moment more for any extra.</summary>
    private static async Task<List<JsonNode>> AlertsAsync(string address, int count)
    {
        await MailDev.WaitForSubjectAsync(address, LowSubjectRu, count, count == 0 ? TimeSpan.Zero : null);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        return await MailDev.WaitForSubjectAsync(address, LowSubjectRu, count + 1, TimeSpan.Zero);
    }

    private static async Task<List<JsonNode>> EventsAsync(EventReceiver receiver, string account, string type, int count)
    {
        await receiver.WaitForAsync(account, type, count);
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        return receiver.For(account).Where(e => e["type"]!.GetValue<string>() == type).OrderBy(e => e["data"]!["alert"]!.GetValue<long>()).ToList();
    }

    [Fact]
    public async Task A6_summary_and_access_show_the_runway_of_a_known_plan_seats_add_on_balance_and_usage()
    {
        await using var app = await BillingApp.StartAsync();
        var trial = (await app.CreateAccountAsync())["id"]!.GetValue<string>();
        var (trialSummary, trialAccess) = await RunwaysAsync(app, trial);
        Assert.Null(trialSummary); // not charged yet: no runway
        Assert.Null(trialAccess);

        var account = await AccountAsync(app);
        IsRunway((await RunwaysAsync(app, account)).Summary, 0, "2026-11-02"); // nothing on the balance: it runs out today
        await app.FundAsync(account, 10 * PerDay, "wire-runway");
        var (summary, access) = await RunwaysAsync(app, account);
        IsRunway(summary, 10, "2026-11-12");
        IsRunway(access, 10, "2026-11-12");

        // 10 SMS today (1,500), charged tonight with the day: 43,000 - 5,800 = 37,200, and usage averages 1,500 a day.
        await UsageAsync(app, account, 10);
        await ChargeAfterAsync(app, 1);
        Assert.Equal(37_200, await app.BalanceAsync(account));
        (summary, access) = await RunwaysAsync(app, account);
        IsRunway(summary, 6, "2026-11-09"); // 37,200 / 5,800 = 6 days from 3 November
        IsRunway(access, 6, "2026-11-09");
        // The next day without usage halves the average: 32,900 / (4,300 + 750) = 6 days from 4 November.
        await ChargeAfterAsync(app, 1);
        IsRunway((await RunwaysAsync(app, account)).Access, 6, "2026-11-10");
    }

    [Fact]
    public async Task A6_a_charge_that_crosses_the_threshold_alerts_once_the_next_charge_adds_nothing_and_a_top_up_re_arms_for_the_next_crossing()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url });
        receiver.Clock = app.Clock;
        var account = await AccountAsync(app);
        var admin = await AdminAsync(app, account);
        await app.FundAsync(account, 10 * PerDay, "wire-1"); // 10 days: above the default threshold of 7
        await receiver.WaitForAsync(account, "invoice_paid", 1); // delivered before the clock moves on, so its signature is fresh
        await UsageAsync(app, account, 10);

        await ChargeAfterAsync(app, 1); // 6 days left on 3 November: the crossing
        var mail = Assert.Single(await AlertsAsync(admin, 1));
        Assert.Contains("баланс закончится 9 ноября 2026", mail["subject"]!.GetValue<string>());
        var html = mail["html"]!.GetValue<string>();
        Assert.Contains("372,00 UAH", html);
        Assert.Contains("58,00 UAH", html);
        Assert.Contains("Осталось дней: <strong>6</strong>", html);
        var low = Assert.Single(await EventsAsync(receiver, account, "balance_low", 1));
        Assert.Equal($"{account}.event-balance-low-1", low["id"]!.GetValue<string>());
        Assert.Equal(1, low["version"]!.GetValue<int>());
        Assert.Equal("""{"alert":1,"days":6,"until":"2026-11-09","threshold":7,"balance":37200,"dailyCost":5800,"currency":"UAH"}""",
            low["data"]!.ToJsonString());

        await ChargeAfterAsync(app, 1); // still 6 days: the same crossing, nothing more
        Assert.Single(await AlertsAsync(admin, 1));
        Assert.Single(await EventsAsync(receiver, account, "balance_low", 1));

        await app.FundAsync(account, 50_000, "wire-2"); // 82,900 at 5,050 a day: 16 days, above the threshold again
        var recovered = Assert.Single(await EventsAsync(receiver, account, "balance_recovered", 1));
        Assert.Equal($"{account}.event-balance-recovered-1", recovered["id"]!.GetValue<string>());
        Assert.Equal("""{"alert":1,"days":16,"until":"2026-11-20","threshold":7,"balance":82900,"currency":"UAH"}""", recovered["data"]!.ToJsonString());
        Assert.Single(await AlertsAsync(admin, 1)); // a recovery is not emailed
        await receiver.WaitForAsync(account, "invoice_paid", 2);

        // Twelve days caught up at once (4-15 November): 31,300 left at 4,300 + 1,500/14 a day is 7 days: a new crossing.
        await ChargeAfterAsync(app, 12);
        Assert.Equal(31_300, await app.BalanceAsync(account));
        var mails = await AlertsAsync(admin, 2);
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m["subject"]!.GetValue<string>().Contains("23 ноября 2026"));
        var lows = await EventsAsync(receiver, account, "balance_low", 2);
        Assert.Equal([$"{account}.event-balance-low-1", $"{account}.event-balance-low-2"], lows.Select(e => e["id"]!.GetValue<string>()).ToArray());
        Assert.Equal(7, lows[1]["data"]!["days"]!.GetValue<int>());
        Assert.Equal("2026-11-23", lows[1]["data"]!["until"]!.GetValue<string>());
        Assert.Empty(receiver.Rejected);
    }

    [Fact]
    public async Task A6_a_threshold_of_0_sends_nothing_and_raising_it_above_the_runway_alerts_at_once()
    {
        var receiver = new EventReceiver(TimeProvider.System);
        await using var _ = receiver;
        await using var app = await BillingApp.StartAsync(new BillingApp { EventsUrl = receiver.Url });
        receiver.Clock = app.Clock;
        var account = await AccountAsync(app);
        var admin = await AdminAsync(app, account);
        var off = await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { lowBalance = new { days = 0 } })), 200);
        Assert.Equal(0, off["lowBalance"]!["days"]!.GetValue<int>());

        await app.FundAsync(account, 3 * PerDay, "wire-0"); // three days of runway
        await receiver.WaitForAsync(account, "invoice_paid", 1);
        await ChargeAfterAsync(app, 1);
        await ChargeAfterAsync(app, 1); // one day left
        Assert.Empty(await AlertsAsync(admin, 0));
        Assert.DoesNotContain(receiver.For(account), e => e["type"]!.GetValue<string>().StartsWith("balance_", StringComparison.Ordinal));

        // The line moved above the runway is a crossing too: alerted once, by the settings change.
        var on = await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { lowBalance = new { days = 3 } })), 200);
        Assert.Equal(3, on["lowBalance"]!["days"]!.GetValue<int>());
        Assert.Single(await AlertsAsync(admin, 1));
        var low = Assert.Single(await EventsAsync(receiver, account, "balance_low", 1));
        Assert.Equal(1, low["data"]!["days"]!.GetValue<int>());
        Assert.Equal(3, low["data"]!["threshold"]!.GetValue<int>());
    }

    [Fact]
    public async Task A6_a_bad_low_balance_setting_is_400_problem_json_and_writes_nothing()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await AccountAsync(app);
        Assert.Equal(7, (await app.GetAsync($"/api/accounts/{account}"))["lowBalance"]!["days"]!.GetValue<int>()); // the default, shown
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        var name = (await app.GetAsync($"/api/accounts/{account}"))["name"]!.GetValue<string>();

        string[] bodies =
        [
            """{"lowBalance":{"days":-1}}""", """{"lowBalance":{"days":366}}""", """{"lowBalance":{"days":"7"}}""", """{"lowBalance":{"days":7.5}}""",
            """{"lowBalance":{}}""", """{"lowBalance":{"days":null}}""", """{"lowBalance":7}""", """{"lowBalance":{"days":7,"hours":1}}""",
            """{"lowBalance":{"days":99999999999}}""", """{"name":"Renamed","lowBalance":{"days":-5}}""",
        ];
        foreach (var body in bodies)
        {
            var response = await app.Api.PatchAsync($"/api/accounts/{account}/settings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var problem = await BillingApp.ReadAsync(response, 400);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(400, problem["status"]!.GetValue<int>());
            Assert.False(string.IsNullOrEmpty(problem["code"]?.GetValue<string>()), body);
        }
        var outOfRange = await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { lowBalance = new { days = 366 } })), 400);
        Assert.Equal("account_invalid", outOfRange["code"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Array, outOfRange["errors"]!["lowBalance.days"]!.GetValueKind());

        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
        var after = await app.GetAsync($"/api/accounts/{account}");
        Assert.Equal(7, after["lowBalance"]!["days"]!.GetValue<int>());
        Assert.Equal(name, after["name"]!.GetValue<string>());
        // A good value is taken, and only then.
        var set = await BillingApp.ReadAsync(await app.Api.PatchAsync($"/api/accounts/{account}/settings",
            BillingApp.Json(new { lowBalance = new { days = 14 } })), 200);
        Assert.Equal(14, set["lowBalance"]!["days"]!.GetValue<int>());
    }
}
