using Azure;
using Azure.Data.Tables;
using Billing.Core.Accounts;
using Billing.Core.Json;
using Billing.Core.WebSessions;
using Billing.Infrastructure.Storage.Rows;

namespace Billing.Infrastructure.WebSessions;

/// <summary>
/// Portal links and browser sessions (P1, P2) in <c>{prefix}websessions</c>: partition <c>link</c>, <c>portal</c> or
/// <c>console</c>, row key the SHA-256 of the token or cookie, so every lookup is one point read and the table opens nothing.
/// </summary>
public sealed class TableWebSessions(Storage.StorageClients clients) : IWebSessionStore
{
    private const string LinkPartition = "link";
    private static readonly LinkRows Links = new();
    private static readonly SessionRows Sessions = new();
    private TableClient Table => clients.WebSessions;

    public async Task AddLinkAsync(PortalLink link, CancellationToken ct) => await Table.AddEntityAsync(Links.ToEntity(LinkPartition, link), ct);

    public async Task<PortalLink?> UseLinkAsync(string hash, DateTimeOffset now, CancellationToken ct)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(LinkPartition, hash, cancellationToken: ct);
        if (!found.HasValue) return null;
        var link = Links.Read(found.Value!);
        if (link.UsedAt is not null) return null;
        try
        {
            // Only the request holding the ETag it read wins: two tabs opening one link get one session between them.
            await Table.UpdateEntityAsync(Links.ToEntity(LinkPartition, link with { UsedAt = now }), found.Value!.ETag, TableUpdateMode.Replace, ct);
            return link;
        }
        catch (RequestFailedException e) when (e.Status == 412) { return null; }
    }

    public async Task AddSessionAsync(WebSession session, CancellationToken ct) =>
        await Table.AddEntityAsync(Sessions.ToEntity(Partition(session.Kind), session), ct);

    public async Task<WebSession?> FindSessionAsync(SessionKind kind, string hash, CancellationToken ct)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(kind), hash, cancellationToken: ct);
        return found.HasValue ? Sessions.Read(found.Value!) : null;
    }

    public async Task TouchAsync(WebSession session, DateTimeOffset now, CancellationToken ct)
    {
        var touch = new TableEntity(Partition(session.Kind), session.Hash) { ["LastSeenAt"] = now.ToUniversalTime() };
        // A merge without a condition: two requests of one session may both move the clock; the later time is as good.
        try { await Table.UpdateEntityAsync(touch, ETag.All, TableUpdateMode.Merge, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { /* signed out meanwhile */ }
    }

    public async Task RemoveSessionAsync(SessionKind kind, string hash, CancellationToken ct)
    {
        try { await Table.DeleteEntityAsync(Partition(kind), hash, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { /* already gone */ }
    }

    public async Task<int> DeleteEndedAsync(DateTimeOffset linksExpiredBefore, DateTimeOffset sessionsIdleBefore, CancellationToken ct)
    {
        var ended = new List<TableEntity>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LinkPartition} and ExpiresAt lt {linksExpiredBefore.UtcDateTime}"), cancellationToken: ct))
            ended.Add(e);
        foreach (var kind in Enum.GetValues<SessionKind>())
            await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(kind)} and LastSeenAt lt {sessionsIdleBefore.UtcDateTime}"), cancellationToken: ct))
                ended.Add(e);
        foreach (var e in ended)
        {
            // With the ETag read: a session used meanwhile (its idle clock moved) is kept.
            try { await Table.DeleteEntityAsync(e.PartitionKey, e.RowKey, e.ETag, ct); }
            catch (RequestFailedException x) when (x.Status is 404 or 412) { /* gone or used meanwhile */ }
        }
        return ended.Count;
    }

    private static string Partition(SessionKind kind) => Names.Of(kind);

    private sealed class LinkRows : RowMapper<PortalLink>
    {
        public override string Key(PortalLink row) => row.Hash;

        protected override void Write(PortalLink x, Columns c)
        {
            c.Text("AccountId", x.AccountId); c.Text("UserId", x.UserId); c.Enum("Role", x.Role);
            if (x.Language is { } l) c.Enum("Language", l);
            c.Text("ReturnUrl", x.ReturnUrl); c.Time("ExpiresAt", x.ExpiresAt); c.Time("UsedAt", x.UsedAt);
        }

        protected override PortalLink Read(Columns c) => new(c.Entity.RowKey, c.Text("AccountId"), c.Text("UserId"), c.Choice<Role>("Role"),
            c.TextOrNull("Language") is null ? null : c.Choice<Language>("Language"), c.Text("ReturnUrl"), c.Time("ExpiresAt"), c.TimeOrNull("UsedAt"));
    }

    private sealed class SessionRows : RowMapper<WebSession>
    {
        public override string Key(WebSession row) => row.Hash;

        protected override void Write(WebSession x, Columns c)
        {
            c.Enum("Kind", x.Kind); c.Text("AccountId", x.AccountId); c.Text("UserId", x.UserId); c.Enum("Role", x.Role);
            c.Enum("Language", x.Language); c.Text("ReturnUrl", x.ReturnUrl); c.Text("Csrf", x.CsrfToken);
            c.Time("CreatedAt", x.CreatedAt); c.Time("LastSeenAt", x.LastSeenAt);
            c.Text("OperatorKeyId", x.OperatorKeyId); c.Text("OperatorName", x.OperatorName);
        }

        protected override WebSession Read(Columns c) => new(c.Entity.RowKey, c.Choice<SessionKind>("Kind"), c.Text("AccountId"), c.Text("UserId"),
            c.Choice<Role>("Role"), c.Choice<Language>("Language"), c.Text("ReturnUrl"), c.Text("Csrf"), c.Time("CreatedAt"), c.Time("LastSeenAt"))
        {
            OperatorKeyId = c.TextOrNull("OperatorKeyId") ?? "",
            OperatorName = c.TextOrNull("OperatorName") ?? "",
        };
    }
}
