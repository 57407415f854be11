namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>One silo whose idle projects deactivate after 3 s, so idling can be observed in a test.</summary>
public sealed class DataPlanePlatform() : PlatformFixture(1, new Dictionary<string, string>
{
    ["Platform__Silo__Projects__IdleTimeout"] = "00:00:03",
});
