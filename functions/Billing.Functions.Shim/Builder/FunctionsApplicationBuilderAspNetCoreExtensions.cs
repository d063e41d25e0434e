namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore (2.x).</summary>
public static class FunctionsApplicationBuilderAspNetCoreExtensions
{
    /// <summary>Real: turns on the ASP.NET Core integration (HttpRequest in, IResult/IActionResult out). Shim: no-op.</summary>
    /// <remarks>
    /// Nothing to register here: the integration's middleware proxies requests from the Functions host, which the
    /// shim never talks to. The real package has overloads taking a configureWorker callback; they are not declared
    /// because IFunctionsWorkerApplicationBuilder is not.
    /// </remarks>
    public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
