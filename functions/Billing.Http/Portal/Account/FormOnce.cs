using Billing.Core.Idempotency;
using Billing.Core.Validation;
using Billing.Core.WebSessions;
using Billing.Http.Web;
using Microsoft.AspNetCore.Http;

namespace Billing.Http.Portal.Account;

/// <summary>
/// B8 for the account pages' forms (promise, deletion cancel, plan change): the same once-per-rendered-form record as the
/// money forms (<see cref="MoneyForms.OnceAsync"/>), for actions that answer with a page to go to. A post without a nonce
/// (not from our page) runs as an API call without an Idempotency-Key does.
/// </summary>
public sealed class FormOnce(IdempotencyService idempotency)
{
    public const string Field = MoneyForms.NonceField;

    public static string NewNonce() => MoneyForms.NewNonce();

    /// <param name="fields">What the form asks for (the plan and its quoted cost…): another request under the same nonce is refused.</param>
    /// <param name="action">The use case, answering with the page to go to (<see cref="WebPage.SeeOther"/>).</param>
    public async Task<IResult> RunAsync(HttpRequest req, WebSession session, string fields, Func<Task<IResult>> action, CancellationToken ct)
    {
        var form = await req.ReadFormAsync(ct);
        if (!Ids.IsToken(form[Field].ToString())) return await action();
        var to = await MoneyForms.OnceAsync(idempotency, req, session, form, fields, async _ =>
            await action() is WebPage.SeeOtherResult next ? next.Location : throw new InvalidOperationException("A portal form's action answers with a page to go to."), ct);
        return WebPage.SeeOther(to);
    }
}
