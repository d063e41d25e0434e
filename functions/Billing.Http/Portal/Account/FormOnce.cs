using Billing.Core.Idempotency;
using Billing.Core.Validation;
using Billing.Core.WebSessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Http.Portal.Account;

/// <summary>
/// B8 for the portal's forms: each rendered form carries a fresh nonce (<see cref="Field"/>). The first post of it runs the
/// action and keeps where it led; a repeat of the same form (a double click, a form sent again) is led there too without
/// running the action twice. The same <see cref="IdempotencyService"/> as the API's Idempotency-Key, in the account's
/// partition, with the session's person and the form's fields as the request it stands for: a refused action frees the
/// nonce, as a refused API request frees its key. A post without a nonce (not from our page) runs as an API call without
/// a key does.
/// </summary>
public sealed class FormOnce(IdempotencyService idempotency)
{
    public const string Field = "_once";

    /// <summary>A nonce for one rendered form.</summary>
    public static string NewNonce() => Ids.Token();

    /// <param name="fields">What the form asks for (the plan and its quoted cost…): another request under the same nonce is refused.</param>
    /// <param name="action">The use case, answering with the page to go to (<see cref="Web.WebPage.SeeOther"/>).</param>
    public async Task<IResult> RunAsync(HttpRequest req, WebSession session, string fields, Func<Task<IResult>> action, CancellationToken ct)
    {
        var nonce = (await req.ReadFormAsync(ct))[Field].ToString();
        if (!Ids.IsToken(nonce)) return await action();
        var hash = Ids.Hash($"{req.Method} {req.Path} {session.UserId} {fields}");
        var stored = await idempotency.RunAsync(session.AccountId, "portal-" + nonce, hash, async () =>
        {
            var result = await action();
            var to = result as RedirectHttpResult ?? throw new InvalidOperationException("A portal form's action answers with a redirect.");
            return new StoredResponse(StatusCodes.Status303SeeOther, to.Url);
        }, ct);
        return Results.Redirect(stored.Body, permanent: false, preserveMethod: false);
    }
}
