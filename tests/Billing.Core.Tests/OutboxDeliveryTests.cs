using Billing.Core.Accounts;
using Billing.Core.Notifications;
using Billing.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Billing.Core.Tests;

/// <summary>G1/G2 delivery: a failure is retried, a redelivered message sends nothing twice, an exhausted one is marked failed.</summary>
public sealed class OutboxDeliveryTests
{
    private readonly InMemoryAccountStore _store = new();
    private readonly Mock<IEmailSender> _email = new();
    private readonly Mock<IEventSender> _events = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly Mock<IEmailRenderer> _renderer = new();

    private OutboxDelivery Delivery => new(TestPipeline.UnitOfWork(_store), _renderer.Object, _email.Object, _events.Object, _clock, NullLogger<OutboxDelivery>.Instance);

    private async Task<OutboxItem> Pending(OutboxChannel channel = OutboxChannel.Email)
    {
        var a = new Account { Id = "acc_o", Name = "O", Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "p", Language = Language.Uk };
        var m = channel == OutboxChannel.Email
            ? Outbox.Email(a, Notice(NoticeType.RestrictionChanged), ["owner@test.example"], _clock.GetUtcNow())
            : Outbox.Event(a, Notice(NoticeType.Deleted), _clock.GetUtcNow());
        await _store.CommitAsync(new AccountCommit(a.Id, null, null, [new RowOp(m, RowWrite.Insert)]), CancellationToken.None);
        _renderer.Setup(r => r.Render(NoticeType.RestrictionChanged, Language.Uk, It.IsAny<IReadOnlyDictionary<string, string>>())).Returns(("s", "<p>h</p>", "h"));
        return new OutboxItem(a.Id, m.Id);
    }

    private async Task<OutboxMessage> Row(OutboxItem item) =>
        (await _store.GetAsync(item.AccountId, OutboxMessage.Ref(item.OutboxId), CancellationToken.None))!.Value;

    private sealed record TestNotice(NoticeType Kind) : AccountNotice
    {
        public override NoticeType Type => Kind;
        public override string Key => "x";
        public override System.Text.Json.Nodes.JsonObject Data() => [];
    }

    private static AccountNotice Notice(NoticeType type) => new TestNotice(type);

    [Fact]
    public async Task G1_a_failed_send_is_recorded_and_thrown_for_a_retry_that_then_sends_once()
    {
        var item = await Pending();
        _email.SetupSequence(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("smtp down")).Returns(Task.CompletedTask);
        await Assert.ThrowsAsync<IOException>(() => Delivery.DeliverAsync(item, CancellationToken.None));
        var failed = await Row(item);
        Assert.Equal((OutboxStatus.Pending, 1, "smtp down"), (failed.Status, failed.Attempts, failed.LastError));

        Assert.True(await Delivery.DeliverAsync(item, CancellationToken.None));
        Assert.Equal(OutboxStatus.Sent, (await Row(item)).Status);
        // The queue delivers the message again: nothing is sent twice.
        Assert.False(await Delivery.DeliverAsync(item, CancellationToken.None));
        _email.Verify(e => e.SendAsync(It.Is<EmailMessage>(m => m.MessageId == item.OutboxId && m.To.Single() == "owner@test.example"), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task G1_a_row_claimed_by_another_delivery_is_not_sent_until_its_lease_lapses()
    {
        var item = await Pending();
        var row = await _store.GetAsync(item.AccountId, OutboxMessage.Ref(item.OutboxId), CancellationToken.None);
        await _store.CommitAsync(new AccountCommit(item.AccountId, null, null,
            [new RowOp(row!.Value with { Status = OutboxStatus.Sending, LeaseUntil = _clock.GetUtcNow().AddMinutes(2) }, RowWrite.Replace, row.ETag)]), CancellationToken.None);
        Assert.False(await Delivery.DeliverAsync(item, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await Delivery.DeliverAsync(item, CancellationToken.None));
        _email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task G2_an_event_that_keeps_failing_is_marked_failed_after_the_last_attempt()
    {
        var item = await Pending(OutboxChannel.Event);
        _events.Setup(e => e.SendAsync(It.Is<CrmEvent>(x => x.Type == NoticeType.Deleted && x.AccountId == "acc_o" && x.Id == "acc_o.event-x"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503"));
        for (var i = 1; i < OutboxDelivery.MaxAttempts; i++)
            await Assert.ThrowsAsync<HttpRequestException>(() => Delivery.DeliverAsync(item, CancellationToken.None));
        Assert.False(await Delivery.DeliverAsync(item, CancellationToken.None));
        var row = await Row(item);
        Assert.Equal((OutboxStatus.Failed, OutboxDelivery.MaxAttempts), (row.Status, row.Attempts));
    }

    [Fact]
    public async Task F10_a_receiver_that_refuses_a_message_for_good_fails_it_at_once_with_its_words()
    {
        var item = await Pending(OutboxChannel.Event);
        _events.Setup(e => e.SendAsync(It.Is<CrmEvent>(x => x.Type == NoticeType.Deleted && x.AccountId == "acc_o"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PermanentDeliveryException("400: invalid number"));
        Assert.False(await Delivery.DeliverAsync(item, CancellationToken.None));
        var row = await Row(item);
        Assert.Equal((OutboxStatus.Failed, 1, "400: invalid number"), (row.Status, row.Attempts, row.LastError));
    }

    [Fact]
    public async Task F10_a_final_outcome_writes_the_rows_features_keep_about_the_message_and_a_retry_does_not()
    {
        var item = await Pending(OutboxChannel.Event);
        var seen = new List<OutboxStatus>();
        var rows = new Mock<IOutboxOutcomeRows>();
        rows.Setup(r => r.RowsAsync("acc_o", It.IsAny<OutboxMessage>(), It.IsAny<DateTimeOffset>(), true, It.IsAny<CancellationToken>()))
            .Callback((string _, OutboxMessage m, DateTimeOffset _, bool _, CancellationToken _) => seen.Add(m.Status)).ReturnsAsync([]);
        _events.SetupSequence(e => e.SendAsync(It.Is<CrmEvent>(x => x.Type == NoticeType.Deleted && x.AccountId == "acc_o"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503")).Returns(Task.CompletedTask);
        var delivery = new OutboxDelivery(TestPipeline.UnitOfWork(_store), _renderer.Object, _email.Object, _events.Object, _clock, NullLogger<OutboxDelivery>.Instance,
            outcomes: [rows.Object]);
        await Assert.ThrowsAsync<HttpRequestException>(() => delivery.DeliverAsync(item, CancellationToken.None));
        Assert.Empty(seen);
        Assert.True(await delivery.DeliverAsync(item, CancellationToken.None));
        Assert.Equal([OutboxStatus.Sent], seen);
    }
}
