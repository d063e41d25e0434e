using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Billing.Integration.Tests.Support;

/// <summary>The fake's API objects: what it accepts when creating them, and their JSON as Stripe's API reference shows it.</summary>
public sealed partial class StripeFake
{
    private static readonly string[] Locales = ["auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA",
        "hi-IN", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW"];
    private long _refundSeq;

    /// <summary>Stripe's ids are base62 after a prefix (<c>cs_test_a1B2…</c>, <c>pi_3Mt…</c>): mixed case, as ours must accept.</summary>
    private static string StripeId(string prefix, int length)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return prefix + new string(RandomNumberGenerator.GetItems<char>(alphabet, length));
    }

    private (int, string) CreateSession(string key, Dictionary<string, string> form)
    {
        string? F(string name) => form.GetValueOrDefault(name);
        const string price = "line_items[0][price_data]";
        if (F("mode") != "payment") return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: mode.", "mode");
        if (F($"{price}[currency]") is not { Length: 3 } currency || currency != currency.ToLowerInvariant())
            return Error(400, "invalid_request_error", "parameter_invalid_string", "Invalid currency.", $"{price}[currency]");
        if (!long.TryParse(F($"{price}[unit_amount]"), NumberStyles.None, CultureInfo.InvariantCulture, out var unit))
            return Error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer.", $"{price}[unit_amount]");
        if (unit > 99_999_999) // Stripe takes at most eight digits of minor units
            return Error(400, "invalid_request_error", "amount_too_large", "Amount must be no more than 999,999.99", $"{price}[unit_amount]");
        if (string.IsNullOrEmpty(F($"{price}[product_data][name]")))
            return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: product_data[name].", $"{price}[product_data][name]");
        if (!long.TryParse(F("line_items[0][quantity]"), out var quantity) || quantity < 1)
            return Error(400, "invalid_request_error", "parameter_missing", "Missing required param: quantity.", "line_items[0][quantity]");
        foreach (var url in new[] { "success_url", "cancel_url" })
            if (F(url) is { } u && !Uri.TryCreate(u, UriKind.Absolute, out _)) return Error(400, "invalid_request_error", "url_invalid", "Not a valid URL", url);
        var now = Now;
        var expires = now + 86_400;
        if (F("expires_at") is { } at)
        {
            if (!long.TryParse(at, out expires) || expires < now + 1_800 || expires > now + 86_400)
                return Error(400, "invalid_request_error", "parameter_invalid_integer",
                    "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "expires_at");
        }
        if (F("locale") is { } locale && !Locales.Contains(locale))
            return Error(400, "invalid_request_error", "parameter_invalid_string", $"Invalid locale: {locale}", "locale");
        var session = new FakeSession
        {
            Id = StripeId("cs_test_", 58), ApiKey = key, Form = form, Amount = unit * quantity, Currency = currency, Created = now, ExpiresAt = expires,
        };
        _sessions[session.Id] = session;
        return (200, SessionJson(session, expandIntent: false).ToJsonString());
    }

    private (int, string) CreateRefund(string key, Dictionary<string, string> form)
    {
        var intent = form.GetValueOrDefault("payment_intent");
        if (_sessions.Values.FirstOrDefault(s => s.PaymentIntentId == intent && s.ApiKey == key) is not { } s) return Missing("payment_intent", intent ?? "");
        if (s.IntentStatus != "succeeded")
            return Error(400, "invalid_request_error", "charge_not_refundable", $"This PaymentIntent ({intent}) does not have a successful charge to refund.");
        var amount = form.TryGetValue("amount", out var a) ? long.Parse(a, CultureInfo.InvariantCulture) : s.Amount - s.Refunded;
        if (amount <= 0 || amount > s.Amount - s.Refunded)
            return Error(400, "invalid_request_error", "amount_too_large",
                $"Refund amount ({amount}) is greater than unrefunded amount on charge ({s.Amount - s.Refunded})", "amount");
        var reason = form.GetValueOrDefault("reason") ?? "";
        if (reason is not ("" or "duplicate" or "fraudulent" or "requested_by_customer"))
            return Error(400, "invalid_request_error", "parameter_invalid_string", $"Invalid reason: {reason}", "reason");
        var metadata = form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal)).ToDictionary(f => f.Key[9..^1], f => f.Value);
        var refund = new FakeRefund(StripeId("re_", 24), key, s.Id, amount, s.Currency, reason, metadata, Interlocked.Increment(ref _refundSeq));
        _refunds[refund.Id] = refund;
        s.Refunded += amount;
        return (200, RefundJson(refund).ToJsonString());
    }

    private static JsonObject Map(Dictionary<string, string> values) => new(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value)));

    private JsonObject SessionJson(FakeSession s, bool expandIntent, long? amountTotal = null) => new()
    {
        ["id"] = s.Id,
        ["object"] = "checkout.session",
        ["amount_subtotal"] = amountTotal ?? s.Amount,
        ["amount_total"] = amountTotal ?? s.Amount,
        ["cancel_url"] = s.Form.GetValueOrDefault("cancel_url"),
        ["client_reference_id"] = s.Form.GetValueOrDefault("client_reference_id"),
        ["created"] = s.Created,
        ["currency"] = s.Currency,
        ["customer"] = null,
        ["expires_at"] = s.ExpiresAt,
        ["livemode"] = false,
        ["locale"] = s.Form.GetValueOrDefault("locale"),
        ["metadata"] = Map(s.Metadata("metadata")),
        ["mode"] = "payment",
        ["payment_intent"] = s.PaymentIntentId is null ? null : expandIntent ? IntentJson(s) : s.PaymentIntentId,
        ["payment_method_types"] = new JsonArray("card"),
        ["payment_status"] = s.PaymentStatus,
        ["status"] = s.Status,
        ["success_url"] = s.Form.GetValueOrDefault("success_url"),
        ["ui_mode"] = "hosted_page",
        // Stripe answers the hosted page's address only while the session is open.
        ["url"] = s.Status == "open" ? "https://checkout.stripe.com/c/pay/" + s.Id : null,
    };

    private JsonObject IntentJson(FakeSession s) => new()
    {
        ["id"] = s.PaymentIntentId,
        ["object"] = "payment_intent",
        ["amount"] = s.Amount,
        ["amount_received"] = s.IntentStatus == "succeeded" ? s.Amount : 0,
        ["created"] = s.Created,
        ["currency"] = s.Currency,
        ["latest_charge"] = s.ChargeId,
        ["livemode"] = false,
        ["metadata"] = Map(s.Metadata("payment_intent_data[metadata]")),
        ["status"] = s.IntentStatus,
    };

    /// <summary>The charge of a paid session; <paramref name="withRefunds"/>: its refunds listed, newest first (API versions before 2022-11-15, or expanded).</summary>
    private JsonObject ChargeJson(FakeSession s, bool withRefunds)
    {
        var charge = new JsonObject
        {
            ["id"] = s.ChargeId,
            ["object"] = "charge",
            ["amount"] = s.Amount,
            ["amount_captured"] = s.Amount,
            ["amount_refunded"] = s.Refunded,
            ["captured"] = true,
            ["created"] = s.Created,
            ["currency"] = s.Currency,
            ["livemode"] = false,
            ["metadata"] = Map(s.Metadata("payment_intent_data[metadata]")),
            ["paid"] = true,
            ["payment_intent"] = s.PaymentIntentId,
            ["refunded"] = s.Refunded == s.Amount,
            ["status"] = "succeeded",
        };
        if (withRefunds)
        {
            var refunds = _refunds.Values.Where(r => r.SessionId == s.Id).OrderByDescending(r => r.Seq).Select(r => (JsonNode)RefundJson(r)).ToArray();
            charge["refunds"] = new JsonObject
            {
                ["object"] = "list", ["data"] = new JsonArray(refunds), ["has_more"] = false, ["total_count"] = refunds.Length, ["url"] = $"/v1/charges/{s.ChargeId}/refunds",
            };
        }
        return charge;
    }

    private JsonObject RefundJson(FakeRefund r) => new()
    {
        ["id"] = r.Id,
        ["object"] = "refund",
        ["amount"] = r.Amount,
        ["charge"] = _sessions[r.SessionId].ChargeId,
        ["created"] = Now,
        ["currency"] = r.Currency,
        ["metadata"] = Map(r.Metadata),
        ["payment_intent"] = _sessions[r.SessionId].PaymentIntentId,
        ["reason"] = r.Reason.Length == 0 ? null : r.Reason,
        ["status"] = "succeeded",
    };
}
