using Billing.Core.Charging;
using Billing.Core.Storage;
using Billing.Core.Usage;

namespace Billing.Core.Accounts;

/// <summary>The latest login the CRM reported (E2), kept beside the head so a login never contends with money on the head's ETag.</summary>
public sealed record LoginMark(DateTimeOffset At);

/// <summary>
/// The head row and the rows kept beside it, read together in one request (ARCHITECTURE "The head and its satellites"):
/// what the CRM reports often — seats (C2), logins (E2), usage not yet charged (C11) — is written to these satellites with
/// their own ETags, so reports never make a payment or a plan change lose its race on the head; the daily charge reads
/// them with the head and folds them in.
/// </summary>
public sealed record AccountHead(Versioned<Account> Row, Versioned<SeatReports>? Seats, Versioned<LoginMark>? Login,
    IReadOnlyList<Versioned<UsageCounter>> Usage)
{
    /// <summary>
    /// The account as the rules see it: the head row with the latest seat count and login from the satellites. Its ETag is the
    /// head row's, so a decision over it commits with If-Match on the head as before.
    /// </summary>
    public Versioned<Account> Merged { get; } = Merge(Row, Seats?.Value, Login?.Value);

    private static Versioned<Account> Merge(Versioned<Account> row, SeatReports? seats, LoginMark? login)
    {
        var a = row.Value;
        var lastLogin = login is null || a.LastLoginAt >= login.At ? a.LastLoginAt : login.At;
        if (seats is null && lastLogin == a.LastLoginAt) return row;
        return row with
        {
            Value = a with
            {
                LastLoginAt = lastLogin,
                Charging = seats is null ? a.Charging : a.Charging.SeatsReported(seats.Latest),
            },
        };
    }

    /// <summary>The seats satellite as written next: replaced under its ETag, or inserted (so a racing first write collides).</summary>
    public RowOp SeatsWrite(SeatReports next) => Seats is { } s ? new RowOp(next, RowWrite.Replace, s.ETag) : new RowOp(next, RowWrite.Insert);

    public RowOp LoginWrite(LoginMark next) => Login is { } l ? new RowOp(next, RowWrite.Replace, l.ETag) : new RowOp(next, RowWrite.Insert);
}
