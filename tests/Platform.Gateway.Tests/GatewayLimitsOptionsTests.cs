using Platform.Gateway.Limits;
using Xunit;

namespace Platform.Gateway.Tests;

[Trait("Tier", "Fast")]
public sealed class GatewayLimitsOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(new GatewayLimitsOptions().Problems());

    [Fact]
    public void Each_unusable_value_is_named()
    {
        var options = new GatewayLimitsOptions { RequestsPerSecond = 0, Burst = 0, MaxBodyBytes = 10, UpstreamTimeout = TimeSpan.Zero };

        var problems = options.Problems().ToList();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("RequestsPerSecond"));
        Assert.Contains(problems, p => p.StartsWith("Burst"));
        Assert.Contains(problems, p => p.StartsWith("MaxBodyBytes"));
        Assert.Contains(problems, p => p.StartsWith("UpstreamTimeout"));
    }
}
