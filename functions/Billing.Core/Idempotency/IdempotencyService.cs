using Billing.Core.Storage;

namespace Billing.Core.Idempotency;

/// <summary>Pending: a caller holds the lease; Completed: the answer is stored; Released: the request failed and wrote nothing, so the key is free again.</summary>
public enum IdempotencyState { Pending, Completed, Released }

/// <summary>The first answer to a request made with an Idempotency-Key (B8).</summary>
public sealed record IdempotencyRecord
{
    public static RowRef<IdempotencyRecord> Ref(string key) => new(key);
    public static readonly RowSet<IdempotencyRecord> All = RowSet<IdempotencyRecord>.All;

    /// <summary>
    /// What the request's work derives its ids from (a top-up's invoice, a customer…): the key and the time it was first
    /// used, to the second. A retry or a takeover after a crash keeps <see cref="CreatedAt"/>, so it names the same rows;
    /// the same key reused after the record expired is a new request and names new ones.
    /// </summary>
    public string OperationKey => Key + "@" + CreatedAt.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

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
/// Records are kept for <see cref="IdempotencyOptions.RetentionHours"/> (at least the 24 h B8 asks for); an expired one
/// counts as absent, so a reused key is a new request (<see cref="RetentionSweepJob"/> deletes it). A failed request
/// releases its key and writes nothing.
/// </summary>
public sealed class IdempotencyService(AccountUnitOfWork uow, TimeProvider clock, IdempotencyOptions? options = null)
{
    private readonly IdempotencyOptions _options = options ?? new();

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

    public Task<StoredResponse> RunAsync(string scope, string key, string requestHash, Func<Task<StoredResponse>> action, CancellationToken ct) =>
        RunAsync(scope, key, requestHash, _ => action(), ct);

    /// <summary>As above; the action is given the record's <see cref="IdempotencyRecord.OperationKey"/> to derive its ids from.</summary>
    public async Task<StoredResponse> RunAsync(string scope, string key, string requestHash, Func<string, Task<StoredResponse>> action, CancellationToken ct)
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
            // Forgotten after the retention (B8), swept or not: the key starts a new request, with new derived ids.
            if (_options.Expired(rec.CreatedAt, now))
                return new Decision<Claim>(AccountCommit.RowsOnly(scope, new RowOp(lease, RowWrite.Replace, found.ETag)), new Claim.Reserved(lease));
            // A failed request wrote nothing and freed its key: a corrected body may use it, as the same operation.
            if (rec.State == IdempotencyState.Released)
            {
                var again = lease with { CreatedAt = rec.CreatedAt };
                return new Decision<Claim>(AccountCommit.RowsOnly(scope, new RowOp(again, RowWrite.Replace, found.ETag)), new Claim.Reserved(again));
            }
            if (rec.RequestHash != requestHash)
                throw BillingException.Refused("idempotency_key_reused", "This Idempotency-Key was used with a different request.");
            if (rec.State == IdempotencyState.Completed) return Decision<Claim>.NoChange(new Claim.Replay(new StoredResponse(rec.StatusCode, rec.ResponseBody ?? "")));
            if (rec.LeaseUntil > now) return Decision<Claim>.NoChange(new Claim.Wait());
            // The first caller died mid-way: take its lease over. The work itself is keyed by the operation key, kept here, so redoing it is safe.
            var takeover = lease with { CreatedAt = rec.CreatedAt };
            return new Decision<Claim>(AccountCommit.RowsOnly(scope, new RowOp(takeover, RowWrite.Replace, found.ETag)), new Claim.Reserved(takeover));
        }, ct);

    private async Task<StoredResponse> RunReservedAsync(string scope, IdempotencyRecord lease, Func<string, Task<StoredResponse>> action, CancellationToken ct)
    {
        StoredResponse response;
        try { response = await action(lease.OperationKey); }
        catch
        {
            // An error answer is not stored: the request wrote nothing, so the key stays free for a corrected retry. The
            // record stays (released) so that retry keeps the operation key: a failure after a partial write finds its rows.
            await WriteAsync(scope, new RowOp(lease with { State = IdempotencyState.Released, LeaseUntil = lease.CreatedAt }, RowWrite.Upsert), CancellationToken.None);
            throw;
        }
        await WriteAsync(scope, new RowOp(lease with { State = IdempotencyState.Completed, StatusCode = response.StatusCode, ResponseBody = response.Body }, RowWrite.Upsert), ct);
        return response;
    }

    private Task WriteAsync(string scope, RowOp row, CancellationToken ct) =>
        uow.RunRowsAsync(scope, () => Task.FromResult(new Decision<bool>(AccountCommit.RowsOnly(scope, row), true)), ct);
}
