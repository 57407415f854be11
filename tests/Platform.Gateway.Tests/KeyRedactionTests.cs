using Platform.Gateway.Observability;
using Xunit;

namespace Platform.Gateway.Tests;

[Trait("Tier", "Fast")]
public sealed class KeyRedactionTests
{
    [Theory]
    [InlineData("?query=x&api_key=pk_a_secret", "query=x&api_key=REDACTED")]
    [InlineData("?API_KEY=pk_a_secret&x=1", "API_KEY=REDACTED&x=1")]
    [InlineData("?api%5Fkey=pk_a_secret", "api%5Fkey=REDACTED")]
    [InlineData("?api_key=a&api_key=b", "api_key=REDACTED&api_key=REDACTED")]
    public void Every_copy_of_the_key_in_a_query_is_replaced_and_the_rest_kept(string query, string expected) =>
        Assert.Equal(expected, KeyRedaction.Redact(query));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?query=%7B__typename%7D")]
    [InlineData("?my_api_key_field=1")]
    public void A_query_without_a_key_is_left_alone(string? query) => Assert.Null(KeyRedaction.Redact(query));
}
