using System.Net;
using Platform.Gateway.Limits;
using Platform.Gateway.WebSockets;
using Xunit;

namespace Platform.Gateway.Tests;

[Trait("Tier", "Fast")]
public sealed class PendingSocketsTests
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    [Fact]
    public void A_client_holds_at_most_its_share_and_the_rest_of_the_pool_stays_open()
    {
        var pending = new PendingSockets(new GatewayLimitsOptions { MaxPendingWebSockets = 5, MaxPendingWebSocketsPerClient = 2 });

        var first = pending.TryEnter(null, Client);
        var second = pending.TryEnter(null, Client);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(pending.TryEnter(null, Client));
        Assert.NotNull(pending.TryEnter(null, IPAddress.Parse("203.0.113.8")));

        first!.Dispose();
        first.Dispose();
        Assert.NotNull(pending.TryEnter(null, Client));
        Assert.Null(pending.TryEnter(null, Client));
    }

    [Fact]
    public void A_refusal_by_one_pool_holds_no_place_in_the_others()
    {
        var project = Guid.NewGuid();
        var pending = new PendingSockets(new GatewayLimitsOptions { MaxPendingWebSockets = 3, MaxPendingWebSocketsPerClient = 3, MaxPendingWebSocketsPerProject = 1 });

        Assert.NotNull(pending.TryEnter(project, Client));
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(pending.TryEnter(project, Client));
        }

        // Had the refused ones kept their gateway or client places, these would not fit.
        Assert.NotNull(pending.TryEnter(null, Client));
        Assert.NotNull(pending.TryEnter(null, Client));
        Assert.Null(pending.TryEnter(null, IPAddress.Parse("198.51.100.1")));
    }

    [Fact]
    public void Zero_turns_the_client_bound_off()
    {
        var pending = new PendingSockets(new GatewayLimitsOptions { MaxPendingWebSockets = 3, MaxPendingWebSocketsPerClient = 0 });

        Assert.All(Enumerable.Range(0, 3), _ => Assert.NotNull(pending.TryEnter(null, Client)));
        Assert.Null(pending.TryEnter(null, Client));
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::")]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    public void Clients_are_counted_by_ipv4_address_or_ipv6_slash_64(string address, string counted) =>
        Assert.Equal(IPAddress.Parse(counted), PendingSockets.ClientOf(IPAddress.Parse(address)));
}
