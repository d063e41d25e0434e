using System.Text.Json.Nodes;
using Billing.Core.Notifications;

namespace Billing.Core.Runways;

/// <summary>A6: the runway fell to or below the account's threshold: the admins are emailed and the CRM told (balance_low), once per crossing.</summary>
public sealed record BalanceLow(long Alert, Runway Runway, int Threshold, long Balance, long DailyCost, string Currency) : AccountNotice
{
    public override NoticeType Type => NoticeType.BalanceLow;
    // The crossing's number names it: a new crossing after a top-up is a new email and event, a repeat of one collides.
    public override string Key => $"balance-low-{Number(Alert)}";
    public override NoticeAudience Email => NoticeAudience.OwnerAndAdmins;

    public override JsonObject Data() => new()
    {
        ["alert"] = Alert, ["days"] = Runway.Days, ["until"] = Day(Runway.Until), ["threshold"] = Threshold, ["balance"] = Balance,
        ["dailyCost"] = DailyCost, ["currency"] = Currency,
    };
}

/// <summary>
/// A6: the runway is above the threshold again (a top-up, a cheaper plan): the alert is re-armed and the CRM told
/// (balance_recovered), so it can drop its warning. No email: the payment that did it has its own receipt.
/// </summary>
public sealed record BalanceRecovered(long Alert, Runway? Runway, int Threshold, long Balance, string Currency) : AccountNotice
{
    public override NoticeType Type => NoticeType.BalanceRecovered;
    public override string Key => $"balance-recovered-{Number(Alert)}";

    public override JsonObject Data()
    {
        var data = new JsonObject { ["alert"] = Alert };
        // No runway (nothing charged per day any more): it never runs out, and there is no date to give.
        if (Runway is { } r) { data["days"] = r.Days; data["until"] = Day(r.Until); }
        data["threshold"] = Threshold; data["balance"] = Balance; data["currency"] = Currency;
        return data;
    }
}
