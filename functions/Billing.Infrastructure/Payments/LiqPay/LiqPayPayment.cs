using System.Text.Json;

namespace Billing.Infrastructure.Payments.LiqPay;

/// <summary>
/// The fields we read of a LiqPay payment, as its callback and the <c>status</c> API describe it (both carry the same
/// object). Everything else LiqPay sends (card mask, commissions, phone…) is not read, so it cannot be stored by mistake.
/// </summary>
public sealed record LiqPayPayment(string? Status, string? PaymentId, string? OrderId, decimal? Amount, string? Currency,
    decimal? RefundAmount, string? PublicKey, string? Result, string? ErrCode, string? ErrDescription)
{
    public static LiqPayPayment Read(JsonElement json) => new(
        Text(json, "status"), Text(json, "payment_id"), Text(json, "order_id"),
        json.TryGetProperty("amount", out var a) ? LiqPayAmount.Read(a) : null, Text(json, "currency"),
        json.TryGetProperty("refund_amount", out var r) ? LiqPayAmount.Read(r) : null,
        Text(json, "public_key"), Text(json, "result"), Text(json, "err_code"), Text(json, "err_description"));

    /// <summary>A string field, or a number's own digits (LiqPay writes <c>payment_id</c> as a number).</summary>
    private static string? Text(JsonElement json, string name) =>
        !json.TryGetProperty(name, out var v) ? null
        : v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null };

    public string Why => ErrDescription ?? ErrCode ?? Status ?? "no status";
}
