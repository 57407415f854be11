using System.ComponentModel.DataAnnotations;

namespace Platform.Portal.Bff;

/// <summary>Where the control plane is and how the portal signs in to it as the OIDC client <c>portal</c>.</summary>
public sealed class PortalOptions
{
    /// <summary>The control plane's base URL: the OIDC issuer and the target of <c>/api</c>.</summary>
    [Required]
    public Uri ControlPlaneUrl { get; set; } = new("http://127.0.0.1:5100");

    [Required]
    public string ClientId { get; set; } = "portal";

    /// <summary>Set when the control plane registers <c>portal</c> as a confidential client (decision 0032).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Access tokens this close to expiry are refreshed before a request is forwarded.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(2);
}
