using Azure.Core;
using Azure.Core.Pipeline;

namespace Billing.Integration.Tests.Support;

/// <summary>
/// Fails table requests on purpose, inside the SDK's retry loop: before the request reaches the service (503-like
/// transport error), or after the service committed it (the response is dropped, or times out). The second kind is
/// what makes retries dangerous for money: the work is done but the caller does not know it.
/// </summary>
public sealed class FaultInjectionPolicy(int seed, double rate) : HttpPipelinePolicy
{
    private readonly Random _random = new(seed);
    private readonly object _gate = new();
    private int _before, _afterDropped, _afterTimeout;

    public bool Enabled { get; set; }
    public (int Before, int AfterDropped, int AfterTimeout) Injected => (_before, _afterDropped, _afterTimeout);

    private int Draw()
    {
        lock (_gate)
            return !Enabled || _random.NextDouble() >= rate ? -1 : _random.Next(3);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var fault = Draw();
        if (fault == 0)
        {
            Interlocked.Increment(ref _before);
            throw new IOException("injected: connection reset before the request was sent");
        }
        await ProcessNextAsync(message, pipeline);
        if (fault == 1)
        {
            Interlocked.Increment(ref _afterDropped);
            throw new IOException("injected: response dropped after the service committed");
        }
        if (fault == 2)
        {
            Interlocked.Increment(ref _afterTimeout);
            throw new TaskCanceledException("injected: timed out after the service committed");
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
}
