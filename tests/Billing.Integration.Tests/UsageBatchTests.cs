using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Billing.Core.Jobs;
using Billing.Integration.Tests.Support;
using static Billing.Integration.Tests.UsageSupport;

namespace Billing.Integration.Tests;

/// <summary>C11 over HTTP: usage batches with event ids, late events, a charge racing ingestion, the events listing; A5 over it.</summary>
public sealed class UsageBatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero); // BillingApp's clock: 12:00 in Kyiv

    private static async Task ChargeNextDaysAsync(BillingApp app, int days = 1)
    {
        app.Clock.Advance(TimeSpan.FromDays(days));
        var run = await app.RunJobAsync(JobNames.DailyCharge);
        Assert.Equal(0, run["failed"]!.GetValue<int>());
    }

    [Fact]
    public async Task C11_a_batch_answers_accepted_duplicate_or_rejected_for_each_event_in_the_order_sent()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var at = Start.AddHours(-1);
        var answer = await app.BatchAsync(account, [
            Event("e-1", 4, at),
            Event("e-2", 6, at),
            Event("e-1", 4, at),                     // the same event again: a duplicate
            Event("e-3", 1, at, metric: "fax"),      // no such metric
            Event("e-2", 7, at),                     // e-2 with another payload
            Event("e-4", 0, at),
            Event("e-5", 2, at, metric: "call_minutes"),
        ]);
        Assert.Equal(3, answer["accepted"]!.GetValue<int>());
        Assert.Equal(1, answer["duplicates"]!.GetValue<int>());
        Assert.Equal(3, answer["rejected"]!.GetValue<int>());
        var results = Results(answer);
        Assert.Equal(["e-1", "e-2", "e-1", "e-3", "e-2", "e-4", "e-5"], results.Select(r => r["eventId"]!.GetValue<string>()));
        Assert.Equal(["accepted", "accepted", "duplicate", "rejected", "rejected", "rejected", "accepted"], results.Select(Status));
        Assert.Equal("unknown_metric", results[3]["reason"]!.GetValue<string>());
        Assert.Equal("event_id_reused", results[4]["reason"]!.GetValue<string>());
        Assert.Equal("quantity_out_of_range", results[5]["reason"]!.GetValue<string>());
        foreach (var i in new[] { 0, 1, 2, 6 })
        {
            Assert.Equal("2026-11-02", results[i]["day"]!.GetValue<string>());
            Assert.False(results[i]["late"]!.GetValue<bool>());
        }

        await ChargeNextDaysAsync(app);
        var ledger = await app.LedgerAsync(account);
        Assert.Equal(10, ChargedQuantity(ledger));
        Assert.Equal(2, ChargedQuantity(ledger, "call_minutes"));
        Assert.Equal(3, (await app.EventsAsync(account)).Count);
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C11_a_whole_batch_sent_again_is_all_duplicate_and_the_charge_counts_it_once()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var batch = Enumerable.Range(1, 30).Select(i => Event($"crm-{i:D3}", i, Start.AddMinutes(-i))).ToList();
        var first = await app.BatchAsync(account, batch);
        Assert.Equal(30, first["accepted"]!.GetValue<int>());
        for (var again = 0; again < 2; again++)
        {
            var repeat = await app.BatchAsync(account, batch);
            Assert.Equal(0, repeat["accepted"]!.GetValue<int>());
            Assert.Equal(30, repeat["duplicates"]!.GetValue<int>());
            Assert.All(Results(repeat), r => Assert.Equal("duplicate", Status(r)));
            // A duplicate names the day it was counted for.
            Assert.All(Results(repeat), r => Assert.Equal("2026-11-02", r["day"]?.GetValue<string>()));
        }
        // Resent concurrently too.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.BatchAsync(account, batch)));
        Assert.All(concurrent, c => Assert.Equal(30, c["duplicates"]!.GetValue<int>()));

        await ChargeNextDaysAsync(app);
        Assert.Equal(Enumerable.Range(1, 30).Sum(), ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Fact]
    public async Task C11_an_event_resent_with_a_sub_millisecond_occurredAt_is_a_duplicate_not_a_reused_id()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        // The CRM's clock writes 7 fractional digits; the same event resent must still be the same event.
        const string body = """{"events":[{"eventId":"precise-1","metric":"sms","quantity":3,"occurredAt":"2026-11-02T09:15:42.1234567+02:00"}]}""";
        var first = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/usage/batch", Raw(body)), 200);
        Assert.Equal("accepted", Status(Results(first)[0]));
        var again = await BillingApp.ReadAsync(await app.Api.PostAsync($"/api/accounts/{account}/usage/batch", Raw(body)), 200);
        Assert.True(Status(Results(again)[0]) == "duplicate", $"the same event resent: {again}");
        await ChargeNextDaysAsync(app);
        Assert.Equal(3, ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Fact]
    public async Task C11_the_same_id_twice_inside_one_batch_counts_once()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var answer = await app.BatchAsync(account, [Event("twin", 5, Start), Event("other", 1, Start), Event("twin", 5, Start), Event("twin", 5, Start)]);
        Assert.Equal(["accepted", "accepted", "duplicate", "duplicate"], Results(answer).Select(Status));
        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        Assert.Equal(2, answer["duplicates"]!.GetValue<int>());
        Assert.Equal("2026-11-02", Results(answer)[2]["day"]?.GetValue<string>());
        Assert.Equal(2, (await app.EventsAsync(account)).Count);
        await ChargeNextDaysAsync(app);
        Assert.Equal(6, ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Fact]
    public async Task C11_an_id_sent_again_with_another_payload_is_rejected_event_id_reused_and_the_first_stays_counted()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var at = Start.AddMinutes(-30);
        Assert.Equal("accepted", Status(Results(await app.BatchAsync(account, [Event("x-1", 5, at)]))[0]));
        var reused = await app.BatchAsync(account, [
            Event("x-1", 6, at),                          // another quantity
            Event("x-1", 5, at, metric: "call_minutes"),  // another metric
            Event("x-1", 5, at.AddMinutes(-1)),           // another moment
        ]);
        Assert.All(Results(reused), r =>
        {
            Assert.Equal("rejected", Status(r));
            Assert.Equal("event_id_reused", r["reason"]!.GetValue<string>());
        });
        // Inside one batch the second payload is refused the same way.
        var inside = await app.BatchAsync(account, [Event("y-1", 2, at), Event("y-1", 3, at)]);
        Assert.Equal(["accepted", "rejected"], Results(inside).Select(Status));
        Assert.Equal("event_id_reused", Results(inside)[1]["reason"]!.GetValue<string>());

        var listed = await app.EventsAsync(account);
        Assert.Equal(5, listed.Single(e => e["eventId"]!.GetValue<string>() == "x-1")["quantity"]!.GetValue<long>());
        await ChargeNextDaysAsync(app);
        Assert.Equal(7, ChargedQuantity(await app.LedgerAsync(account)));
        Assert.Equal(0, ChargedQuantity(await app.LedgerAsync(account), "call_minutes"));
    }

    [Fact]
    public async Task C11_a_reused_id_sent_twice_in_one_batch_is_refused_both_times_never_called_a_duplicate()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var at = Start.AddMinutes(-30);
        await app.BatchAsync(account, [Event("z-1", 5, at)]);
        // The second copy repeats the first of its batch, but that one is a reused id: nothing of this payload was ever counted.
        var answer = await app.BatchAsync(account, [Event("z-1", 6, at), Event("z-1", 6, at)]);
        Assert.True(Results(answer).All(r => Status(r) == "rejected" && r["reason"]?.GetValue<string>() == "event_id_reused"),
            $"a payload never counted is not a duplicate: {answer}");
        Assert.Equal(0, answer["duplicates"]!.GetValue<int>());
        await ChargeNextDaysAsync(app);
        Assert.Equal(5, ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Fact]
    public async Task C11_S2_a_batch_of_101_events_is_refused_whole_with_problem_json_and_writes_nothing()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        var response = await app.PostBatchAsync(account, Enumerable.Range(0, 101).Select(i => Event($"big-{i}", 1, Start)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}: {text}");
        AssertProblem(response, text);
        Assert.Equal("usage_batch_too_large", JsonNode.Parse(text)!["code"]!.GetValue<string>());
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
        Assert.Empty(await app.EventsAsync(account));

        // 100 is the limit, and fits.
        var full = await app.BatchAsync(account, Enumerable.Range(0, 100).Select(i => Event($"full-{i}", 1, Start)));
        Assert.Equal(100, full["accepted"]!.GetValue<int>());
        await ChargeNextDaysAsync(app);
        Assert.Equal(100, ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Fact]
    public async Task C11_S2_an_empty_or_missing_event_list_is_refused_with_problem_json_and_writes_nothing()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        foreach (var (body, code) in new[] { ("""{"events":[]}""", "usage_batch_empty"), ("{}", "field_missing"), ("""{"events":null}""", "field_missing") })
        {
            var response = await app.Api.PostAsync($"/api/accounts/{account}/usage/batch", Raw(body));
            var text = await response.Content.ReadAsStringAsync();
            AssertProblem(response, text);
            Assert.True(JsonNode.Parse(text)!["code"]!.GetValue<string>() == code, $"{body}: {text}");
        }
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
    }

    /// <summary>Each bad event beside a good one: rejected for itself (the good one accepted) or the whole batch refused with a 4xx; never a 5xx.</summary>
    public static TheoryData<string, string, string?> BadEvents => new()
    {
        { "unknown metric", """{"eventId":"ID","metric":"fax","quantity":1}""", "unknown_metric" },
        { "missing metric", """{"eventId":"ID","quantity":1}""", "unknown_metric" },
        { "quantity 0", """{"eventId":"ID","metric":"sms","quantity":0}""", "quantity_out_of_range" },
        { "negative quantity", """{"eventId":"ID","metric":"sms","quantity":-5}""", "quantity_out_of_range" },
        { "quantity over the maximum", """{"eventId":"ID","metric":"sms","quantity":1000000001}""", "quantity_out_of_range" },
        { "quantity beyond a long", """{"eventId":"ID","metric":"sms","quantity":99999999999999999999}""", null },
        { "fractional quantity", """{"eventId":"ID","metric":"sms","quantity":1.5}""", null },
        { "quantity as text", """{"eventId":"ID","metric":"sms","quantity":"5"}""", null },
        { "missing quantity", """{"eventId":"ID","metric":"sms"}""", "quantity_out_of_range" },
        { "an hour in the future", """{"eventId":"ID","metric":"sms","quantity":1,"occurredAt":"2026-11-02T11:00:00Z"}""", "occurred_in_future" },
        { "a year in the future", """{"eventId":"ID","metric":"sms","quantity":1,"occurredAt":"2027-11-02T10:00:00Z"}""", "occurred_in_future" },
        { "occurredAt not a time", """{"eventId":"ID","metric":"sms","quantity":1,"occurredAt":"yesterday"}""", null },
        { "missing eventId", """{"metric":"sms","quantity":1}""", "event_id_required" },
        { "empty eventId", """{"eventId":"","metric":"sms","quantity":1}""", "event_id_required" },
        { "blank eventId", """{"eventId":"   ","metric":"sms","quantity":1}""", "event_id_required" },
        { "eventId with a control character", """{"eventId":"a\u0001b","metric":"sms","quantity":1}""", "event_id_invalid" },
        { "eventId with a newline", """{"eventId":"a\nb","metric":"sms","quantity":1}""", "event_id_invalid" },
        { "eventId with a bidi override", """{"eventId":"a\u202Eb","metric":"sms","quantity":1}""", "event_id_invalid" },
        { "eventId of 201 characters", "{\"eventId\":\"" + new string('k', 201) + "\",\"metric\":\"sms\",\"quantity\":1}", "event_id_invalid" },
        { "eventId of 10 KB", "{\"eventId\":\"" + new string('k', 10_240) + "\",\"metric\":\"sms\",\"quantity\":1}", "event_id_invalid" },
        { "eventId a number", """{"eventId":12,"metric":"sms","quantity":1}""", null },
        { "event null", "null", "event_id_required" },
        { "event a string", "\"sms\"", null },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task C11_S2_a_bad_event_is_rejected_for_itself_or_the_batch_refused_with_a_4xx_never_a_5xx(string label, string bad, string? reason)
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        var body = $$"""{"events":[{"eventId":"good-1","metric":"sms","quantity":2},{{bad}}]}""";
        var response = await app.Api.PostAsync($"/api/accounts/{account}/usage/batch", Raw(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{label}: {(int)response.StatusCode} {text}");
        long expected;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var results = Results(JsonNode.Parse(text)!);
            Assert.Equal(2, results.Count);
            Assert.Equal("accepted", Status(results[0]));
            Assert.True(Status(results[1]) == "rejected", $"{label}: {text}");
            if (reason is not null) Assert.True(reason == results[1]["reason"]?.GetValue<string>(), $"{label}: expected {reason}: {text}");
            Assert.True(text.Length < 4_000, $"{label}: the answer echoes too much ({text.Length} characters)");
            expected = 2;
        }
        else
        {
            AssertProblem(response, text);
            Assert.True(reason is null || response.StatusCode == HttpStatusCode.BadRequest, $"{label}: {(int)response.StatusCode} {text}");
            Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
            expected = 0;
        }
        Assert.Equal((int)expected / 2, (await app.EventsAsync(account)).Count);
        await ChargeNextDaysAsync(app);
        Assert.Equal(expected, ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Fact]
    public async Task C11_an_event_a_few_minutes_ahead_of_our_clock_is_accepted_for_today()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var answer = await app.BatchAsync(account, [Event("skew-1", 1, Start.AddMinutes(4))]);
        Assert.Equal("accepted", Status(Results(answer)[0]));
        Assert.Equal("2026-11-02", Results(answer)[0]["day"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json", "application/json")]
    [InlineData("{", "application/json")]
    [InlineData("""{"events":[{"eventId":"a","metric":"sms","quantity":1}""", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("""{"events":{"eventId":"a"}}""", "application/json")]
    [InlineData("""{"events":"all"}""", "application/json")]
    [InlineData("", "application/json")]
    [InlineData("""{"events":[{"eventId":"a","metric":"sms","quantity":1}]}""", "text/plain")]
    public async Task C11_S2_a_body_that_is_not_a_json_batch_is_400_problem_json_and_writes_nothing(string body, string contentType)
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        var response = await app.Api.PostAsync($"/api/accounts/{account}/usage/batch", Raw(body, contentType));
        var text = await response.Content.ReadAsStringAsync();
        AssertProblem(response, text);
        if (contentType == "application/json") Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode} {text}");
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
    }

    [Fact]
    public async Task C11_a_batch_into_an_unknown_account_is_404_and_writes_nothing()
    {
        await using var app = await BillingApp.StartAsync();
        await app.CreateActiveAccountAsync(seats: 1);
        var before = await TestStorage.CountEntitiesAsync(app.Prefix);
        var response = await app.PostBatchAsync("acc_doesnotexist00000000", [Event("nobody-1", 1, Start)]);
        var text = await response.Content.ReadAsStringAsync();
        AssertProblem(response, text);
        Assert.Equal(before, await TestStorage.CountEntitiesAsync(app.Prefix));
    }

    [Fact]
    public async Task C11_an_event_for_a_charged_day_is_charged_with_the_next_open_day_on_a_late_line_that_names_the_day()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var d = new DateOnly(2026, 11, 2);
        await app.BatchAsync(account, [Event("on-time-1", 10, Start.AddHours(-1))]);
        await ChargeNextDaysAsync(app); // D = 2026-11-02 is charged; the clock is 2026-11-03 12:00 in Kyiv
        Assert.Equal("2026-11-02", (await app.GetAsync($"/api/accounts/{account}"))["lastChargedDay"]!.GetValue<string>());

        // It happened on D at 18:00 in Kyiv, but the CRM reports it only now.
        var late = await app.BatchAsync(account, [Event("late-1", 7, new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.FromHours(2))), Event("today-1", 2, app.Clock.GetUtcNow())]);
        var lateResult = Results(late)[0];
        Assert.Equal("accepted", Status(lateResult));
        Assert.Equal("2026-11-03", lateResult["day"]!.GetValue<string>());
        Assert.True(lateResult["late"]!.GetValue<bool>());
        Assert.False(Results(late)[1]["late"]!.GetValue<bool>());
        // Its repeat is a duplicate and names the same day.
        var repeat = Results(await app.BatchAsync(account, [Event("late-1", 7, new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.FromHours(2)))]))[0];
        Assert.Equal("duplicate", Status(repeat));
        Assert.Equal("2026-11-03", repeat["day"]!.GetValue<string>());

        var listed = await app.EventsAsync(account, "&day=2026-11-03");
        var lateListed = listed.Single(e => e["eventId"]!.GetValue<string>() == "late-1");
        Assert.True(lateListed["late"]!.GetValue<bool>());
        Assert.Equal("2026-11-02", lateListed["occurredOn"]!.GetValue<string>());
        Assert.Equal(["late-1", "today-1"], listed.Select(e => e["eventId"]!.GetValue<string>()).Order());
        Assert.Equal(["on-time-1"], (await app.EventsAsync(account, "&day=2026-11-02")).Select(e => e["eventId"]!.GetValue<string>()));

        await ChargeNextDaysAsync(app); // charges D+1
        var charges = Charges(await app.LedgerAsync(account));
        Assert.Equal(["charge:2026-11-02", "charge:2026-11-03"], charges.Select(c => c["reference"]!.GetValue<string>()));
        Assert.Equal(10, UsageLines(charges[0]).Single()["quantity"]!.GetValue<long>());
        var lines = UsageLines(charges[1]).ToList();
        var onTime = lines.Single(l => l["item"]!.GetValue<string>() == "usage:sms");
        var lateLine = lines.Single(l => l["item"]!.GetValue<string>() == "usage:sms:late");
        Assert.Equal(2, onTime["quantity"]!.GetValue<long>());
        Assert.Equal(7, lateLine["quantity"]!.GetValue<long>());
        Assert.Equal(7 * SmsPrice, lateLine["amount"]!.GetValue<long>());
        var text = lateLine["description"]!.GetValue<string>();
        Assert.Contains(Billing.Core.Texts.Text.Date(Billing.Core.Accounts.Language.Uk, d), text); // the account's language: uk
        Assert.Contains("запізненням", text);
        Assert.Equal(19, ChargedQuantity(await app.LedgerAsync(account)));
        await app.AssertLedgerConsistentAsync(account);
    }

    [Fact]
    public async Task C2_C3_C11_events_of_several_days_not_yet_charged_are_each_charged_with_their_own_day_in_the_catch_up()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        app.Clock.Advance(TimeSpan.FromDays(3)); // 2, 3 and 4 November not charged yet; it is the 5th
        var answer = await app.BatchAsync(account, Enumerable.Range(0, 99).Select(i => Event($"multi-{i}", 1 + i % 3, Start.AddDays(i % 4))));
        Assert.Equal(99, answer["accepted"]!.GetValue<int>());
        Assert.All(Results(answer), r => Assert.False(r["late"]!.GetValue<bool>()));
        await ChargeNextDaysAsync(app, days: 0); // catches up 2, 3 and 4 November
        await ChargeNextDaysAsync(app);          // and the 5th
        var charges = Charges(await app.LedgerAsync(account));
        Assert.Equal(4, charges.Count);
        for (var d = 0; d < 4; d++)
        {
            var expected = Enumerable.Range(0, 99).Where(i => i % 4 == d).Sum(i => 1 + i % 3);
            Assert.Equal($"charge:2026-11-0{2 + d}", charges[d]["reference"]!.GetValue<string>());
            Assert.Equal(expected, UsageLines(charges[d]).Single(l => l["item"]!.GetValue<string>() == "usage:sms")["quantity"]!.GetValue<long>());
        }
        Assert.Equal(Enumerable.Range(0, 99).Sum(i => 1 + i % 3), ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Fact]
    public async Task C11_an_event_from_several_charged_days_ago_is_charged_once_with_the_next_open_day()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await ChargeNextDaysAsync(app, days: 4); // 2, 3, 4, 5 November charged
        var answer = await app.BatchAsync(account, [Event("old-1", 3, Start.AddHours(1)), Event("old-2", 4, Start.AddDays(2))]);
        Assert.All(Results(answer), r => Assert.Equal("2026-11-06", r["day"]!.GetValue<string>()));
        await ChargeNextDaysAsync(app);
        var last = Charges(await app.LedgerAsync(account)).Last();
        var line = UsageLines(last).Single();
        Assert.Equal("usage:sms:late", line["item"]!.GetValue<string>());
        Assert.Equal(7, line["quantity"]!.GetValue<long>());
        Assert.Contains(Billing.Core.Texts.Text.Date(Billing.Core.Accounts.Language.Uk, new DateOnly(2026, 11, 2)), line["description"]!.GetValue<string>());
        Assert.Equal(7, ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task C11_a_charge_racing_twenty_batches_across_midnights_counts_every_accepted_event_exactly_once(bool explainEachCharge)
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 2);
        var accepted = new ConcurrentDictionary<string, long>();
        var busy = 0;
        app.Clock.Advance(TimeSpan.FromHours(12).Add(TimeSpan.FromMinutes(20))); // 2026-11-03 00:20 in Kyiv
        for (var round = 0; round < 4; round++)
        {
            if (round > 0) app.Clock.Advance(TimeSpan.FromDays(1)); // 00:20 in Kyiv, the next day
            var now = app.Clock.GetUtcNow();
            async Task Send(int b)
            {
                // Half of each batch happened before midnight (the day being charged, late or not as the race goes), half after.
                var sent = Enumerable.Range(0, 10).Select(i => (Id: $"r{round}-b{b}-e{i}", Quantity: 1L + (b + i) % 4, At: now.AddMinutes(-((b * 10 + i) % 40)))).ToList();
                var quantities = sent.ToDictionary(e => e.Id, e => e.Quantity);
                for (var attempt = 0; ; attempt++)
                {
                    var response = await app.PostBatchAsync(account, sent.Select(e => Event(e.Id, e.Quantity, e.At)));
                    var text = await response.Content.ReadAsStringAsync();
                    Assert.True((int)response.StatusCode < 500, $"round {round} batch {b}: {(int)response.StatusCode} {text}");
                    if (response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
                    {
                        Interlocked.Increment(ref busy);
                        Assert.NotNull(response.Headers.RetryAfter);
                        await Task.Delay(100);
                        continue;
                    }
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"round {round} batch {b}: {(int)response.StatusCode} {text}");
                    foreach (var r in Results(JsonNode.Parse(text)!))
                    {
                        Assert.NotEqual("rejected", Status(r));
                        var id = r["eventId"]!.GetValue<string>();
                        if (Status(r) == "accepted") Assert.True(accepted.TryAdd(id, quantities[id]), $"{id} accepted twice");
                    }
                    return;
                }
            }
            var charge = app.RunJobAsync(JobNames.DailyCharge);
            await Task.WhenAll(Enumerable.Range(0, 20).Select(b => Task.Run(() => Send(b))).Append(charge));
            Assert.Equal(0, (await charge)["failed"]!.GetValue<int>());
        }
        // Every due day charged, twice over so a counter a charge raced is found by the next one.
        await ChargeNextDaysAsync(app);
        await ChargeNextDaysAsync(app);
        var ledger = await app.LedgerAsync(account);
        Assert.Equal(800, accepted.Count);
        Assert.Equal(accepted.Values.Sum(), ChargedQuantity(ledger));
        var charges = Charges(ledger);
        Assert.Equal(charges.Count, charges.Select(c => c["reference"]!.GetValue<string>()).Distinct().Count());
        var listed = await app.EventsAsync(account);
        Assert.Equal(800, listed.Count);
        Assert.Equal(accepted.Values.Sum(), listed.Sum(e => e["quantity"]!.GetValue<long>()));
        await app.AssertLedgerConsistentAsync(account);
        Assert.True(busy == 0, $"{busy} batches got 409 account_busy (retried)");
        if (!explainEachCharge) return;
        // The listing explains each charge: the events listed with a day are the usage the charge of that day counted.
        var wrong = new List<string>();
        foreach (var c in charges)
        {
            var day = c["reference"]!.GetValue<string>()["charge:".Length..];
            var listedQuantity = listed.Where(e => e["day"]!.GetValue<string>() == day).Sum(e => e["quantity"]!.GetValue<long>());
            var chargedQuantity = UsageLines(c).Sum(l => l["quantity"]!.GetValue<long>());
            if (listedQuantity != chargedQuantity) wrong.Add($"{day}: the charge counted {chargedQuantity}, the events listed for it hold {listedQuantity}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task A4_C11_the_events_listing_names_the_day_whose_charge_counted_each_event_even_when_batches_race_the_charge()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        app.Clock.Advance(TimeSpan.FromHours(12).Add(TimeSpan.FromMinutes(1))); // 2026-11-03 00:01 in Kyiv
        var sent = 0L;
        for (var round = 0; round < 12; round++)
        {
            if (round > 0) app.Clock.Advance(TimeSpan.FromDays(1));
            // Each event happened in the last minutes of the day being charged, each batch a slot of its own.
            var before = app.Clock.GetUtcNow().AddMinutes(-3);
            var charge = app.RunJobAsync(JobNames.DailyCharge);
            var batches = Enumerable.Range(0, 24).Select(b => Task.Run(async () =>
            {
                await Task.Delay(b * 3);
                var answer = await app.BatchAsync(account, [Event($"edge-{round}-{b}", 1 + b % 3, before)]);
                Assert.Equal("accepted", Status(Results(answer)[0]));
                Interlocked.Add(ref sent, 1 + b % 3);
            }));
            await Task.WhenAll(batches.Append(charge));
        }
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunJobAsync(JobNames.DailyCharge);
        var ledger = await app.LedgerAsync(account);
        Assert.Equal(sent, ChargedQuantity(ledger));
        var listed = await app.EventsAsync(account);
        var wrong = new List<string>();
        foreach (var c in Charges(ledger))
        {
            var day = c["reference"]!.GetValue<string>()["charge:".Length..];
            var events = listed.Where(e => e["day"]!.GetValue<string>() == day).ToList();
            var charged = UsageLines(c).Sum(l => l["quantity"]!.GetValue<long>());
            var chargedLate = UsageLines(c).Where(l => l["item"]!.GetValue<string>().EndsWith(":late")).Sum(l => l["quantity"]!.GetValue<long>());
            var listedLate = events.Where(e => e["late"]!.GetValue<bool>()).Sum(e => e["quantity"]!.GetValue<long>());
            if (events.Sum(e => e["quantity"]!.GetValue<long>()) != charged || listedLate != chargedLate)
                wrong.Add($"{day}: charged {charged} ({chargedLate} late); the events listed with that day hold {events.Sum(e => e["quantity"]!.GetValue<long>())} ({listedLate} late)");
        }
        Assert.True(wrong.Count == 0, "the listing does not explain the charges:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task C11_a_hot_account_takes_16_clients_sending_batches_of_100_and_counts_every_event_once()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var failures = new ConcurrentBag<string>();
        var accepted = 0L;
        async Task Client(int c)
        {
            for (var b = 0; b < 3; b++)
            {
                var events = Enumerable.Range(0, 100).Select(i => Event($"c{c}-b{b}-e{i}", 1, Start.AddMinutes(-(i % 50)))).ToList();
                var response = await app.PostBatchAsync(account, events);
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) { failures.Add($"client {c} batch {b}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}"); continue; }
                var answer = JsonNode.Parse(text)!;
                Interlocked.Add(ref accepted, answer["accepted"]!.GetValue<int>());
                if (answer["accepted"]!.GetValue<int>() != 100) failures.Add($"client {c} batch {b}: {text[..Math.Min(300, text.Length)]}");
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 16).Select(c => Task.Run(() => Client(c))));
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.Equal(4_800, accepted);
        await ChargeNextDaysAsync(app);
        Assert.Equal(4_800, ChargedQuantity(await app.LedgerAsync(account)));
        Assert.Equal(4_800, (await app.EventsAsync(account)).Count);
    }

    [Fact]
    public async Task C11_B8_the_single_usage_route_is_a_batch_of_one_its_repeat_returns_the_same_receipt_and_another_payload_is_422()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        async Task<HttpResponseMessage> Report(string key, int quantity, string metric = "sms")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/usage") { Content = BillingApp.Json(new { metric, quantity }) };
            request.Headers.Add("Idempotency-Key", key);
            return await app.Api.SendAsync(request);
        }
        var first = await BillingApp.ReadAsync(await Report("single-1", 9), 200);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await BillingApp.ReadAsync(await Report("single-1", 9), 200);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal("2026-11-02", first["day"]!.GetValue<string>());
        var reused = await Report("single-1", 10);
        var text = await reused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        AssertProblem(reused, text);
        Assert.Equal("idempotency_key_reused", JsonNode.Parse(text)!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Report("single-1", 9, "call_minutes")).StatusCode);
        // Without a key it is refused: a retried report must count once.
        var keyless = await app.Api.PostAsync($"/api/accounts/{account}/usage", BillingApp.Json(new { metric = "sms", quantity = 1 }));
        AssertProblem(keyless, await keyless.Content.ReadAsStringAsync());

        // The report is an event under its key: listed, and a batch naming it with the same payload is its duplicate.
        var listed = Assert.Single(await app.EventsAsync(account));
        Assert.Equal("single-1", listed["eventId"]!.GetValue<string>());
        var batch = await app.BatchAsync(account, [new { eventId = "single-1", metric = "sms", quantity = 9 }]);
        Assert.Equal("duplicate", Status(Results(batch)[0]));
        await ChargeNextDaysAsync(app);
        Assert.Equal(9, ChargedQuantity(await app.LedgerAsync(account)));
    }

    [Fact]
    public async Task A4_C11_the_events_listing_pages_by_two_to_the_end_and_filters_by_day_and_metric()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        var other = await app.CreateActiveAccountAsync(seats: 1);
        var sent = new List<string>();
        for (var i = 0; i < 9; i++) sent.Add($"page-{i}");
        await app.BatchAsync(account, sent.Select((id, i) => Event(id, 1 + i, Start.AddMinutes(-i), i % 3 == 0 ? "call_minutes" : "sms")));
        await app.BatchAsync(other, [Event("elsewhere-1", 1, Start), Event("page-0", 1, Start)]);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.BatchAsync(account, [Event("next-day-1", 5, app.Clock.GetUtcNow()), Event("next-day-2", 5, app.Clock.GetUtcNow(), "call_minutes")]);

        // Pages of two, followed to the end: each event once.
        var paged = await app.EventsAsync(account, pageSize: 2);
        var ids = paged.Select(e => e["eventId"]!.GetValue<string>()).ToList();
        Assert.Equal(11, ids.Count);
        Assert.Equal(sent.Append("next-day-1").Append("next-day-2").Order(), ids.Order());
        var firstPage = await app.GetAsync($"/api/accounts/{account}/usage/events?pageSize=2");
        Assert.Equal(2, firstPage["items"]!.AsArray().Count);
        Assert.NotNull(firstPage["continuationToken"]);
        var e0 = paged.Single(e => e["eventId"]!.GetValue<string>() == "page-4");
        Assert.Equal("sms", e0["metric"]!.GetValue<string>());
        Assert.Equal(5, e0["quantity"]!.GetValue<long>());
        Assert.Equal("2026-11-02", e0["day"]!.GetValue<string>());
        Assert.Equal("2026-11-02", e0["occurredOn"]!.GetValue<string>());
        Assert.False(e0["late"]!.GetValue<bool>());
        Assert.NotNull(e0["receivedAt"]);
        Assert.Equal(Start.AddMinutes(-4), e0["occurredAt"]!.GetValue<DateTimeOffset>());

        var day1 = await app.EventsAsync(account, "&day=2026-11-02", pageSize: 2);
        Assert.Equal(sent.Order(), day1.Select(e => e["eventId"]!.GetValue<string>()).Order());
        var smsDay1 = await app.EventsAsync(account, "&day=2026-11-02&metric=sms", pageSize: 2);
        Assert.Equal(sent.Where((_, i) => i % 3 != 0).Order(), smsDay1.Select(e => e["eventId"]!.GetValue<string>()).Order());
        var calls = await app.EventsAsync(account, "&metric=call_minutes");
        Assert.Equal(["next-day-2", "page-0", "page-3", "page-6"], calls.Select(e => e["eventId"]!.GetValue<string>()).Order());
        Assert.Empty(await app.EventsAsync(account, "&day=2026-10-31"));
        Assert.Empty(await app.EventsAsync(account, "&metric=fax"));

        // Another account's events are not this one's, and its page token does not page this list.
        var theirs = await app.EventsAsync(other);
        Assert.Equal(["elsewhere-1", "page-0"], theirs.Select(e => e["eventId"]!.GetValue<string>()).Order());
        Assert.Equal(1, theirs.Single(e => e["eventId"]!.GetValue<string>() == "page-0")["quantity"]!.GetValue<long>());
        var token = firstPage["continuationToken"]!.GetValue<string>();
        var foreign = await app.Api.GetAsync($"/api/accounts/{other}/usage/events?pageSize=2&continuationToken={Uri.EscapeDataString(token)}");
        AssertProblem(foreign, await foreign.Content.ReadAsStringAsync());
        // A token of the unfiltered list does not page a filtered one either.
        var filtered = await app.Api.GetAsync($"/api/accounts/{account}/usage/events?pageSize=2&metric=sms&continuationToken={Uri.EscapeDataString(token)}");
        AssertProblem(filtered, await filtered.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("day=2026-13-01")]
    [InlineData("day=yesterday")]
    [InlineData("day=02.11.2026")]
    [InlineData("day=2026-11-02T00:00:00Z")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=-1")]
    [InlineData("pageSize=abc")]
    [InlineData("pageSize=100000")]
    [InlineData("continuationToken=garbage")]
    [InlineData("metric=%01")]
    public async Task A4_S2_a_bad_events_query_is_400_problem_json(string query)
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await app.BatchAsync(account, [Event("q-1", 1, Start)]);
        var response = await app.Api.GetAsync($"/api/accounts/{account}/usage/events?{query}");
        var text = await response.Content.ReadAsStringAsync();
        AssertProblem(response, text);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {text}");
    }

    [Fact]
    public async Task S1_C11_a_key_scoped_to_one_account_neither_sends_nor_reads_another_accounts_usage()
    {
        await using var app = await BillingApp.StartAsync();
        var mine = await app.CreateActiveAccountAsync(seats: 1);
        var theirs = await app.CreateActiveAccountAsync(seats: 1);
        await app.BatchAsync(theirs, [Event("secret-1", 3, Start)]);
        var key = (await BillingApp.ReadAsync(await app.Admin.PostAsync("/api/operator/api-keys",
            BillingApp.Json(new { role = "crm", accountId = mine, name = "tenant's CRM" })), 201))["key"]!.GetValue<string>();
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/accounts/{mine}/usage/batch", BillingApp.Json(new { events = new[] { Event("own-1", 1, Start) } }))).StatusCode);
        var read = await client.GetAsync($"/api/accounts/{theirs}/usage/events");
        Assert.True((int)read.StatusCode is 403 or 404, $"{(int)read.StatusCode}");
        Assert.DoesNotContain("secret-1", await read.Content.ReadAsStringAsync());
        var write = await client.PostAsync($"/api/accounts/{theirs}/usage/batch", BillingApp.Json(new { events = new[] { Event("intruder-1", 1, Start) } }));
        Assert.True((int)write.StatusCode is 403 or 404, $"{(int)write.StatusCode}");
        Assert.Equal(["secret-1"], (await app.EventsAsync(theirs)).Select(e => e["eventId"]!.GetValue<string>()));
        Assert.Equal(["own-1"], (await app.EventsAsync(mine)).Select(e => e["eventId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A5_C11_the_summary_counts_usage_not_yet_charged_and_after_the_charge_the_charged_usage_never_twice()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await app.CreateActiveAccountAsync(seats: 1);
        async Task<long> MonthUsage()
        {
            var summary = await app.GetAsync($"/api/accounts/{account}/summary");
            var sms = summary["month"]!["usage"]!.AsArray().Where(l => l!["item"]!.GetValue<string>().StartsWith("usage:sms")).Sum(l => l!["quantity"]!.GetValue<long>());
            Assert.Equal(sms * SmsPrice, summary["month"]!["usageCost"]!["amount"]!.GetValue<long>());
            return sms;
        }
        Assert.Equal(0, await MonthUsage());
        await app.BatchAsync(account, [Event("m-1", 10, Start.AddHours(-1)), Event("m-2", 5, Start)]);
        Assert.Equal(15, await MonthUsage()); // not charged yet
        await ChargeNextDaysAsync(app);
        Assert.Equal(15, ChargedQuantity(await app.LedgerAsync(account)));
        Assert.Equal(15, await MonthUsage()); // charged: counted once
        await app.BatchAsync(account, [Event("m-3", 4, app.Clock.GetUtcNow()), Event("m-late", 6, Start.AddHours(2))]);
        Assert.Equal(25, await MonthUsage()); // 15 charged + 10 waiting (6 of them late)
        await app.BatchAsync(account, [Event("m-3", 4, app.Clock.GetUtcNow())]); // a duplicate adds nothing
        Assert.Equal(25, await MonthUsage());
        await ChargeNextDaysAsync(app);
        Assert.Equal(25, ChargedQuantity(await app.LedgerAsync(account)));
        Assert.Equal(25, await MonthUsage());
    }
}
