using System.Text.RegularExpressions;
using Billing.Http.Endpoints;

namespace Billing.Functions.Tests;

/// <summary>
/// billing.http, the sample calls integrators start from: every customer-invoicing entry of the endpoint table (F1–F11)
/// has a sample with its method and route, and every sample of a keyed route sends the x-api-key header the others use.
/// </summary>
public sealed partial class BillingHttpSamplesTests
{
    private static readonly string[] CustomerInvoicing =
    [
        "CompanyDetailsGet", "CompanyDetailsSet", "CustomerList", "CustomerCreate", "CustomerGet", "CustomerUpdate", "CustomerLessons", "CustomerAdjustment",
        "CustomerLedger", "CustomerInvoiceList", "CustomerInvoiceCreate", "CustomerInvoiceArchive", "CustomerInvoiceGet", "CustomerInvoiceSend",
        "CustomerMessageGet", "MessageTemplateList", "MessageTemplateCreate", "MessageTemplateUpdate", "MailingRuleList", "MailingRuleCreate", "MailingRuleGet",
        "MailingRuleUpdate", "MailingRuleRun", "MailingRuleRuns", "MailingRun", "PublicInvoicePage", "PublicInvoiceCheckout",
        "PaymentProviderGet", "PaymentProviderSet", "PaymentProviderDelete",
    ];

    /// <summary>Payments' operator routes (B10): samples held the same way.</summary>
    private static readonly string[] Operator = ["OperatorWebhookList", "OperatorWebhookGet"];

    /// <summary>P2: the operator console's backend (issue 16).</summary>
    private static readonly string[] Console =
    [
        "OperatorAuditList", "OperatorAdjustment", "OperatorAccountSearch", "OperatorFlaggedPaymentList", "OperatorFlaggedPaymentResolve",
        "OperatorEventList", "OperatorEventReplay", "OperatorEventRangeReplay", "OperatorMessageList", "OperatorMessageResend",
    ];

    private static readonly string[] Held = [.. CustomerInvoicing, .. Operator, .. Console];

    private sealed record Sample(string Method, string Path, IReadOnlyList<string> Headers);

    private static IReadOnlyList<Sample> Samples()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "billing.http"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var samples = new List<Sample>();
        foreach (var block in Regex.Split(File.ReadAllText(Path.Combine(dir!.FullName, "billing.http")), @"^###.*$", RegexOptions.Multiline).Skip(1))
        {
            var lines = block.Split('\n').Select(l => l.TrimEnd('\r')).SkipWhile(l => l.Trim().Length == 0 || l.StartsWith('#')).ToList();
            if (lines.Count == 0 || RequestLine().Match(lines[0]) is not { Success: true } m) continue;
            samples.Add(new Sample(m.Groups[1].Value, m.Groups[2].Value, lines.Skip(1).TakeWhile(l => l.Trim().Length > 0).ToList()));
        }
        return samples;
    }

    /// <summary>A sample's path (after <c>{{base}}/</c>, without its query) matches a route when every <c>{param}</c> is one segment.</summary>
    private static bool Matches(string route, string path)
    {
        var pattern = "^" + string.Join("/", route.Split('/').Select(s => s.StartsWith('{') ? "[^/]+" : Regex.Escape(s))) + "$";
        return Regex.IsMatch(path.Split('?')[0], pattern);
    }

    [Fact]
    public void F1_F11_every_customer_invoicing_endpoint_has_a_sample_and_keyed_samples_send_x_api_key()
    {
        var samples = Samples();
        var missing = new List<string>();
        foreach (var entry in EndpointTable.All.Where(e => Held.Contains(e.Name)))
        {
            var found = samples.Where(s => s.Method == entry.Method && Matches(entry.Route, s.Path)).ToList();
            if (found.Count == 0) { missing.Add($"{entry.Name}: {entry.Method} {entry.Route}"); continue; }
            if (!entry.IsPublic)
                Assert.All(found, s => Assert.Contains(s.Headers, h => h.StartsWith("x-api-key: {{", StringComparison.Ordinal)));
        }
        Assert.True(missing.Count == 0, "no sample in billing.http for: " + string.Join("; ", missing));
        Assert.Equal(Held.Length, EndpointTable.All.Count(e => Held.Contains(e.Name)));
    }

    [Fact]
    public void F1_F11_a_new_customer_invoicing_route_is_listed_here_so_it_gets_a_sample()
    {
        var ours = new Regex("company-details|customers|customer-invoices|messages|message-templates|mailing-|^pay/|payment-provider|operator/webhooks" +
            "|operator/audit|adjustments|^operator/accounts$|flagged-payments|operator/events");
        // The console's pages (P2) call the same services as these routes but are no API: they get no sample.
        Assert.Equal([], EndpointTable.All.Where(e => !e.BySession && ours.IsMatch(e.Route) && !Held.Contains(e.Name)).Select(e => e.Name).ToArray());
    }

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE) \{\{base\}\}/(\S+)")]
    private static partial Regex RequestLine();
}
