namespace Billing.Core.Restrictions;

/// <summary>
/// What the restriction rules keep on the account head (D2–D5): the policy, since when the balance is negative, the
/// promised payment, and the level last recorded. Changed only by the methods here, which return the notice to send.
/// </summary>
public sealed record RestrictionState
{
    /// <summary>Restriction policy while in debt (D2 day_of_month, D3 immediate).</summary>
    public RestrictionPolicy Policy { get; init; }
    /// <summary>Local date the balance went negative (D3); null while it is not.</summary>
    public DateOnly? NegativeSince { get; init; }
    /// <summary>End of the promised payment in force (D4).</summary>
    public DateTimeOffset? PromiseUntil { get; init; }
    public DateTimeOffset? LastPromiseAt { get; init; }
    /// <summary>The level last recorded by re-evaluation (D5): a change from it is recorded and emailed once.</summary>
    public RestrictionLevel RecordedLevel { get; init; }
    /// <summary>How many level changes were recorded: the sequence of their rows.</summary>
    public long Changes { get; init; }

    public RestrictionState WithPolicy(RestrictionPolicy policy) => this with { Policy = policy };

    /// <summary>D3 counts the debt from the local day the balance went negative; paying it all clears that.</summary>
    public RestrictionState BalanceMoved(long balance, DateOnly today) =>
        this with { NegativeSince = balance < 0 ? NegativeSince ?? today : null };

    /// <summary>D5: a new level is recorded as the next change, with the notice to email and send to the CRM.</summary>
    public (RestrictionState State, RestrictionChange Change, RestrictionLevelChanged Notice) Record(LevelDecision decision, long balance,
        DateOnly today, DateTimeOffset at, string trigger)
    {
        var change = new RestrictionChange(Changes + 1, at, RecordedLevel, decision.Level, decision.Reason, trigger);
        var notice = new RestrictionLevelChanged(change.Seq, RecordedLevel, decision.Level, decision.Reason, Math.Max(0, -balance), today);
        return (this with { RecordedLevel = decision.Level, Changes = Changes + 1 }, change, notice);
    }

    /// <summary>D4: restrictions lifted until <paramref name="until"/>, with the admins' email.</summary>
    public (RestrictionState, PromisedPaymentTaken) Promised(DateTimeOffset at, DateTimeOffset until, string actingUserId, long amountDue) =>
        (this with { PromiseUntil = until, LastPromiseAt = at }, new PromisedPaymentTaken(at, until, actingUserId, amountDue));
}

/// <summary>G1: a promised payment was taken (D4): until when, by whom, and what is still owed.</summary>
public sealed record PromisedPaymentTaken(DateTimeOffset At, DateTimeOffset Until, string ActingUserId, long AmountDue) : Notifications.AccountNotice
{
    public override Notifications.NoticeType Type => Notifications.NoticeType.PromisedPayment;
    // One per promise: a promise starts a new period of 30 days (D4), so its start names it.
    public override string Key => "promise-" + At.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
    public override Notifications.NoticeAudience Email => Notifications.NoticeAudience.OwnerAndAdmins;
    public override bool Event => false;
    public override System.Text.Json.Nodes.JsonObject Data() => new()
    {
        ["until"] = Until.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["by"] = ActingUserId, ["amountDue"] = AmountDue,
    };
}

/// <summary>D5: the CRM and the admins learn of a new restriction level (restriction_changed).</summary>
public sealed record RestrictionLevelChanged(long Change, RestrictionLevel From, RestrictionLevel To, string Reason, long AmountDue, DateOnly Date)
    : Notifications.AccountNotice
{
    public override Notifications.NoticeType Type => Notifications.NoticeType.RestrictionChanged;

    // The day and the level: the same level is never emailed twice on one day (D5)...
    public override string Key => $"restriction-{Day(Date)}-{Json.Names.Of(To)}";

    // ...but every recorded change is an event (G2): none→blocked→none→blocked in one day is three events, the last saying blocked.
    public override string EventKey => $"restriction-change-{Number(Change)}";

    public override Notifications.NoticeAudience Email => Notifications.NoticeAudience.OwnerAndAdmins;

    public override System.Text.Json.Nodes.JsonObject Data() => new()
    {
        ["change"] = Change, ["from"] = Json.Names.Of(From), ["to"] = Json.Names.Of(To), ["reason"] = Reason, ["amountDue"] = AmountDue, ["date"] = Day(Date),
    };
}
