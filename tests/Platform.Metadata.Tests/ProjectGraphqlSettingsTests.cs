using Platform.Metadata.Projects;
using Xunit;

namespace Platform.Metadata.Tests;

public sealed class ProjectGraphqlSettingsTests
{
    [Theory]
    [InlineData("omit")]
    [InlineData("both")]
    [InlineData("only")]
    public void V4s_simple_collections_values_are_accepted(string value)
    {
        var settings = ProjectSettings.Parse(WithSimpleCollections(value));
        settings.Validate();
        Assert.Equal(value, settings.Graphql!.SimpleCollections);
    }

    [Theory]
    [InlineData("Both")]
    [InlineData("all")]
    [InlineData("")]
    public void Any_other_value_is_refused_naming_the_property(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => ProjectSettings.Parse(WithSimpleCollections(value)).Validate());
        Assert.Contains("graphql.simpleCollections must be omit, both or only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Left_out_it_is_v4s_default_and_round_trips_through_storage()
    {
        Assert.Null(ProjectSettings.Parse("{}").Graphql);
        Assert.Equal("omit", ProjectSettings.Parse("""{"graphql":{}}""").Graphql!.SimpleCollections);
        var stored = ProjectSettings.Parse(new ProjectSettings { Graphql = new ProjectGraphqlSettings { SimpleCollections = "only" } }.ToStoredJson());
        Assert.Equal("only", stored.Graphql!.SimpleCollections);
        Assert.Throws<System.Text.Json.JsonException>(() => ProjectSettings.Parse("""{"graphql":{"simpleCollection":"both"}}"""));
    }

    private static string WithSimpleCollections(string value) => """{"graphql":{"simpleCollections":""" + System.Text.Json.JsonSerializer.Serialize(value) + "}}";
}
