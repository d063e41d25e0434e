using System.Text.Json.Nodes;
using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Billing.Core.Tests.Events;

/// <summary>
/// An account's outbox in memory with the real delivery and the operators' view of a row, for the event transports' tests.
/// </summary>
internal sealed class EventOutboxFixture
{
    public InMemoryAccountStore Store { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

    public OutboxDelivery Delivery(IEventSender events) =>
        new(TestPipeline.UnitOfWork(Store), new Mock<IEmailRenderer>().Object, new Mock<IEmailSender>().Object, events, Clock, NullLogger<OutboxDelivery>.Instance);

    /// <summary>An event row as a change writes it (<see cref="Outbox.Event"/>), committed; the queue item that delivers it.</summary>
    public async Task<OutboxItem> RecordAsync(string accountId, NoticeType type, string key, JsonObject? data = null)
    {
        var account = new Account { Id = accountId, Name = "Acme", Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "standard", Language = Language.Uk };
        if (await Store.FindAsync(accountId, CancellationToken.None) is null) await Store.CreateAsync(account, CancellationToken.None);
        var row = Outbox.Event(account, new Notice(type, key, data ?? new JsonObject { ["amount"] = 150_000, ["currency"] = "UAH" }), Clock.GetUtcNow());
        await Store.CommitAsync(new AccountCommit(accountId, null, null, [new RowOp(row, RowWrite.Insert)]), CancellationToken.None);
        return new OutboxItem(accountId, row.Id);
    }

    public async Task<OutboxMessage> RowAsync(OutboxItem item) =>
        (await Store.GetAsync(item.AccountId, OutboxMessage.Ref(item.OutboxId), CancellationToken.None))!.Value;

    /// <summary>
    /// The delivery as operators are shown it: the row mapped by <see cref="EventDelivery.Of"/>, as <see cref="EventDeliveries"/> maps
    /// every row it lists for the console's events page and <c>GET operator/events</c> (the listing itself runs over Table Storage
    /// in the integration tests); null when its status is not <paramref name="status"/>.
    /// </summary>
    public async Task<EventDelivery?> ShownAsync(OutboxItem item, DeliveryStatus? status)
    {
        var shown = EventDelivery.Of(item.AccountId, await RowAsync(item));
        return status is null || shown.Status == status ? shown : null;
    }

    private sealed record Notice(NoticeType Kind, string Name, JsonObject Payload) : AccountNotice
    {
        public override NoticeType Type => Kind;
        public override string Key => Name;
        public override JsonObject Data() => (JsonObject)Payload.DeepClone();
    }
}
