using System.Text.RegularExpressions;

namespace Billing.Core.CustomerBilling;

/// <summary>Checks a customer as a whole before it is written (S2): every problem named by field, nothing written.</summary>
public static partial class CustomerValidation
{
    public const int MaxPasses = 50;
    public const int MaxLessons = 1000;
    /// <summary>The most a customer's account may hold either way; inputs are bounded by the configured <see cref="Money.MoneyOptions"/>.</summary>
    public const long MaxAmount = Money.MoneyOptions.DefaultMaxAmountMinor;

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{5,19}$")]
    private static partial Regex Phone();

    public static bool IsEmail(string? s) => s is { Length: <= 254 } && s.IndexOf('@') > 0 && s.IndexOf('@') < s.Length - 1 && !s.Any(char.IsWhiteSpace);

    public static void Check(Customer c) => Check(c, MaxAmount);

    /// <summary>Amounts within ±<paramref name="maxAmount"/> (<c>Money:MaxAmountMinor</c>); texts shown to people are plain (no control or bidi characters).</summary>
    public static void Check(Customer c, long maxAmount)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];
        if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 200) Fail("name", "1 to 200 characters.");
        if (string.IsNullOrWhiteSpace(c.Status) || c.Status.Length > 64) Fail("status", "1 to 64 characters.");
        foreach (var (field, text) in new[] { ("name", c.Name), ("status", c.Status) })
            if (text is not null && !Validation.PlainText.IsClean(text)) Fail(field, Validation.PlainText.Rule);
        if (c.Mobile is not null && !Phone().IsMatch(c.Mobile)) Fail("mobile", "A phone number such as +380501234567.");
        if (c.Email is not null && !IsEmail(c.Email)) Fail("email", "An email address.");
        if (c.TelegramId is not null && (c.TelegramId.Length is 0 or > 64 || c.TelegramId.Any(char.IsWhiteSpace))) Fail("telegramId", "A Telegram chat id, 1 to 64 characters.");
        if (c.Balance < -maxAmount || c.Balance > maxAmount) Fail("balance", $"At most {maxAmount} minor units either way.");
        if (c.Passes.Count > MaxPasses) Fail("passes", $"At most {MaxPasses} passes.");
        for (var i = 0; i < c.Passes.Count; i++)
        {
            var p = c.Passes[i];
            if (!Validation.Ids.IsValid(p.Id)) Fail($"passes[{i}].id", "Lower-case letters, digits and _, up to 64.");
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Length > 200) Fail($"passes[{i}].name", "1 to 200 characters.");
            if (p.Subject.Length > 100) Fail($"passes[{i}].subject", "At most 100 characters.");
            if (p.LessonType.Length > 100) Fail($"passes[{i}].lessonType", "At most 100 characters.");
            foreach (var (field, text) in new[] { ("name", p.Name), ("subject", p.Subject), ("lessonType", p.LessonType) })
                if (text is not null && !Validation.PlainText.IsClean(text)) Fail($"passes[{i}].{field}", Validation.PlainText.Rule);
            if (p.Price < 0 || p.Price > maxAmount) Fail($"passes[{i}].price", $"0 to {maxAmount} minor units.");
            if (p.LessonsPerPeriod is < 1 or > 1000) Fail($"passes[{i}].lessonsPerPeriod", "1 to 1000.");
            if (p.LessonsLeft is < 0 or > 100_000) Fail($"passes[{i}].lessonsLeft", "0 to 100000.");
            if (p.MoneyLeft < -maxAmount || p.MoneyLeft > maxAmount) Fail($"passes[{i}].moneyLeft", $"At most {maxAmount} minor units either way.");
            if (!p.SeparateAccount && p.MoneyLeft != 0) Fail($"passes[{i}].moneyLeft", "Only a pass with a separate account holds money.");
        }
        if (c.Passes.Select(p => p.Id).Distinct().Count() != c.Passes.Count) Fail("passes", "Each pass id once.");
        if (c.Lessons.Count > MaxLessons) Fail("lessons", $"At most {MaxLessons} lessons are kept.");
        if (c.Lessons.Any(l => c.FindPass(l.PassId) is null)) Fail("lessons", "Every lesson names one of the customer's passes.");
        if (errors.Count > 0) throw BillingException.Invalid("customer_invalid", "The customer is not valid.", errors);
    }
}
