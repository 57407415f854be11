using Microsoft.AspNetCore.Identity;

namespace Platform.ControlPlane.Identity;

/// <summary>A person with an account: email and password through ASP.NET Core Identity.</summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }
}
