using Billing.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;

namespace Billing.Functions;

/// <summary>What the Functions app's Program does to its builder; a test builds the real worker host the same way.</summary>
public static class FunctionsHost
{
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        // ASP.NET Core integration: triggers take HttpRequest and return IResult from the shared Billing.Http handlers.
        builder.ConfigureFunctionsWebApplication();
        // The same key check as the server's, before any HTTP trigger runs.
        builder.UseMiddleware<CallerKeyWorkerMiddleware>();
        builder.Services.AddBilling(builder.Configuration);
        return builder;
    }
}
