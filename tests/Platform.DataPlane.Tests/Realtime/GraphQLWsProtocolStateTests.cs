using System.Text;
using System.Text.Json;
using Platform.DataPlane.Realtime.Protocol;
using Xunit;

namespace Platform.DataPlane.Tests.Realtime;

/// <summary>The graphql-transport-ws state machine on its own: every rule without a socket, a silo or a client.</summary>
[Trait("Tier", "Fast")]
public sealed class GraphQLWsProtocolStateTests
{
    private static ReadOnlySpan<byte> Json(object message) => JsonSerializer.SerializeToUtf8Bytes(message);

    private static GraphQLWsProtocol Acked(int maxOperations = 10)
    {
        var p = new GraphQLWsProtocol(maxOperations);
        Assert.IsType<ProtocolAction.Authenticate>(p.Receive(Json(new { type = "connection_init", payload = new { apiKey = "k" } })));
        Assert.Equal("connection_ack", TypeOf(p.Accept()));
        return p;
    }

    private static string TypeOf(ProtocolAction? action) =>
        JsonDocument.Parse(Assert.IsType<ProtocolAction.Send>(action).Message).RootElement.GetProperty("type").GetString()!;

    private static ProtocolAction? Subscribe(GraphQLWsProtocol p, string id) =>
        p.Receive(Json(new { type = "subscribe", id, payload = new { query = "subscription { x }" } }));

    [Fact]
    public void Connection_init_hands_its_payload_to_authentication_and_a_second_one_closes_4429()
    {
        var p = new GraphQLWsProtocol(10);
        var auth = Assert.IsType<ProtocolAction.Authenticate>(p.Receive(Json(new { type = "connection_init", payload = new { Authorization = "Bearer t" } })));
        Assert.Contains("Bearer t", Encoding.UTF8.GetString(auth.Payload!), StringComparison.Ordinal);
        Assert.Equal(4429, Assert.IsType<ProtocolAction.Close>(p.Receive(Json(new { type = "connection_init" }))).Code);
        Assert.True(p.Closed);
    }

    [Fact]
    public void Subscribe_before_the_ack_closes_4401_and_a_refused_init_closes_4403()
    {
        var early = new GraphQLWsProtocol(10);
        early.Receive(Json(new { type = "connection_init" }));
        Assert.Equal(4401, Assert.IsType<ProtocolAction.Close>(Subscribe(early, "1")).Code);

        var refused = new GraphQLWsProtocol(10);
        refused.Receive(Json(new { type = "connection_init" }));
        Assert.Equal(4403, Assert.IsType<ProtocolAction.Close>(refused.Forbid()).Code);
        Assert.Null(refused.Accept());
    }

    [Fact]
    public void The_init_timeout_closes_4408_only_when_no_connection_init_arrived()
    {
        Assert.Equal(4408, Assert.IsType<ProtocolAction.Close>(new GraphQLWsProtocol(10).InitTimedOut()).Code);
        var p = new GraphQLWsProtocol(10);
        p.Receive(Json(new { type = "connection_init" }));
        Assert.Null(p.InitTimedOut());
    }

    [Fact]
    public void A_running_id_used_again_closes_4409_but_a_finished_one_may_be_reused()
    {
        var p = Acked();
        Assert.IsType<ProtocolAction.Start>(Subscribe(p, "a"));
        Assert.Equal("complete", TypeOf(p.Complete("a")));
        Assert.IsType<ProtocolAction.Start>(Subscribe(p, "a"));
        Assert.Equal(4409, Assert.IsType<ProtocolAction.Close>(Subscribe(p, "a")).Code);
    }

    [Fact]
    public void Past_the_per_socket_limit_a_subscribe_gets_SUBSCRIPTION_LIMIT_and_the_socket_stays_open()
    {
        var p = Acked(maxOperations: 2);
        Assert.IsType<ProtocolAction.Start>(Subscribe(p, "1"));
        Assert.IsType<ProtocolAction.Start>(Subscribe(p, "2"));
        var refused = Assert.IsType<ProtocolAction.Send>(Subscribe(p, "3"));
        var message = JsonDocument.Parse(refused.Message).RootElement;
        Assert.Equal("error", message.GetProperty("type").GetString());
        Assert.Equal("SUBSCRIPTION_LIMIT", message.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(p.Closed);

        Assert.IsType<ProtocolAction.Stop>(p.Receive(Json(new { type = "complete", id = "1" })));
        Assert.IsType<ProtocolAction.Start>(Subscribe(p, "3"));
    }

    [Fact]
    public void Results_of_a_completed_operation_are_dropped()
    {
        var p = Acked();
        Subscribe(p, "s");
        Assert.Equal("next", TypeOf(p.Next("s", """{"data":{}}"""u8)));
        Assert.IsType<ProtocolAction.Stop>(p.Receive(Json(new { type = "complete", id = "s" })));
        Assert.Null(p.Next("s", """{"data":{}}"""u8));
        Assert.Null(p.Receive(Json(new { type = "complete", id = "s" })));
    }

    [Fact]
    public void Ping_is_answered_with_pong_carrying_its_payload_even_before_the_ack()
    {
        var p = new GraphQLWsProtocol(10);
        var pong = JsonDocument.Parse(Assert.IsType<ProtocolAction.Send>(p.Receive(Json(new { type = "ping", payload = new { n = 7 } }))).Message).RootElement;
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(7, pong.GetProperty("payload").GetProperty("n").GetInt32());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"type":"bogus"}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ x }"}}""")]
    public void Malformed_or_unexpected_messages_close_4400(string text)
    {
        var p = Acked();
        Assert.Equal(4400, Assert.IsType<ProtocolAction.Close>(p.Receive(Encoding.UTF8.GetBytes(text))).Code);
    }

    [Fact]
    public void A_close_reason_fits_the_123_bytes_a_close_frame_allows_and_nothing_follows_a_close()
    {
        var p = Acked();
        var close = Assert.IsType<ProtocolAction.Close>(p.Close(CloseCodes.SlowConsumer, new string('é', 200)));
        Assert.Equal(1008, close.Code);
        Assert.True(Encoding.UTF8.GetByteCount(close.Reason) <= 123);
        Assert.Null(p.Close(4500, "again"));
        Assert.Null(Subscribe(p, "late"));
    }
}
