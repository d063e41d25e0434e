using Billing.Http.Endpoints;

namespace Billing.Functions.Tests.Support;

/// <summary>
/// For each endpoint-table entry, one request both hosts can answer alike however often it is sent: reads of the seeded account
/// (lists and pages answer with its data; an item of another id is 404), writes aimed at an account that does not exist or with
/// a body that is refused (so neither host's call changes what the other reads), forms without their form token, a provider
/// notification with a wrong signature. Each runs the entry's whole path in both hosts: key check, pipeline, handler, storage.
/// </summary>
public static class ParityRequests
{
    /// <summary>A well-formed account id no account has.</summary>
    public const string NoAccount = "acc_parity_nobody";
    /// <summary>A well-formed id of anything else (invoice, token, run…) that does not exist.</summary>
    public const string NoId = "x_parity_unknown";

    public static HostCall For(ApiEndpoint entry, TwoHosts hosts)
    {
        var write = entry.Method != "GET";
        var values = entry.Parameters.ToDictionary(p => p, p => p switch
        {
            // A session's pages and forms act on the session's account, whatever the route says.
            "accountId" => write && !entry.BySession ? NoAccount : hosts.AccountId,
            "file" => "portal.css",
            "provider" => "sandbox",
            _ => NoId,
        });
        var headers = new Dictionary<string, string>();
        if (entry.Callers == Callers.Portal) headers["Cookie"] = hosts.PortalCookie;
        else if (entry.Callers == Callers.Console) headers["Cookie"] = hosts.ConsoleCookie;
        else if (!entry.IsPublic) headers["x-api-key"] = TwoHosts.OperatorKey;
        if (entry.Surface is EndpointSurface.PageForm or EndpointSurface.SessionForm) headers["Sec-Fetch-Site"] = "same-origin";

        switch (entry.Surface)
        {
            case EndpointSurface.ProviderWebhook:
                headers["Sandbox-Signature"] = "t=1,v1=00";
                return HostCall.To(entry, values, headers, json: """{"id":"evt_parity","type":"checkout.completed","created":0}""");
            case EndpointSurface.PageForm or EndpointSurface.SessionForm:
                // No form token: a session's form is refused before it acts; the sign-in gets a key that is none of ours.
                return HostCall.To(entry, values, headers, form: entry.Name == "ConsoleSignIn" ? "key=not-a-key-of-this-app-000000" : "note=parity");
            default:
                return write ? HostCall.To(entry, values, headers, json: "{}") : HostCall.To(entry, values, headers);
        }
    }
}
