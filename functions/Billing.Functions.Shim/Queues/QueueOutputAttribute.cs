namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Extensions.Storage.Queues: sends a function's output to a queue.</summary>
/// <remarks>The real base class is Extensions.Abstractions.OutputBindingAttribute, whose usage (methods, properties) is restated here.</remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public sealed class QueueOutputAttribute : Attribute
{
    public QueueOutputAttribute(string queueName)
    {
        QueueName = queueName;
    }

    public string QueueName { get; }

    public string? Connection { get; set; }
}
