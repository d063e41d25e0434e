using Billing.Core;
using Billing.Core.Payments;
using Billing.Core.Storage;
using Microsoft.AspNetCore.Http;
using static Billing.Http.Api.RequestReader;

namespace Billing.Http.Api.Operator;

/// <summary>B4, F11, P2: flagged payments: every account's open ones (or one account's, open or all), and closing one (FlaggedPayments).</summary>
public sealed class FlaggedPaymentsApi(ApiRunner api, FlaggedPayments flags)
{
    public Task<IResult> List(HttpRequest req, CancellationToken ct) => api.Run(req, async () =>
    {
        var (size, token) = Paging.Read(req);
        var all = req.Query["status"].ToString() switch
        {
            "" or "open" => false,
            "all" => true,
            _ => throw BillingException.Invalid("field_invalid", "'status' must be open or all."),
        };
        if (OperatorQuery.AccountId(req) is not { } accountId)
        {
            if (all) throw BillingException.Invalid("field_invalid", "Across every account only open flags are listed; name an account to see all of its flags.");
            var page = await flags.ListOpenAsync(size, token, ct);
            return ApiResult.Ok(new { items = page.Items, continuationToken = page.ContinuationToken });
        }
        // One account's flags are few: ordered here, a page after the last one shown.
        var list = "flags/" + (all ? "all" : "open");
        var after = PageTokens.Decode(accountId, list, token);
        var items = (await flags.ListAsync(accountId, openOnly: !all, ct)).Select(f => (Position: Position(f), Flag: f))
            .Where(x => after is null || string.CompareOrdinal(x.Position, after) > 0).OrderBy(x => x.Position, StringComparer.Ordinal).Take(size + 1).ToList();
        var shown = items.Take(size).ToList();
        return ApiResult.Ok(new
        {
            items = shown.Select(x => x.Flag),
            continuationToken = items.Count > size ? PageTokens.Encode(accountId, list, shown[^1].Position) : null,
        });
    });

    public Task<IResult> Resolve(HttpRequest req, string flagId, CancellationToken ct) => api.Run(req, async () =>
    {
        if (FlaggedPayment.Parse(flagId) is null) throw BillingException.NotFound("flagged_payment", flagId.Length > 64 ? flagId[..64] : flagId);
        var (b, _) = await ReadJsonAsync<FlagResolutionBody>(req, ct);
        var resolution = ParseEnum<FlagResolution>(Required(b.Resolution, "resolution", 32), "resolution");
        var note = Required(b.Note, "note", Core.Audit.OperatorAct.MaxReasonLength);
        var done = await flags.ResolveAsync(flagId, resolution, note, OperatorRequests.Act(req, OperatorQuery.Name(b.OperatorId), note), ct);
        return ApiResult.Ok(new { flag = done.Flag, balance = done.Balance, ledgerSeq = done.LedgerSeq });
    });

    private static string Position(FlaggedPayment f) => FormattableString.Invariant($"{long.MaxValue - f.ReceivedAt.UtcTicks:D19}_{f.Id}");
}
