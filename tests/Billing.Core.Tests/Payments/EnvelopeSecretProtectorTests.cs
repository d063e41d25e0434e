using System.Security.Cryptography;
using System.Text;
using Billing.Core.Payments.Merchants;
using Billing.Infrastructure.Payments.Merchants;
using Microsoft.Extensions.Options;

namespace Billing.Core.Tests.Payments;

/// <summary>F11, S4: tenants' provider secrets are sealed by envelope encryption under the configured key-encryption key.</summary>
public sealed class EnvelopeSecretProtectorTests
{
    private const string Context = "merchant/acc_a/liqpay/secret";
    private const string Secret = "sandbox_private_key_0123456789abcdef";

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static EnvelopeSecretProtector Protector(string key, params string[] previous) =>
        new(Options.Create(new MerchantKeyOptions { KeyEncryptionKey = key, PreviousKeys = [.. previous] }));

    [Fact]
    public void F11_S4_a_sealed_secret_opens_in_its_context_and_holds_no_plaintext_and_no_key()
    {
        var key = NewKey();
        var p = Protector(key);
        var sealedValue = p.Protect(Secret, Context);
        Assert.Equal(Secret, p.Unprotect(sealedValue, Context));
        Assert.DoesNotContain(Secret, sealedValue);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)).TrimEnd('='), sealedValue);
        Assert.DoesNotContain(key.TrimEnd('='), sealedValue);
        var parts = sealedValue.Split('.');
        Assert.Equal(["v1", EnvelopeSecretProtector.KeyId(Convert.FromBase64String(key))], parts[..2]);
        // A fresh data key and nonces each time: sealing the same secret twice gives two unrelated values.
        Assert.NotEqual(sealedValue, p.Protect(Secret, Context));
        Assert.Equal("ключ-ü", p.Unprotect(p.Protect("ключ-ü", Context), Context));
    }

    [Fact]
    public void F11_S4_a_tampered_sealed_secret_does_not_open()
    {
        var p = Protector(NewKey());
        var parts = p.Protect(Secret, Context).Split('.');
        for (var part = 2; part <= 3; part++)
            foreach (var at in new[] { 0, parts[part].Length / 2, parts[part].Length - 2 })
            {
                var altered = (string[])parts.Clone();
                var chars = altered[part].ToCharArray();
                chars[at] = chars[at] == 'A' ? 'B' : 'A';
                altered[part] = new string(chars);
                Assert.Throws<SealedSecretException>(() => p.Unprotect(string.Join('.', altered), Context));
            }
        Assert.Throws<SealedSecretException>(() => p.Unprotect(string.Join('.', parts[..3]), Context));
        Assert.Throws<SealedSecretException>(() => p.Unprotect("v2." + string.Join('.', parts[1..]), Context));
        Assert.Throws<SealedSecretException>(() => p.Unprotect(string.Join('.', parts[0], parts[1], parts[2], "!!"), Context));
        // The wrapped data key of one secret does not open another's ciphertext.
        var other = p.Protect("another secret", Context).Split('.');
        Assert.Throws<SealedSecretException>(() => p.Unprotect(string.Join('.', parts[0], parts[1], other[2], parts[3]), Context));
    }

    [Theory]
    [InlineData("merchant/acc_b/liqpay/secret")]
    [InlineData("merchant/acc_a/stripe/secret")]
    [InlineData("merchant/acc_a/liqpay/webhook-secret")]
    public void F11_S4_a_secret_moved_to_another_account_provider_or_field_does_not_open(string elsewhere)
    {
        var p = Protector(NewKey());
        var sealedValue = p.Protect(Secret, Context);
        Assert.Throws<SealedSecretException>(() => p.Unprotect(sealedValue, elsewhere));
    }

    [Fact]
    public void F11_S4_after_a_rotation_the_previous_key_still_opens_what_it_sealed_and_new_secrets_use_the_new_key()
    {
        var (oldKey, newKey) = (NewKey(), NewKey());
        var before = Protector(oldKey).Protect(Secret, Context);
        var rotated = Protector(newKey, oldKey);
        Assert.Equal(Secret, rotated.Unprotect(before, Context));
        var after = rotated.Protect(Secret, Context);
        Assert.Equal(EnvelopeSecretProtector.KeyId(Convert.FromBase64String(newKey)), after.Split('.')[1]);
        Assert.NotEqual(before.Split('.')[1], after.Split('.')[1]);
        // Once the old key is dropped from configuration, what only it sealed no longer opens, and says so.
        var dropped = Assert.Throws<SealedSecretException>(() => Protector(newKey).Unprotect(before, Context));
        Assert.Contains(before.Split('.')[1], dropped.Message);
        Assert.Equal(Secret, Protector(newKey).Unprotect(after, Context));
    }

    [Fact]
    public void F11_S4_without_a_key_nothing_is_sealed_or_opened()
    {
        var sealedValue = Protector(NewKey()).Protect(Secret, Context);
        var none = Protector("");
        Assert.False(none.CanProtect);
        Assert.Throws<InvalidOperationException>(() => none.Protect(Secret, Context));
        Assert.Throws<SealedSecretException>(() => none.Unprotect(sealedValue, Context));
    }

    [Theory]
    [InlineData("not base64!", null, "KeyEncryptionKey must be base64 of 32 bytes")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", null, "KeyEncryptionKey must be base64 of 32 bytes")]
    [InlineData("", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "PreviousKeys needs Payments:Merchants:KeyEncryptionKey")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "short", "PreviousKeys:0 must be base64 of 32 bytes")]
    public void F11_S4_a_malformed_key_is_a_configuration_problem_named_at_start(string key, string? previous, string problem)
    {
        var o = new MerchantKeyOptions { KeyEncryptionKey = key, PreviousKeys = previous is null ? [] : [previous] };
        Assert.Contains(problem, o.Problem());
        Assert.Null(new MerchantKeyOptions().Problem());
        Assert.Null(new MerchantKeyOptions { KeyEncryptionKey = NewKey(), PreviousKeys = [NewKey()] }.Problem());
    }
}
