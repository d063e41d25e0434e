namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Core: a subset of the invocation context.</summary>
/// <remarks>
/// The real class has more abstract members (TraceContext, BindingContext, RetryContext, FunctionDefinition,
/// Features) whose types the shim does not declare. Mock it (Moq) rather than subclass it: a subclass written
/// against the shim would not compile against the real package.
/// </remarks>
public abstract class FunctionContext
{
    public abstract string InvocationId { get; }

    public abstract string FunctionId { get; }

    public abstract IServiceProvider InstanceServices { get; set; }

    public abstract IDictionary<object, object> Items { get; set; }
}
