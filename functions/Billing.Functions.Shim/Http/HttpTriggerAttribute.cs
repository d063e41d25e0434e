namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirrors Microsoft.Azure.Functions.Worker.Extensions.Http: marks an HTTP-triggered parameter.</summary>
/// <remarks>
/// All six real constructors are declared, string overloads included, so that overload resolution is the same as
/// against the real package: [HttpTrigger("get")] binds to the authLevelKey constructor there too, not to methods.
/// The real base class is Extensions.Abstractions.TriggerBindingAttribute, whose usage (parameters) is restated here.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class HttpTriggerAttribute : Attribute
{
    public HttpTriggerAttribute()
    {
        AuthLevel = AuthorizationLevel.Function;
    }

    public HttpTriggerAttribute(params string[] methods)
    {
        Methods = methods;
    }

    public HttpTriggerAttribute(AuthorizationLevel authLevel)
    {
        AuthLevel = authLevel;
    }

    public HttpTriggerAttribute(string authLevelKey)
    {
        AuthLevel = ReadAuthorizationLevel(authLevelKey);
    }

    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
    {
        AuthLevel = authLevel;
        Methods = methods;
    }

    public HttpTriggerAttribute(string authLevelKey, params string[] methods)
    {
        AuthLevel = ReadAuthorizationLevel(authLevelKey);
        Methods = methods;
    }

    public string? Route { get; set; }

    public string[]? Methods { get; private set; }

    public AuthorizationLevel AuthLevel { get; private set; }

    // Same rule as the real attribute: "%NAME%" names an environment variable holding the level; anything else,
    // or an unreadable value, means Function.
    private static AuthorizationLevel ReadAuthorizationLevel(string authLevelKey)
    {
        var key = authLevelKey?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length < 2 || key[0] != '%' || key[^1] != '%')
        {
            return AuthorizationLevel.Function;
        }

        var value = Environment.GetEnvironmentVariable(key.Trim('%'));
        return Enum.TryParse<AuthorizationLevel>(value, ignoreCase: true, out var level) ? level : AuthorizationLevel.Function;
    }
}
