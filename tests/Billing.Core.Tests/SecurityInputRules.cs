using Billing.Core.Idempotency;
using Billing.Core.Money;
using Billing.Core.Payments;
using Billing.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Core.Tests;

/// <summary>S2, S3, B8: the rules behind the API's bounds, plain texts, provider event checks and key retention.</summary>
public sealed class SecurityInputRules
{
    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(1_000_000_000_001)]
    [InlineData(-1_000_000_000_001)]
    public void S2_amounts_beyond_the_bound_are_refused_either_way_naming_the_field(long amount)
    {
        var money = new MoneyOptions();
        foreach (var sign in Enum.GetValues<AmountSign>())
        {
            var e = Assert.Throws<BillingException>(() => money.Require(amount, "amount", sign));
            Assert.Equal(("amount_out_of_bounds", ErrorKind.Invalid), (e.Code, e.Kind));
            Assert.Contains("amount", e.Errors!.Keys);
        }
        Assert.False(money.Holds(amount));
    }

    [Fact]
    public void S2_the_bound_itself_and_each_signs_edge()
    {
        var money = new MoneyOptions();
        Assert.Equal(1_000_000_000_000, money.Require(1_000_000_000_000, "a"));
        Assert.Equal(-1_000_000_000_000, money.Require(-1_000_000_000_000, "a", AmountSign.Any));
        Assert.Equal(0, money.Require(0, "a", AmountSign.NotNegative));
        Assert.Throws<BillingException>(() => money.Require(0, "a"));
        Assert.Throws<BillingException>(() => money.Require(0, "a", AmountSign.NonZero));
        Assert.Throws<BillingException>(() => money.Require(-1, "a", AmountSign.NotNegative));
    }

    [Theory]
    [InlineData("a\u0000b", false)]
    [InlineData("a\nb", false)]
    [InlineData("a\tb", false)]
    [InlineData("a\u007fb", false)]
    [InlineData("a\u0085b", false)]
    [InlineData("a\u202Ab", false)]
    [InlineData("a\u202Eb", false)]
    [InlineData("a\u2066b", false)]
    [InlineData("a\u2069b", false)]
    [InlineData("ТОВ «Школа» — 100 ₴", true)]
    [InlineData("عربي עברית", true)]
    [InlineData("a\u200Db 👍🏽", true)]
    public void S2_plain_text_has_no_control_or_bidi_override_characters(string text, bool clean) => Assert.Equal(clean, PlainText.IsClean(text));

    [Fact]
    public void S2_multi_line_texts_may_hold_newlines_and_tabs_only()
    {
        Assert.True(PlainText.IsClean("Hello,\r\n\tpay {bill.url}\n", multiLine: true));
        Assert.False(PlainText.IsClean("Hello\u0000", multiLine: true));
        Assert.False(PlainText.IsClean("Hello\u202E", multiLine: true));
    }

    private static ProviderEvent Event(string? account = "acc_1", string? invoice = "inv_1", string id = "evt_1", long amount = 100, string currency = "UAH",
        string? checkout = "cs_1") =>
        new("sandbox", id, ProviderEventType.PaymentSucceeded, account, invoice, new Money.Money(amount, currency), checkout);

    [Theory]
    [InlineData("accountId", "../acc", "inv_1", "evt_1", 100, "UAH")]
    [InlineData("invoiceId", "acc_1", "inv/../x", "evt_1", 100, "UAH")]
    [InlineData("invoiceId", "acc_1", "INV_1", "evt_1", 100, "UAH")]
    [InlineData("eventId", "acc_1", "inv_1", "", 100, "UAH")]
    [InlineData("eventId", "acc_1", "inv_1", "e\u0000", 100, "UAH")]
    [InlineData("amount", "acc_1", "inv_1", "evt_1", long.MaxValue, "UAH")]
    [InlineData("amount", "acc_1", "inv_1", "evt_1", -1, "UAH")]
    [InlineData("currency", "acc_1", "inv_1", "evt_1", 100, "XXX")]
    public void S3_B4_a_verified_event_still_names_valid_ids_and_a_bounded_amount(string field, string account, string invoice, string id, long amount, string currency)
    {
        var e = Assert.Throws<BillingException>(() => ProviderEventCheck.Require(Event(account, invoice, id, amount, currency), new MoneyOptions()));
        Assert.Equal("event_invalid", e.Code);
        Assert.Contains(field, e.Errors!.Keys);
    }

    [Fact]
    public void S3_a_well_formed_event_passes_including_an_operators_non_ascii_transfer_reference()
    {
        ProviderEventCheck.Require(Event(), new MoneyOptions());
        ProviderEventCheck.Require(Event(id: "Платіж № 15", checkout: null), new MoneyOptions());
        ProviderEventCheck.Require(Event(invoice: null), new MoneyOptions());
    }
}

/// <summary>B8: a key is remembered for the retention; after it, the key is a new request with a new operation key.</summary>
public sealed class IdempotencyRetentionRules
{
    private readonly InMemoryAccountStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
    private IdempotencyService Service => new(TestPipeline.UnitOfWork(_store), _clock, new IdempotencyOptions { RetentionHours = 48 });

    [Fact]
    public async Task B8_a_key_past_its_retention_runs_again_with_another_operation_key_and_another_body_is_no_longer_refused()
    {
        var keys = new List<string>();
        Task<StoredResponse> Action(string op) { keys.Add(op); return Task.FromResult(new StoredResponse(201, op)); }
        var first = await Service.RunAsync("acc_1", "k", "hash-a", Action, CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(47));
        Assert.Equal(first, await Service.RunAsync("acc_1", "k", "hash-a", Action, CancellationToken.None));
        await Assert.ThrowsAsync<BillingException>(() => Service.RunAsync("acc_1", "k", "hash-b", Action, CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(1));
        var again = await Service.RunAsync("acc_1", "k", "hash-b", Action, CancellationToken.None);
        Assert.Equal(2, keys.Count);
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal(keys[1], again.Body);
        Assert.StartsWith("k@", keys[0]);
    }

    [Fact]
    public async Task B8_a_failed_request_frees_its_key_but_its_retry_keeps_the_operation_key_so_a_partial_write_is_found_again()
    {
        var keys = new List<string>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Service.RunAsync("acc_1", "k", "hash-a",
            op => { keys.Add(op); throw new InvalidOperationException("crash after a commit"); }, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var answer = await Service.RunAsync("acc_1", "k", "hash-b", op => { keys.Add(op); return Task.FromResult(new StoredResponse(201, "ok")); }, CancellationToken.None);
        Assert.Equal(201, answer.StatusCode);
        Assert.Equal(keys[0], keys[1]);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(0)]
    public void B8_the_retention_is_at_least_24_hours(int hours)
    {
        var options = new IdempotencyOptions { RetentionHours = hours };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), [], validateAllProperties: true));
    }
}
