namespace Microsoft.Azure.Functions.Worker.Http;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Extensions.Http: binds a parameter from the request body.</summary>
/// <remarks>The real base class is Worker.Converters.InputConverterAttribute (not declared here); usage is parameters.</remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public class FromBodyAttribute : Attribute
{
    public FromBodyAttribute()
    {
    }
}
