namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Extensions.Storage.Queues: marks a queue-triggered parameter.</summary>
/// <remarks>The real base class is Extensions.Abstractions.TriggerBindingAttribute, whose usage (parameters) is restated here.</remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueueTriggerAttribute : Attribute
{
    public QueueTriggerAttribute(string queueName)
    {
        QueueName = queueName;
    }

    public string QueueName { get; }

    /// <summary>The app setting (prefix) naming the storage connection; null means AzureWebJobsStorage.</summary>
    public string? Connection { get; set; }
}
