using System.Text;
using Platform.DataPlane.Planning.Binding;
using Platform.DataPlane.Planning.Errors;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Binding;

/// <summary>Cursors exactly as PostGraphile 4.14.1 issued them (copied from its answers) decode to their order values.</summary>
public sealed class CursorCodecTests
{
    // ["score_desc","title_asc",[10,"Engines",1]]: two orderBy values, then score, title and the appended primary key.
    private const string MultiColumn = "WyJzY29yZV9kZXNjIiwidGl0bGVfYXNjIixbMTAsIkVuZ2luZXMiLDFdXQ==";

    // ["primary_key_asc",[7]]
    private const string PrimaryKey = "WyJwcmltYXJ5X2tleV9hc2MiLFs3XV0=";

    [Fact]
    public void A_v4_multi_column_cursor_gives_each_order_value()
    {
        Assert.Equal("10", CursorCodec.Component(MultiColumn, "score_desc,title_asc", 0));
        Assert.Equal("Engines", CursorCodec.Component(MultiColumn, "score_desc,title_asc", 1));
        Assert.Equal("1", CursorCodec.Component(MultiColumn, "score_desc,title_asc", 2));
    }

    [Fact]
    public void A_v4_primary_key_cursor_gives_the_key()
    {
        Assert.Equal("7", CursorCodec.Component(PrimaryKey, "primary_key_asc", 0));
    }

    [Fact]
    public void A_natural_cursor_gives_the_position()
    {
        Assert.Equal("3", CursorCodec.Component(Base64("""["natural",3]"""), "natural", 0));
    }

    [Fact]
    public void No_cursor_is_no_bound()
    {
        Assert.Null(CursorCodec.Component(null, "primary_key_asc", 0));
    }

    [Theory]
    [InlineData(MultiColumn, "title_asc,score_desc")]
    [InlineData(MultiColumn, "score_desc")]
    [InlineData(PrimaryKey, "natural")]
    [InlineData("WyJuYXR1cmFsIiwzXQ==", "primary_key_asc")]
    public void A_cursor_from_another_ordering_is_refused(string cursor, string orderKey)
    {
        var e = Assert.Throws<GraphQLRequestException>(() => CursorCodec.Component(cursor, orderKey, 0));
        Assert.Equal(ErrorCodes.InvalidCursor, Assert.Single(e.Errors).Code);
        Assert.Contains("different ordering", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("WyJwcmltYXJ5X2tleV9hc2MiXQ==")]
    [InlineData("WyJwcmltYXJ5X2tleV9hc2MiLDdd")]
    [InlineData("eyJhIjoxfQ==")]
    public void Garbage_is_an_invalid_cursor(string cursor)
    {
        var e = Assert.Throws<GraphQLRequestException>(() => CursorCodec.Component(cursor, "primary_key_asc", 0));
        Assert.Equal(ErrorCodes.InvalidCursor, Assert.Single(e.Errors).Code);
    }

    [Theory]
    [InlineData("""["natural",-1]""")]
    [InlineData("""["natural","3"]""")]
    [InlineData("""["natural",[3]]""")]
    public void A_natural_cursor_needs_a_position(string json)
    {
        Assert.Throws<GraphQLRequestException>(() => CursorCodec.Component(Base64(json), "natural", 0));
    }

    [Fact]
    public void An_index_past_the_values_is_invalid()
    {
        Assert.Throws<GraphQLRequestException>(() => CursorCodec.Component(PrimaryKey, "primary_key_asc", 1));
    }

    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
}
