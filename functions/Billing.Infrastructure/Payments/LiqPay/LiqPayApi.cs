using System.Text.Json;
using System.Text.Json.Nodes;
using Billing.Core.Payments;

namespace Billing.Infrastructure.Payments.LiqPay;

/// <summary>
/// LiqPay's server-to-server API: <c>POST {ApiBase}/api/request</c> with the form fields <c>data</c> and <c>signature</c>,
/// signed like a checkout; the answer is JSON over TLS (unsigned). Failures become <see cref="ProviderCallException"/>
/// with LiqPay's own words, for the operator.
/// </summary>
public sealed class LiqPayApi(IHttpClientFactory http, Microsoft.Extensions.Options.IOptions<PaymentsOptions> options)
{
    public const string HttpClientName = "liqpay-api";

    public async Task<LiqPayPayment> RequestAsync(JsonObject parameters, LiqPayKeys keys, CancellationToken ct)
    {
        parameters["version"] = 3;
        parameters["public_key"] = keys.PublicKey;
        var data = LiqPaySignature.Data(parameters);
        var url = options.Value.LiqPay.ApiBase.TrimEnd('/') + "/api/request";
        using var form = new FormUrlEncodedContent([new("data", data), new("signature", LiqPaySignature.Sign(keys.PrivateKey, data))]);
        string body;
        int status;
        try
        {
            using var response = await http.CreateClient(HttpClientName).PostAsync(url, form, ct);
            (status, body) = ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e) { throw new ProviderCallException(LiqPayEvents.Provider, $"{parameters["action"]}: {e.Message}"); }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { throw new ProviderCallException(LiqPayEvents.Provider, $"{parameters["action"]}: timed out"); }
        if (status is < 200 or > 299) throw new ProviderCallException(LiqPayEvents.Provider, $"{parameters["action"]}: HTTP {status}");
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? LiqPayPayment.Read(doc.RootElement)
                : throw new ProviderCallException(LiqPayEvents.Provider, $"{parameters["action"]}: the answer is not a JSON object");
        }
        catch (JsonException) { throw new ProviderCallException(LiqPayEvents.Provider, $"{parameters["action"]}: the answer is not JSON"); }
    }
}

/// <summary>Whose LiqPay shop: the vendor's (configuration) or a tenant's own (<see cref="MerchantCredentials"/>).</summary>
public sealed record LiqPayKeys(string PublicKey, string PrivateKey)
{
    public static LiqPayKeys Of(MerchantCredentials? merchant, LiqPayOptions vendor) => merchant is null
        ? new(vendor.PublicKey, vendor.PrivateKey)
        : new(merchant.PublicKey is { Length: > 0 } pk ? pk : throw new ProviderCallException(LiqPayEvents.Provider, "the shop's public key is not set"), merchant.Secret);
}
