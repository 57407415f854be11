using Platform.DataPlane.Schema.Inflection;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Schema;

public sealed class InflectorTests
{
    [Theory]
    [InlineData("created_at", "createdAt")]
    [InlineData("VenueName", "venueName")]
    [InlineData("id", "id")]
    [InlineData("user_ID", "userId")]
    [InlineData("from", "from")]
    public void CamelCase_follows_postgraphile(string input, string expected) => Assert.Equal(expected, Inflector.CamelCase(input));

    [Theory]
    [InlineData("event", "events")]
    [InlineData("person", "people")]
    [InlineData("category", "categories")]
    [InlineData("address", "addresses")]
    [InlineData("order_item", "order_items")]
    [InlineData("Venue", "Venues")]
    public void Pluralize_handles_common_english(string input, string expected) => Assert.Equal(expected, Inflector.Pluralize(input));

    [Theory]
    [InlineData("events", "event")]
    [InlineData("people", "person")]
    [InlineData("categories", "category")]
    [InlineData("addresses", "address")]
    [InlineData("status", "status")]
    [InlineData("user", "user")]
    public void Singularize_handles_common_english(string input, string expected) => Assert.Equal(expected, Inflector.Singularize(input));

    [Theory]
    [InlineData("in between", "IN_BETWEEN")]
    [InlineData("createdAt", "CREATED_AT")]
    public void ConstantCase_builds_enum_names(string input, string expected) => Assert.Equal(expected, Inflector.ConstantCase(input));
}
