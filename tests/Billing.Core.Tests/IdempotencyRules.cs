using Billing.Core.Idempotency;

namespace Billing.Core.Tests;

/// <summary>B8: the first answer per key, one effect under concurrency, another body refused, failures release the key.</summary>
public sealed class IdempotencyRules
{
    private readonly InMemoryAccountStore _store = new();
    private IdempotencyService Service => new(TestPipeline.UnitOfWork(_store), TimeProvider.System);

    [Fact]
    public async Task B8_a_repeat_with_the_same_body_gets_the_first_answer_without_running_again()
    {
        var runs = 0;
        Task<StoredResponse> Action() { runs++; return Task.FromResult(new StoredResponse(201, $"{{\"n\":{runs}}}")); }
        var first = await Service.RunAsync("acc_1", "key-1", "hash-a", Action, CancellationToken.None);
        var second = await Service.RunAsync("acc_1", "key-1", "hash-a", Action, CancellationToken.None);
        Assert.Equal(1, runs);
        Assert.Equal(first, second);
        Assert.Equal("{\"n\":1}", second.Body);
    }

    [Fact]
    public async Task B8_the_same_key_with_another_body_is_refused()
    {
        await Service.RunAsync("acc_1", "key-1", "hash-a", () => Task.FromResult(new StoredResponse(200, "{}")), CancellationToken.None);
        var e = await Assert.ThrowsAsync<BillingException>(() =>
            Service.RunAsync("acc_1", "key-1", "hash-b", () => Task.FromResult(new StoredResponse(200, "{}")), CancellationToken.None));
        Assert.Equal((ErrorKind.Refused, "idempotency_key_reused"), (e.Kind, e.Code));
    }

    [Fact]
    public async Task B8_a_failed_request_releases_its_key_so_a_corrected_retry_runs()
    {
        await Assert.ThrowsAsync<BillingException>(() => Service.RunAsync("acc_1", "key-1", "hash-a",
            () => throw BillingException.Refused("amount_out_of_range", "no"), CancellationToken.None));
        var answer = await Service.RunAsync("acc_1", "key-1", "hash-b", () => Task.FromResult(new StoredResponse(201, "ok")), CancellationToken.None);
        Assert.Equal(201, answer.StatusCode);
    }

    [Fact]
    public async Task B8_fifty_concurrent_calls_with_one_key_run_once_and_all_get_the_same_answer()
    {
        var runs = 0;
        async Task<StoredResponse> Action()
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(50);
            return new StoredResponse(201, Guid.NewGuid().ToString());
        }
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Service.RunAsync("acc_1", "key-x", "h", Action, CancellationToken.None))));
        Assert.Equal(1, runs);
        Assert.Single(answers.Distinct());
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\nkey")]
    public void B8_keys_must_be_1_to_255_printable_characters(string key) =>
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<BillingException>(() => IdempotencyService.ValidateKey(key)).Kind);

    [Fact]
    public void B8_a_256_character_key_is_refused_and_255_accepted()
    {
        Assert.Throws<BillingException>(() => IdempotencyService.ValidateKey(new string('k', 256)));
        IdempotencyService.ValidateKey(new string('k', 255));
    }
}
