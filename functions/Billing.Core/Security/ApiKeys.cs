using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Billing.Core.Security;

/// <summary>
/// Who calls the API (S1): the CRM backend acting for tenants, the vendor's accounting system (external invoices and
/// their completion), or vendor staff. Every non-public route names the roles it admits.
/// </summary>
public enum CallerRole { Crm, Erp, Operator }

/// <summary>A stored API key: never the secret itself, only its SHA-256 hash.</summary>
public sealed record ApiKey(string Id, string Name, CallerRole Role, string? AccountId, string Hash, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>An authenticated caller: its key, role and, for a scoped key, the one account it may reach.</summary>
public sealed record Caller(string KeyId, string Name, CallerRole Role, string? AccountId);

/// <summary>A key handed out once, at creation: the secret is not kept.</summary>
public sealed record IssuedKey(ApiKey Key, string Secret);

/// <summary>Where keys are kept (port): by hash, so a lookup is one point read.</summary>
public interface IApiKeyStore
{
    Task AddAsync(ApiKey key, CancellationToken ct);
    Task<ApiKey?> FindByHashAsync(string hash, CancellationToken ct);
    IAsyncEnumerable<ApiKey> ListAsync(CancellationToken ct);
    Task<ApiKey?> DeleteAsync(string id, CancellationToken ct);
}

/// <summary>A key from configuration (<c>Security:Keys:N</c>): how a deployment gets its first operator and CRM keys.</summary>
public sealed class BootstrapKey
{
    public string Key { get; set; } = "";
    public CallerRole Role { get; set; }
    public string? AccountId { get; set; }
    public string Name { get; set; } = "";
}

public sealed class SecurityOptions
{
    public const string Section = "Security";
    public const int MinKeyLength = 16;

    public List<BootstrapKey> Keys { get; set; } = [];

    public string? Problem() =>
        Keys.FirstOrDefault(k => k.Key.Length < MinKeyLength) is { } shortKey
            ? $"Security:Keys: every key needs {MinKeyLength} characters at least ('{shortKey.Name}' has {shortKey.Key.Length})."
            : Keys.FirstOrDefault(k => k.AccountId is not null && !Validation.Ids.IsValid(k.AccountId)) is { } bad
                ? $"Security:Keys: '{bad.Name}' is scoped to an invalid account id."
                : Keys.FirstOrDefault(k => k.AccountId is not null && k.Role == CallerRole.Operator) is { } scopedOperator
                    ? $"Security:Keys: '{scopedOperator.Name}' is an operator key scoped to an account; operators act for the vendor."
                    : null;
}

/// <summary>
/// API keys (S1): operators create, list and delete them; each request presents one. Keys are stored as hashes;
/// bootstrap keys come from configuration. A lookup is cached for <see cref="CacheFor"/>, so a deleted key may open
/// routes on other instances that long after its deletion (the instance that deleted it forgets it at once).
/// </summary>
public sealed class ApiKeyService(IApiKeyStore store, SecurityOptions options, TimeProvider clock, ILogger<ApiKeyService> log, Audit.AuditTrail? audit = null)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, (Caller? Caller, DateTimeOffset Until)> _cache = new();

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    public async Task<Caller?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        var hash = HashOf(presented);
        foreach (var (k, i) in options.Keys.Select((k, i) => (k, i)))
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(k.Key)), Encoding.ASCII.GetBytes(hash)))
                return new Caller($"cfg-{i}", k.Name.Length > 0 ? k.Name : $"configuration key {i}", k.Role, k.AccountId);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now) return cached.Caller;
        var found = await store.FindByHashAsync(hash, ct);
        var caller = found is null ? null : new Caller(found.Id, found.Name, found.Role, found.AccountId);
        _cache[hash] = (caller, now + CacheFor);
        return caller;
    }

    public async Task<IssuedKey> CreateAsync(CallerRole role, string? accountId, string name, string createdBy, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl))
            throw BillingException.Invalid("key_name_invalid", "'name' must be 1 to 100 printable characters.");
        if (accountId is not null && role == CallerRole.Operator)
            throw BillingException.Invalid("operator_key_scoped", "Operator keys act for the vendor: they cannot be scoped to one account.");
        var secret = "bk_" + Validation.Ids.Token();
        var key = new ApiKey(Validation.Ids.New("key"), name.Trim(), role, accountId, HashOf(secret), clock.GetUtcNow(), createdBy);
        await store.AddAsync(key, ct);
        log.LogInformation("API key {KeyId} ({Role}{Scope}) created by {By}", key.Id, role, accountId is null ? "" : " of " + accountId, createdBy);
        return new IssuedKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct) => await store.ListAsync(ct).ToListAsync(ct);

    public async Task<ApiKey> DeleteAsync(string id, string deletedBy, CancellationToken ct)
    {
        var deleted = await store.DeleteAsync(Validation.Ids.Require(id, "api_key"), ct) ?? throw BillingException.NotFound("api_key", id);
        _cache.TryRemove(deleted.Hash, out _);
        log.LogInformation("API key {KeyId} ({Role}) deleted by {By}", deleted.Id, deleted.Role, deletedBy);
        return deleted;
    }

    /// <summary>
    /// P2: an operator issues a key. Keys live in their own table, no account's commit, so the audit entry is written right
    /// after (in the scoped account's partition, or the global log for a vendor-wide key); it never holds the secret.
    /// </summary>
    public async Task<IssuedKey> CreateAsync(CallerRole role, string? accountId, string name, Audit.OperatorAct act, CancellationToken ct)
    {
        var issued = await CreateAsync(role, accountId, name, act.Actor.Display, ct);
        await RecordAsync(act, Audit.AuditAction.ApiKeyCreate, issued.Key, before: false, ct);
        return issued;
    }

    /// <summary>P2: an operator revokes a key; audited right after, as <see cref="CreateAsync(CallerRole, string?, string, Audit.OperatorAct, CancellationToken)"/>.</summary>
    public async Task<ApiKey> DeleteAsync(string id, Audit.OperatorAct act, CancellationToken ct)
    {
        var deleted = await DeleteAsync(id, act.Actor.Display, ct);
        await RecordAsync(act, Audit.AuditAction.ApiKeyRevoke, deleted, before: true, ct);
        return deleted;
    }

    private async Task RecordAsync(Audit.OperatorAct act, Audit.AuditAction action, ApiKey key, bool before, CancellationToken ct)
    {
        if (audit is null) return;
        var snapshot = new System.Text.Json.Nodes.JsonObject { ["role"] = Json.Names.Of(key.Role), ["name"] = key.Name, ["accountId"] = key.AccountId };
        await audit.RecordAsync(Audit.AuditEntry.New(act, action, clock.GetUtcNow(), key.AccountId, key.Id, before ? snapshot : null, before ? null : snapshot), ct);
    }
}
