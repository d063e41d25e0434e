using Billing.Core;
using Billing.Core.Accounts;
using Billing.Core.Texts;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;
using K = Billing.Core.Texts.TextKeys.Console;

namespace Billing.Http.Console;

/// <summary>The console's answers in the operator's language: refusals, and the one "not found" for anything unknown.</summary>
public static class ConsoleText
{
    /// <summary>
    /// A refusal as the operator reads it: the console's own text for a code it knows (<c>Console.Problem.{code}</c>: input the
    /// console checks, whose API detail is English for developers), else the rule's words (<see cref="WebPage.Says"/>).
    /// </summary>
    public static string Says(BillingException e, Language language) =>
        Text.Has(K.ProblemOf(e.Code)) ? Text.Get(language, K.ProblemOf(e.Code)) : WebPage.Says(e, language);

    /// <summary>An unknown account, invoice or run: 404, the same page for each.</summary>
    public static IResult NotFound(PageContext page) =>
        WebPage.Render<Shared.ConsoleMessagePage>(page, StatusCodes.Status404NotFound, new Dictionary<string, object?>
        {
            [nameof(Shared.ConsoleMessagePage.TitleKey)] = K.NotFoundTitle, [nameof(Shared.ConsoleMessagePage.TextKey)] = K.NotFoundText,
        });
}
