using Billing.Core.Accounts;

namespace Billing.Core.Tests;

/// <summary>P2: what the account search matches an account by, and how a query is read.</summary>
public sealed class AccountSearchRules
{
    private static Account Sample(string name, string? owner = null, params string[] admins) => new()
    {
        Id = "acc_7h3k", Name = name, Currency = "UAH", TimeZone = "Europe/Kyiv", Country = "UA", PlanId = "standard", OwnerEmail = owner, AdminEmails = admins,
    };

    [Fact]
    public void P2_an_account_is_found_by_its_id_each_word_of_its_name_the_whole_name_and_each_email_and_its_parts()
    {
        var tokens = SearchTokens.Of(Sample("Школа «Мрія» / Kyiv", "Owner@Mriya.UA", "admin+ops@mriya.ua"));
        Assert.Equal(
            ["acc_7h3k", "admin+ops", "admin+ops@mriya.ua", "kyiv", "mriya.ua", "owner", "owner@mriya.ua", "мрія", "школа", "школа мрія kyiv"],
            tokens.Order(StringComparer.Ordinal).ToArray());
        Assert.All(tokens, t => Assert.DoesNotContain(t, c => c is '|' or '/' or '\\' or '#' or '?' || char.IsControl(c)));
    }

    [Fact]
    public void P2_a_purged_account_keeps_only_its_id_and_the_purged_name()
    {
        Assert.Equal(["acc_7h3k", "account", "purged", "purged account"], SearchTokens.Of(Sample("purged account")).Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData("  ACME  Co ", "acme co")]
    [InlineData("Anna@Acme.COM", "anna@acme.com")]
    [InlineData("acc_7h", "acc_7h")]
    [InlineData("x'/or#1", "x or 1")]
    public void P2_a_query_is_read_as_tokens_are_written(string raw, string expected) => Assert.Equal(expected, SearchTokens.Query(raw));

    [Theory]
    [InlineData("")]
    [InlineData("  /#? ")]
    public void P2_a_query_without_letters_or_digits_is_refused(string raw) =>
        Assert.Equal("query_invalid", Assert.Throws<BillingException>(() => SearchTokens.Query(raw)).Code);
}
