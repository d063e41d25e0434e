namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker (2.x): the entry point of the Program.cs builder pattern.</summary>
public class FunctionsApplication
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args);
}
