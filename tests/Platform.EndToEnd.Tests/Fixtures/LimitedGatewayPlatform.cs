namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>One silo and a gateway with small limits, so each limit can be reached with a few requests.</summary>
public sealed class LimitedGatewayPlatform() : PlatformFixture(1, new Dictionary<string, string>
{
    ["Platform__Gateway__Limits__RequestsPerSecond"] = "2",
    ["Platform__Gateway__Limits__Burst"] = "10",
    ["Platform__Gateway__Limits__MaxConcurrentRequests"] = "2",
    ["Platform__Gateway__Limits__UpstreamTimeout"] = "00:00:05",
    ["Platform__Gateway__Limits__MaxUrlBytes"] = "2048",
    ["Platform__Gateway__Limits__MaxHeaderBytes"] = "4096",
    ["Platform__Gateway__Limits__MinBodyGracePeriod"] = "00:00:02",
});
