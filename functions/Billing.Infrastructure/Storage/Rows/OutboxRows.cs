using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>Outbox messages (G1, G2, F5): RowKey <c>outbox-{id}</c>; the id names the change, so a repeat collides.</summary>
public sealed class OutboxRows : RowMapper<OutboxMessage>
{
    private const string Prefix = "outbox-";

    public override string Key(OutboxMessage row) => Prefix + row.Id;
    public override string Key(RowRef<OutboxMessage> row) => Prefix + (string)row.Id;
    public override (string From, string To) Range(RowSet<OutboxMessage> rows) => Prefixed(Prefix);

    protected override void Write(OutboxMessage m, Columns c)
    {
        c.Text("Id", m.Id); c.Enum("Channel", m.Channel); c.Enum("Type", m.Type); c.Nested("To", m.To); c.Enum("Language", m.Language);
        c.Nested("Data", m.Data); c.Enum("Status", m.Status); c.Int("Attempts", m.Attempts); c.Time("CreatedAt", m.CreatedAt); c.Time("SentAt", m.SentAt);
        c.Time("LeaseUntil", m.LeaseUntil); c.Text("LastError", m.LastError);
        c.Text("Payload", m.Payload?.ToJsonString()); c.Int("Version", m.Version);
    }

    protected override OutboxMessage Read(Columns c) => new()
    {
        Id = c.Text("Id"), Channel = c.Choice<OutboxChannel>("Channel"), Type = c.Choice<NoticeType>("Type"), To = c.Json<List<string>>("To", []),
        Language = c.Choice<Language>("Language"), Data = c.Json<Dictionary<string, string>>("Data", []), Status = c.Choice<OutboxStatus>("Status"),
        Attempts = c.Int("Attempts"), CreatedAt = c.Time("CreatedAt"), SentAt = c.TimeOrNull("SentAt"), LeaseUntil = c.TimeOrNull("LeaseUntil"),
        LastError = c.TextOrNull("LastError"), Payload = c.TextOrNull("Payload") is { } p ? System.Text.Json.Nodes.JsonNode.Parse(p)!.AsObject() : null,
        Version = c.IntOrNull("Version") ?? 1,
    };
}
