using Billing.Core.Texts;
using Billing.Core;
using Billing.Core.Accounts;

namespace Billing.Http.Api;

/// <summary>The acting user of a money action: named, and an owner or admin (B1).</summary>
public static class Actors
{
    public static string OwnerOrAdmin(ActorBody b) => OwnerOrAdmin(b.ActingUserId, b.Role);

    public static string OwnerOrAdmin(string? actingUserId, string? role)
    {
        var user = RequestReader.Required(actingUserId, "actingUserId", 128);
        var r = RequestReader.ParseEnum<Role>(RequestReader.Required(role, "role", 16), "role");
        if (r is not (Role.Owner or Role.Admin)) throw BillingException.Forbidden("role_forbidden", new Says(TextKeys.Problem.RoleForbidden));
        return user;
    }
}
