using Platform.DataPlane.Schema.Building;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

public sealed class SmartCommentTests
{
    [Fact]
    public void Tags_come_before_the_description_and_repeated_tags_accumulate()
    {
        var comment = SmartComment.Parse("@name person\n@omit create\n@omit update\n@deprecated Use people.\nA human.\nSecond line.");
        Assert.Equal("person", comment.Name);
        Assert.Equal("Use people.", comment.Deprecated);
        Assert.Equal("A human.\nSecond line.", comment.Description);
        Assert.True(comment.Omits("create"));
        Assert.True(comment.Omits("update"));
        Assert.False(comment.Omits("delete"));
    }

    [Theory]
    [InlineData("@omit", "read", true)]
    [InlineData("@omit", "delete", true)]
    [InlineData("@omit create,update,delete", "update", true)]
    [InlineData("@omit create,update,delete", "read", false)]
    [InlineData("@omit all", "all", true)]
    [InlineData("@omit all", "create", false)]
    [InlineData("@omit many", "many", true)]
    [InlineData("@omit many", "all", false)]
    [InlineData("@omit :CUD", "delete", true)]
    [InlineData("@omit :CUD", "read", false)]
    [InlineData("@omit :AM", "many", true)]
    [InlineData("@omit *", "execute", true)]
    [InlineData("no tags here", "read", false)]
    public void Omit_reads_every_action_form_postgraphile_v4_reads(string text, string action, bool omitted) =>
        Assert.Equal(omitted, SmartComment.Parse(text).Omits(action));

    [Fact]
    public void A_bare_deprecated_tag_still_deprecates()
    {
        Assert.Equal("Deprecated.", SmartComment.Parse("@deprecated").Deprecated);
        Assert.Null(SmartComment.Parse("Just a description.").Deprecated);
    }
}
