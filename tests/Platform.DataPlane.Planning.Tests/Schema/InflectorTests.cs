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

    [Theory]
    [InlineData("", "_EMPTY_")]
    [InlineData("*", "ASTERISK")]
    [InlineData("**", "ASTERISK_ASTERISK")]
    [InlineData("*foo*", "ASTERISK_FOO_ASTERISK")]
    [InlineData("a*", "A_ASTERISK")]
    [InlineData(">=", "GREATER_THAN_OR_EQUAL")]
    [InlineData("<>", "DIFFERENT")]
    [InlineData("~~", "LIKE")]
    [InlineData("~~*", "ASTERISK")] // v4 replaces the asterisk before it looks the symbol up
    [InlineData("$", "DOLLAR")]
    [InlineData("_", "UNDERSCORE")]
    [InlineData("hello world", "HELLO_WORLD")]
    [InlineData("camelCase", "CAMEL_CASE")]
    [InlineData("HTTPServer", "HTTPSERVER")]
    [InlineData("1st", "_1ST")]
    [InlineData("_private_", "_PRIVATE_")]
    [InlineData("été", "T_")]
    public void EnumValueName_names_labels_as_postgraphile_v4(string label, string expected) => Assert.Equal(expected, Inflector.EnumValueName(label));

    [Theory]
    [InlineData("reserved_input", "reserved_input_record")]
    [InlineData("reservedInput", "reservedInput_record")]
    [InlineData("user_patches", "user_patch_record")]
    [InlineData("input", "input")]
    [InlineData("inputs", "input")]
    [InlineData("events", "event")]
    public void SingularTableName_marks_input_and_patch_names_as_records(string table, string expected) => Assert.Equal(expected, Inflector.SingularTableName(table));

    [Theory]
    [InlineData("houses", "house")]
    [InlineData("data", "datum")]
    [InlineData("statuses", "status")]
    [InlineData("buses", "bus")]
    [InlineData("analyses", "analysis")]
    [InlineData("indices", "index")]
    [InlineData("news", "news")]
    [InlineData("sheep", "sheep")]
    [InlineData("order_items", "order_item")]
    [InlineData("group_organizers", "group_organizer")]
    [InlineData("Companies", "Company")]
    [InlineData("movies", "movie")]
    [InlineData("wives", "wife")]
    public void Singularize_follows_the_pluralize_package(string plural, string singular) => Assert.Equal(singular, Inflector.Singularize(plural));

    [Theory]
    [InlineData("house", "houses")]
    [InlineData("datum", "data")]
    [InlineData("status", "statuses")]
    [InlineData("index", "indices")]
    [InlineData("quiz", "quizzes")]
    [InlineData("schema", "schemata")]
    [InlineData("news", "news")]
    [InlineData("OrderItem", "OrderItems")]
    [InlineData("Person", "People")]
    [InlineData("mouse", "mice")]
    [InlineData("leaf", "leaves")]
    [InlineData("hero", "heroes")]
    [InlineData("photo", "photos")]
    public void Pluralize_follows_the_pluralize_package(string singular, string plural) => Assert.Equal(plural, Inflector.Pluralize(singular));
}
