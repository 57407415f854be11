using System.Text.Json;
using Platform.DataPlane.Planning.Binding;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Binding;

/// <summary>Node ids exactly as PostGraphile 4.14.1 issued them (copied from its answers) decode to table and keys.</summary>
public sealed class NodeIdCodecTests
{
    [Fact]
    public void A_v4_single_key_id_decodes()
    {
        // ["users",1]
        var (prefix, keys) = NodeIdCodec.Decode("WyJ1c2VycyIsMV0=")!.Value;
        Assert.Equal("users", prefix);
        Assert.Equal(1, Assert.Single(keys).GetInt32());
    }

    [Fact]
    public void A_v4_composite_key_id_decodes_every_key_in_order()
    {
        // ["follows",1,3]
        var (prefix, keys) = NodeIdCodec.Decode("WyJmb2xsb3dzIiwxLDNd")!.Value;
        Assert.Equal("follows", prefix);
        Assert.Equal([1, 3], keys.Select(k => k.GetInt32()));
    }

    [Fact]
    public void Text_keys_keep_their_kind()
    {
        var (prefix, keys) = NodeIdCodec.Decode(Convert.ToBase64String("""["group_organizers","a b",2]"""u8.ToArray()))!.Value;
        Assert.Equal("group_organizers", prefix);
        Assert.Equal(JsonValueKind.String, keys[0].ValueKind);
        Assert.Equal("a b", keys[0].GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("WyJ1c2VycyJd")]
    [InlineData("WzEsMl0=")]
    [InlineData("eyJ1c2VycyI6MX0=")]
    public void Anything_else_identifies_nothing(string text) => Assert.Null(NodeIdCodec.Decode(text));
}
