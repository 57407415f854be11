namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>One silo configured as deployed: tenant databases on loopback or private addresses are refused.</summary>
public sealed class HostRefusingPlatform() : PlatformFixture(1, new Dictionary<string, string>
{
    ["Platform__Silo__Projects__AllowPrivateTenantHosts"] = "false",
});
