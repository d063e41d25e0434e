using System.Text;
using System.Text.Json.Nodes;
using Billing.Integration.Tests.CustomerBilling;
using Billing.Integration.Tests.Support;

namespace Billing.Integration.Tests;

/// <summary>
/// A4 (issue 14 item 8): a continuation token pages only the list and the account it was given for. A forged token, one
/// of another account or of another list is 400 problem+json <c>invalid_continuation_token</c>; a token on its own list
/// gives the next page.
/// </summary>
public sealed class ContinuationTokenTests
{
    private const string Invalid = "invalid_continuation_token";

    private static string Ledger(string account) => $"/api/accounts/{account}/ledger";
    private static string Invoices(string account) => $"/api/accounts/{account}/invoices";
    private static string CustomerInvoices(string account) => $"/api/accounts/{account}/customer-invoices";
    private static string Customers(string account) => $"/api/accounts/{account}/customers";

    private static string WithToken(string list, string token) => $"{list}?pageSize=1&continuationToken=" + Uri.EscapeDataString(token);

    /// <summary>An account with two ledger entries and two invoices (two bank transfers), so pages of one have a token.</summary>
    private static async Task<string> AccountWithTwoOfEachAsync(BillingApp app)
    {
        var account = await app.CreateActiveAccountAsync(seats: 1);
        await app.FundAsync(account, 20_000, "wire-1-" + account);
        await app.FundAsync(account, 30_000, "wire-2-" + account);
        return account;
    }

    private static async Task<(JsonArray Items, string? Token)> PageAsync(BillingApp app, string url)
    {
        var page = await app.GetAsync(url);
        return (page["items"]!.AsArray(), page["continuationToken"]?.GetValue<string>());
    }

    private static async Task<string> FirstTokenAsync(BillingApp app, string list)
    {
        var (items, token) = await PageAsync(app, list + "?pageSize=1");
        Assert.Single(items);
        Assert.NotNull(token);
        return token!;
    }

    private static async Task AssertRefusedAsync(BillingApp app, string url, string because)
    {
        var response = await app.Api.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400, $"{because}: GET {url} expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.True(problem["code"]?.GetValue<string>() == Invalid, $"{because}: code {problem["code"]} in {text}");
        Assert.Equal(400, problem["status"]!.GetValue<int>());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A4_forged_garbage_random_base64_and_overlong_tokens_are_refused_400_on_the_ledger_and_the_invoice_list()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await AccountWithTwoOfEachAsync(app);
        var real = await FirstTokenAsync(app, Invoices(account));
        var random = new byte[48];
        new Random(14).NextBytes(random);

        var forged = new Dictionary<string, string>
        {
            ["garbage"] = "not a token %%% \u00e9",
            ["random base64"] = Base64Url(random),
            ["base64 of plain text"] = Base64Url("hello, give me the next page"),
            ["envelope without a position"] = Base64Url($"{account}\ninvoices"),
            ["envelope with an empty position"] = Base64Url($"{account}\ninvoices\n"),
            ["envelope with an extra part"] = Base64Url($"{account}\ninvoices\nINV-000002\nmore"),
            ["envelope of an unknown list"] = Base64Url($"{account}\nsecrets\nINV-000002"),
            ["position not an invoice number"] = Base64Url($"{account}\ninvoices\nRowKey gt ''"),
            ["position with a control character"] = Base64Url($"{account}\ninvoices\nINV-00000\u00012"),
            ["overlong (4000 characters)"] = new string('A', 4000),
            ["a real token made overlong"] = real + new string('A', 2100),
        };
        foreach (var list in new[] { Ledger(account), Invoices(account) })
        {
            Assert.NotNull((await PageAsync(app, list + "?pageSize=1")).Token); // the list itself answers
            foreach (var (name, token) in forged)
                await AssertRefusedAsync(app, WithToken(list, token), $"{name} on {list}");
        }

        // Reading with refused tokens wrote nothing.
        Assert.Equal(50_000, await app.BalanceAsync(account));
        Assert.Equal(2, (await app.LedgerAsync(account)).Count);
        Assert.Equal(2, (await app.InvoicesAsync(account)).Count);
    }

    [Fact]
    public async Task A4_a_valid_token_of_account_A_is_refused_on_account_B_and_pages_on_A()
    {
        await using var app = await BillingApp.StartAsync();
        var a = await AccountWithTwoOfEachAsync(app);
        var b = await AccountWithTwoOfEachAsync(app);

        foreach (var (list, key, expected) in new (Func<string, string>, string, string[])[]
                 { (Ledger, "seq", ["2", "1"]), (Invoices, "number", ["INV-000002", "INV-000001"]) })
        {
            var tokenA = await FirstTokenAsync(app, list(a));
            var tokenB = await FirstTokenAsync(app, list(b));
            await AssertRefusedAsync(app, WithToken(list(b), tokenA), $"A's token on B's {list(b)}");
            await AssertRefusedAsync(app, WithToken(list(a), tokenB), $"B's token on A's {list(a)}");

            // On its own list the token gives the other item, newest first, and the list ends there.
            var (first, _) = await PageAsync(app, list(a) + "?pageSize=1");
            var (second, end) = await PageAsync(app, WithToken(list(a), tokenA));
            Assert.Equal(expected, first.Concat(second).Select(i => i![key]!.ToString()).ToArray());
            Assert.Equal(a, second.Single()!["accountId"]!.GetValue<string>());
            Assert.Null(end);
        }
    }

    [Fact]
    public async Task A4_a_ledger_token_is_refused_on_the_invoice_list_an_invoice_token_on_the_ledger_and_a_token_on_another_time_range()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await AccountWithTwoOfEachAsync(app);
        var ledgerToken = await FirstTokenAsync(app, Ledger(account));
        var invoiceToken = await FirstTokenAsync(app, Invoices(account));

        await AssertRefusedAsync(app, WithToken(Invoices(account), ledgerToken), "ledger token on the invoice list");
        await AssertRefusedAsync(app, WithToken(Ledger(account), invoiceToken), "invoice token on the ledger");
        // The ledger of a time range is another list.
        var from = Uri.EscapeDataString(app.Clock.GetUtcNow().AddDays(-1).ToString("o"));
        await AssertRefusedAsync(app, WithToken(Ledger(account), ledgerToken) + "&from=" + from, "whole-ledger token on a range");

        // Each still works on its own list.
        Assert.Single((await PageAsync(app, WithToken(Ledger(account), ledgerToken))).Items);
        Assert.Single((await PageAsync(app, WithToken(Invoices(account), invoiceToken))).Items);
    }

    [Fact]
    public async Task A4_customer_invoice_list_tokens_page_their_own_list_only()
    {
        await using var app = await BillingApp.StartAsync();
        var a = await AccountWithTwoOfEachAsync(app);
        var b = await AccountWithTwoOfEachAsync(app);
        foreach (var tenant in new[] { a, b })
        {
            var first = await app.CreateCustomerAsync(tenant, "Olena");
            var second = await app.CreateCustomerAsync(tenant, "Taras");
            await app.ManualInvoiceAsync(tenant, first, 10_000);
            await app.ManualInvoiceAsync(tenant, second, 20_000);
        }

        var tokenA = await FirstTokenAsync(app, CustomerInvoices(a));
        var (firstPage, _) = await PageAsync(app, CustomerInvoices(a) + "?pageSize=1");
        var (secondPage, end) = await PageAsync(app, WithToken(CustomerInvoices(a), tokenA));
        Assert.Single(secondPage);
        Assert.NotEqual(firstPage[0]!["id"]!.GetValue<string>(), secondPage[0]!["id"]!.GetValue<string>());
        Assert.Null(end);

        await AssertRefusedAsync(app, WithToken(CustomerInvoices(b), tokenA), "A's customer-invoice token on B");
        await AssertRefusedAsync(app, WithToken(Ledger(a), tokenA), "customer-invoice token on the ledger");
        await AssertRefusedAsync(app, WithToken(Invoices(a), tokenA), "customer-invoice token on the account's invoices");
        await AssertRefusedAsync(app, WithToken(Customers(a), tokenA), "customer-invoice token on the customers");
        await AssertRefusedAsync(app, WithToken(CustomerInvoices(a), await FirstTokenAsync(app, Ledger(a))), "ledger token on customer invoices");
        await AssertRefusedAsync(app, WithToken(CustomerInvoices(a), await FirstTokenAsync(app, Invoices(a))), "invoice token on customer invoices");
        await AssertRefusedAsync(app, WithToken(CustomerInvoices(a), await FirstTokenAsync(app, Customers(a))), "customers token on customer invoices");
        await AssertRefusedAsync(app, WithToken(CustomerInvoices(a), "garbage %%%"), "garbage on customer invoices");
        await AssertRefusedAsync(app, WithToken(CustomerInvoices(a), new string('A', 4000)), "overlong on customer invoices");
    }

    /// <summary>
    /// A token is an envelope "account \n list \n position" in base64url. Keeping the account and list of a real ledger
    /// token and changing the storage position gives a token the API never gave out: 400, not an empty page or the first
    /// page again.
    /// </summary>
    [Fact]
    public async Task A4_a_real_ledger_token_whose_position_was_altered_is_refused_not_answered_with_another_page()
    {
        await using var app = await BillingApp.StartAsync();
        var account = await AccountWithTwoOfEachAsync(app);
        var token = await FirstTokenAsync(app, Ledger(account));

        foreach (var position in new[] { "garbage", "a b", " " })
            await AssertRefusedAsync(app, WithToken(Ledger(account), Altered(token, position)), $"ledger token with position '{position}'");
    }

    /// <summary>The token with its last part replaced, if it decodes as the envelope it is today; else with characters swapped.</summary>
    private static string Altered(string token, string position)
    {
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            var text = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=')));
            var parts = text.Split('\n');
            if (parts.Length >= 3) return Base64Url(string.Join('\n', parts[..^1].Append(position)));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException) { }
        var chars = token.ToCharArray();
        (chars[^2], chars[^3]) = (chars[^3] == 'A' ? 'B' : 'A', chars[^2]);
        return new string(chars);
    }
}
