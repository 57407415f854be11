using System.Text;
using Platform.DataPlane.Grains.Realtime;
using Xunit;

namespace Platform.DataPlane.Tests.Realtime;

/// <summary>PostGraphile's NOTIFY payload to relatedNodeId.</summary>
[Trait("Tier", "Fast")]
public sealed class NodeIdsTests
{
    [Theory]
    [InlineData("""{"__node__": ["items", 12]}""", """["items",12]""")]
    [InlineData("""{"__node__":["items","a b"],"other":1}""", """["items","a b"]""")]
    [InlineData("""{ "__node__" : [ "pairs" , 1 , 2 ] }""", """["pairs",1,2]""")]
    public void The_node_array_is_written_compactly_and_base64_encoded(string payload, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(Convert.FromBase64String(NodeIds.FromPayload(payload)!)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"id": 1}""")]
    [InlineData("""{"__node__": ["items"]}""")]
    [InlineData("""{"__node__": [1, 2]}""")]
    [InlineData("""["items", 1]""")]
    public void Anything_else_has_no_related_node(string? payload) => Assert.Null(NodeIds.FromPayload(payload));
}
