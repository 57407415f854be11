using System.Net;

namespace Platform.DataPlane.Silo.Hosting;

/// <summary>The silo's own settings (section <c>Platform:Silo</c>); projects, membership and WebSockets have sections of their own under it.</summary>
internal sealed class SiloHostOptions
{
    public const string Section = "Platform:Silo";

    public string ClusterId { get; set; } = "platform";

    public string ServiceId { get; set; } = "platform";

    /// <summary>The address other silos reach this one on.</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>Orleans silo-to-silo port.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    public bool ListenOnAnyAddress { get; set; }

    /// <summary>How long shutdown may take before the process ends itself (see <see cref="ShutdownWatchdog"/>).</summary>
    public TimeSpan ShutdownLimit { get; set; } = TimeSpan.FromSeconds(25);

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return "ClusterId is empty.";
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return "ServiceId is empty.";
        if (!IPAddress.TryParse(AdvertisedIp, out _)) yield return $"AdvertisedIp '{AdvertisedIp}' is not an IP address.";
        if (Port is < 1 or > 65535) yield return "Port must be 1-65535.";
        if (GatewayPort is < 1 or > 65535) yield return "GatewayPort must be 1-65535.";
        if (ShutdownLimit <= TimeSpan.Zero) yield return "ShutdownLimit must be positive.";
    }
}
