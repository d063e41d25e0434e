using Billing.Core.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Billing.Server.Hosting;

/// <summary>
/// S1: the OpenAPI document names this API's server as configured (<c>Api:PublicBaseUrl</c>), not as the request's Host
/// header said: by default the document writes back whatever host a caller sent, so a forged Host would have a client
/// generated from it send its keys elsewhere.
/// </summary>
public static class OpenApiServers
{
    public static OpenApiOptions UseConfiguredServer(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            var api = context.ApplicationServices.GetRequiredService<ApiOptions>();
            document.Servers = [new OpenApiServer { Url = api.PublicBaseUrl.TrimEnd('/') }];
            return Task.CompletedTask;
        });
        return options;
    }
}
