using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker.Builder;

// Not part of the real API. Whoever starts a shim build (dotnet run, func start) must learn at once that nothing
// will be triggered, rather than watch a silent process.
internal sealed class ShimNotice(ILogger<ShimNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("Built with -p:FunctionsWorker=shim: this host compiles and resolves services but triggers no functions. Build with the real Worker packages to run them.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
