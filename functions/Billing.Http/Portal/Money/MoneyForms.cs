using Billing.Core;
using Billing.Core.Idempotency;
using Billing.Core.Validation;
using Billing.Core.WebSessions;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Portal;

/// <summary>
/// B8 for the portal's forms that move money (a top-up, paying from the balance). Each rendering of a page gives its forms
/// a fresh nonce; the form's work then runs once per session, nonce and action, through the same
/// <see cref="IdempotencyService"/> as the API's Idempotency-Key: a form posted twice (a double click, a resent POST) gets
/// the first answer again and does nothing more. The work derives its ids from the record's operation key, as the API's does.
/// </summary>
public static class MoneyForms
{
    public const string NonceField = "nonce";

    /// <summary>The code a form posted again with other values gets (its nonce was used for another amount).</summary>
    public const string ReusedCode = "idempotency_key_reused";

    public static string NewNonce() => Ids.Token();

    /// <summary>The nonce the form carries, or a refusal (400) when it has none: a form not rendered by the portal.</summary>
    public static string NonceOf(IFormCollection form) =>
        form[NonceField].ToString() is var nonce && Ids.IsToken(nonce) ? nonce
            : throw BillingException.Invalid("form_nonce_missing", "The form has no valid nonce; reload the page.");

    /// <summary>
    /// Runs <paramref name="action"/> once for this form and answers where to go next (the action's answer, stored with the
    /// key and replayed to a repeat). <paramref name="request"/> is what the form asked for: a repeat asking for something
    /// else is refused (422 <see cref="ReusedCode"/>). A refusal inside the action is not stored: the form may be sent again.
    /// </summary>
    public static async Task<string> OnceAsync(IdempotencyService idempotency, HttpRequest req, WebSession session, IFormCollection form, string request,
        Func<string, Task<string>> action, CancellationToken ct)
    {
        var nonce = NonceOf(form);
        var key = "portal-" + Ids.Hash($"{session.Hash}/{nonce}/{req.Path}");
        var stored = await idempotency.RunAsync(session.AccountId, key, Ids.Hash(request),
            async operation => new StoredResponse(StatusCodes.Status303SeeOther, await action(operation)), ct);
        return stored.Body;
    }

    /// <summary>What the page says when a refusal has words of the portal's own rather than the rule's.</summary>
    public static string? Says(BillingException e, PageContext page) => e.Code switch
    {
        ReusedCode or "form_nonce_missing" => Core.Texts.Text.Get(page.Language, Core.Texts.TextKeys.Portal.FormRefused),
        _ => null,
    };
}
