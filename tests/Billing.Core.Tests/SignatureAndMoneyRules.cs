using Billing.Core.Money;
using Billing.Core.Payments;

namespace Billing.Core.Tests;

public sealed class SignatureAndMoneyRules
{
    private const string Secret = "whsec-test-0123456789";
    private const string Body = """{"id":"evt_1","amount":100}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = WebhookSignature.DefaultTolerance;

    [Fact]
    public void B4_a_good_signature_verifies_and_one_four_minutes_old_still_does()
    {
        WebhookSignature.Verify(Body, WebhookSignature.Sign(Body, Secret, Now), Secret, Now, Tolerance);
        WebhookSignature.Verify(Body, WebhookSignature.Sign(Body, Secret, Now.AddMinutes(-4)), Secret, Now, Tolerance);
    }

    [Fact]
    public void B4_tampered_wrong_secret_missing_malformed_stale_and_future_signatures_are_rejected()
    {
        var good = WebhookSignature.Sign(Body, Secret, Now);
        void Rejected(string body, string? header, string secret = Secret) =>
            Assert.Throws<WebhookRejectedException>(() => WebhookSignature.Verify(body, header, secret, Now, Tolerance));
        Rejected(Body.Replace("100", "900"), good);
        Rejected(Body, good, "another-secret");
        Rejected(Body, null);
        Rejected(Body, "v1=abc");
        Rejected(Body, "t=notanumber,v1=abc");
        Rejected(Body, WebhookSignature.Sign(Body, Secret, Now.AddMinutes(-6)));
        Rejected(Body, WebhookSignature.Sign(Body, Secret, Now.AddMinutes(6)));
        Rejected(Body, good, "");
    }

    [Fact]
    public void B4_a_header_with_several_v1_values_verifies_when_one_matches()
    {
        var good = WebhookSignature.Sign(Body, Secret, Now);
        var t = good.Split(',')[0];
        WebhookSignature.Verify(Body, $"{t},v1=deadbeef,{good.Split(',')[1]}", Secret, Now, Tolerance);
    }

    [Fact]
    public void A1_money_refuses_to_mix_currencies_and_to_overflow()
    {
        var e = Assert.Throws<BillingException>(() => new Money.Money(1, "UAH") + new Money.Money(1, "EUR"));
        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Throws<OverflowException>(() => new Money.Money(long.MaxValue, "UAH") + new Money.Money(1, "UAH"));
        Assert.Throws<OverflowException>(() => new Money.Money(long.MaxValue / 2 + 1, "UAH").Times(2));
    }

    [Fact]
    public void A1_money_prints_by_its_currency_exponent()
    {
        Assert.Equal("1234.50 UAH", new Money.Money(123_450, "UAH").ToString());
        Assert.Equal("-0.05 EUR", new Money.Money(-5, "EUR").ToString());
        Assert.Equal("1500 JPY", new Money.Money(1500, "JPY").ToString());
        Assert.False(Currency.TryGet("XXX", out _));
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<BillingException>(() => Currency.Of("usd")).Kind);
    }
}
