using Billing.Core.Storage;

namespace Billing.Core.Idempotency;

public enum IdempotencyState { Pending, Completed }

/// <summary>The first answer to a request made with an Idempotency-Key (B8).</summary>
public sealed record IdempotencyRecord
{
    public static RowRef<IdempotencyRecord> Ref(string key) => new(key);

    public required string Key { get; init; }
    public required string RequestHash { get; init; }
    public required IdempotencyState State { get; init; }
    public int StatusCode { get; init; }
    public string? ResponseBody { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LeaseUntil { get; init; }
}

public sealed record StoredResponse(int StatusCode, string Body);

/// <summary>
/// Runs a request once per key: the first caller reserves the key (a Pending row), does the work and stores
/// its answer; concurrent callers wait for that answer; a different body with the same key is refused (422).
/// Records are kept (at least the 24 h B8 asks for); a failed request releases its key and writes nothing.
/// </summary>
public sealed class IdempotencyService(AccountUnitOfWork uow, TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);
    public const int MaxKeyLength = 255;

    public static void ValidateKey(string key)
    {
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
            throw BillingException.Invalid("idempotency_key_invalid", $"Idempotency-Key must be 1 to {MaxKeyLength} printable characters.");
    }

    /// <summary>What the key's record says: the answer to replay, wait for the first caller, or the lease this caller now holds.</summary>
    private abstract record Claim
    {
        public sealed record Replay(StoredResponse Response) : Claim;
        public sealed record Wait : Claim;
        public sealed record Reserved(IdempotencyRecord Lease) : Claim;
    }

    public async Task<StoredResponse> RunAsync(string scope, string key, string requestHash, Func<Task<StoredResponse>> action, CancellationToken ct)
    {
        ValidateKey(key);
        var waitUntil = clock.GetUtcNow() + MaxWait;
        while (true)
        {
            switch (await ClaimAsync(scope, key, requestHash, ct))
            {
                case Claim.Replay r: return r.Response;
                case Claim.Reserved r: return await RunReservedAsync(scope, r.Lease, action, ct);
                default:
                    if (clock.GetUtcNow() > waitUntil) throw BillingException.Conflict("request_in_progress", "A request with this Idempotency-Key is still in progress.");
                    await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
                    break;
            }
        }
    }

    private Task<Claim> ClaimAsync(string scope, string key, string requestHash, CancellationToken ct) =>
        uow.RunRowsAsync(scope, async () =>
        {
            var now = clock.GetUtcNow();
            var found = await uow.Reader.GetAsync(scope, IdempotencyRecord.Ref(key), ct);
            var lease = new IdempotencyRecord { Key = key, RequestHash = requestHash, State = IdempotencyState.Pending, CreatedAt = now, LeaseUntil = now + Lease };
            if (found is null) return new Decision<Claim>(AccountCommit.RowsOnly(scope, new RowOp(lease, RowWrite.Insert)), new Claim.Reserved(lease));
            var rec = found.Value;
            if (rec.RequestHash != requestHash)
                throw BillingException.Refused("idempotency_key_reused", "This Idempotency-Key was used with a different request.");
            if (rec.State == IdempotencyState.Completed) return Decision<Claim>.NoChange(new Claim.Replay(new StoredResponse(rec.StatusCode, rec.ResponseBody ?? "")));
            if (rec.LeaseUntil > now) return Decision<Claim>.NoChange(new Claim.Wait());
            // The first caller died mid-way: take its lease over. The work itself is keyed too, so redoing it is safe.
            return new Decision<Claim>(AccountCommit.RowsOnly(scope, new RowOp(lease, RowWrite.Replace, found.ETag)), new Claim.Reserved(lease));
        }, ct);

    private async Task<StoredResponse> RunReservedAsync(string scope, IdempotencyRecord lease, Func<Task<StoredResponse>> action, CancellationToken ct)
    {
        StoredResponse response;
        try { response = await action(); }
        catch
        {
            // An error answer is not stored: the request wrote nothing, so the key stays free for a corrected retry.
            await WriteAsync(scope, new RowOp(lease, RowWrite.Delete, "*"), CancellationToken.None);
            throw;
        }
        await WriteAsync(scope, new RowOp(lease with { State = IdempotencyState.Completed, StatusCode = response.StatusCode, ResponseBody = response.Body }, RowWrite.Upsert), ct);
        return response;
    }

    private Task WriteAsync(string scope, RowOp row, CancellationToken ct) =>
        uow.RunRowsAsync(scope, () => Task.FromResult(new Decision<bool>(AccountCommit.RowsOnly(scope, row), true)), ct);
}
