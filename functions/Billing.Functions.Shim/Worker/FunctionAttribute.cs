namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Extensions.Abstractions: marks a method as a function.</summary>
[AttributeUsage(AttributeTargets.Method)]
public class FunctionAttribute : Attribute
{
    public FunctionAttribute(string name)
    {
        Name = name;
    }

    public string Name { get; }
}
