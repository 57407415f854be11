using System.Text;
using System.Text.Json;
using Platform.Gateway.WebSockets;
using Xunit;

namespace Platform.Gateway.Tests;

[Trait("Tier", "Fast")]
public sealed class ConnectionInitTests
{
    private static ConnectionInit Parse(string json) => ConnectionInit.Parse(Encoding.UTF8.GetBytes(json));

    private static JsonElement Forwarded(ConnectionInit init) => JsonDocument.Parse(init.Forwarded!).RootElement;

    [Fact]
    public void The_documented_key_is_taken_and_removed_from_what_the_silo_gets()
    {
        var init = Parse("""{"type":"connection_init","payload":{"apiKey":"pk_1","Authorization":"Bearer t"}}""");

        Assert.Equal(0, init.CloseCode);
        Assert.Equal("pk_1", init.Key);
        var payload = Forwarded(init).GetProperty("payload");
        Assert.False(payload.TryGetProperty("apiKey", out _));
        Assert.Equal("Bearer t", payload.GetProperty("Authorization").GetString());
    }

    [Fact]
    public void Every_copy_of_the_key_is_removed_even_when_the_first_one_wins()
    {
        var init = Parse("""{"type":"connection_init","payload":{"apiKey":"pk_a","x-api-key":"pk_b","headers":{"X-API-KEY":"pk_c","x":"1"}}}""");

        Assert.Equal("pk_a", init.Key);
        var forwarded = Encoding.UTF8.GetString(init.Forwarded!);
        Assert.DoesNotContain("pk_", forwarded);
        Assert.Equal("1", Forwarded(init).GetProperty("payload").GetProperty("headers").GetProperty("x").GetString());
    }

    [Fact]
    public void A_key_in_copied_headers_is_found_in_any_case()
    {
        var init = Parse("""{"type":"connection_init","payload":{"headers":{"x-Api-Key":"pk_h"}}}""");

        Assert.Equal("pk_h", init.Key);
        Assert.DoesNotContain("pk_h", Encoding.UTF8.GetString(init.Forwarded!));
    }

    [Fact]
    public void A_key_that_is_not_a_string_is_no_key_and_still_not_forwarded()
    {
        var init = Parse("""{"type":"connection_init","payload":{"apiKey":{"nested":"pk_x"}}}""");

        Assert.Equal(0, init.CloseCode);
        Assert.Null(init.Key);
        Assert.DoesNotContain("pk_x", Encoding.UTF8.GetString(init.Forwarded!));
    }

    [Fact]
    public void An_init_without_payload_is_accepted_without_a_key()
    {
        var init = Parse("""{"type":"connection_init"}""");

        Assert.Equal(0, init.CloseCode);
        Assert.Null(init.Key);
        Assert.Equal("connection_init", Forwarded(init).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("""{"type":42}""")]
    public void Malformed_messages_close_with_4400(string json)
    {
        var init = Parse(json);

        Assert.Equal(4400, init.CloseCode);
        Assert.Null(init.Key);
        Assert.Null(init.Forwarded);
    }

    [Fact]
    public void Any_other_first_message_closes_with_4401_as_graphql_ws_does()
    {
        var init = Parse("""{"type":"subscribe","id":"1","payload":{"query":"{__typename}"}}""");

        Assert.Equal(4401, init.CloseCode);
        Assert.Null(init.Forwarded);
    }
}
