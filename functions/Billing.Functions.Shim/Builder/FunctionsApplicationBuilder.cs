using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker (2.x): an <see cref="IHostApplicationBuilder"/> for the worker.</summary>
/// <remarks>
/// Shim only: it wraps a plain <see cref="HostApplicationBuilder"/>, so registrations can be built and resolved
/// in tests, but there is no worker, no gRPC channel to the Functions host and no function is ever invoked.
/// The real class also implements IFunctionsWorkerApplicationBuilder (middleware via Use); the shim does not.
/// </remarks>
public class FunctionsApplicationBuilder : IHostApplicationBuilder
{
    private readonly HostApplicationBuilder _host;

    internal FunctionsApplicationBuilder(string[]? args)
    {
        // As in the real builder: AZURE_FUNCTIONS_ENVIRONMENT and friends feed host configuration, so the
        // environment name (and what is registered for it) is the same as in Azure.
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("AZURE_FUNCTIONS_");
        _host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
    }

    public IDictionary<object, object> Properties => ((IHostApplicationBuilder)_host).Properties;

    IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;

    public ConfigurationManager Configuration => _host.Configuration;

    public IHostEnvironment Environment => _host.Environment;

    public ILoggingBuilder Logging => _host.Logging;

    public IMetricsBuilder Metrics => _host.Metrics;

    public IServiceCollection Services => _host.Services;

    public IHost Build()
    {
        Services.AddHostedService<ShimNotice>();
        return _host.Build();
    }

    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull
        => _host.ConfigureContainer(factory, configure);
}
