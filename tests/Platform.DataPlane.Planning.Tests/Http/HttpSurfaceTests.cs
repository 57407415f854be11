using System.Text.Json;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Http;

public sealed class HttpSurfaceTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private async Task<GraphQLClient> ClientAsync()
    {
        var service = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        return new GraphQLClient(service, db.DataSource);
    }

    [Fact]
    public async Task Typename_alone_is_answered_without_a_round_trip_to_the_database()
    {
        var client = await ClientAsync();
        using var trips = new RoundTripCounter(db.Name);
        var response = await client.Service.ExecuteAsync(
            db.DataSource,
            new GraphQLHttpRequest("POST", "application/json", null, """{"query":"{ __typename }"}"""u8.ToArray(), null),
            CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/graphql-response+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", GraphQLClient.Text(response));
        Assert.Equal(0, trips.Count);
    }

    [Fact]
    public async Task Aliases_and_several_typenames_keep_their_order()
    {
        var client = await ClientAsync();
        var response = await client.PostAsync("{ b: __typename a: __typename }");
        Assert.Equal("""{"data":{"b":"Query","a":"Query"}}""", GraphQLClient.Text(response));
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var client = await ClientAsync();
        var response = await client.PostRawAsync("{\"query\": ");
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("BAD_REQUEST", GraphQLClient.Json(response).GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Missing_query_is_400()
    {
        var client = await ClientAsync();
        var response = await client.PostRawAsync("""{"variables":{}}""");
        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task Syntax_error_is_400_with_code_and_location()
    {
        var client = await ClientAsync();
        var response = await client.PostAsync("{ __typename ");
        Assert.Equal(400, response.StatusCode);
        var error = GraphQLClient.Json(response).GetProperty("errors")[0];
        Assert.Equal("GRAPHQL_PARSE_FAILED", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(1, error.GetProperty("locations")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Syntax_error_with_legacy_media_type_is_200()
    {
        var client = await ClientAsync();
        var response = await client.PostAsync("{ __typename ", accept: "application/json");
        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, GraphQLClient.Json(response).GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task Get_runs_queries()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync("?query=" + Uri.EscapeDataString("{ __typename }"));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"data":{"__typename":"Query"}}""", GraphQLClient.Text(response));
    }

    [Fact]
    public async Task Wrong_content_type_is_415_and_unacceptable_accept_is_406()
    {
        var client = await ClientAsync();
        Assert.Equal(415, (await client.PostRawAsync("{}", contentType: "text/plain")).StatusCode);
        Assert.Equal(406, (await client.PostAsync("{ __typename }", accept: "text/html")).StatusCode);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        var client = await ClientAsync();
        var response = await client.Service.ExecuteAsync(db.DataSource, new GraphQLHttpRequest("PUT", "application/json", null, ReadOnlyMemory<byte>.Empty, null), CancellationToken.None);
        Assert.Equal(405, response.StatusCode);
    }

    [Fact]
    public async Task Mutations_over_get_are_405()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync("query=" + Uri.EscapeDataString("mutation { __typename }"));
        Assert.Equal(405, response.StatusCode);
        Assert.Equal("METHOD_NOT_ALLOWED", GraphQLClient.Json(response).Code());
    }

    [Fact]
    public async Task Get_reads_variables_and_operation_name_from_the_query_string()
    {
        var client = await ClientAsync();
        var qs = "query=" + Uri.EscapeDataString("query A { a: __typename } query B($x: Boolean!) { b: __typename @include(if: $x) }")
            + "&operationName=B&variables=" + Uri.EscapeDataString("{\"x\":true}");
        Assert.Equal("""{"data":{"b":"Query"}}""", GraphQLClient.Text(await client.GetAsync(qs)));
        var bad = await client.GetAsync("query=%7B__typename%7D&variables=" + Uri.EscapeDataString("{not json"));
        Assert.Equal(400, bad.StatusCode);
    }

    [Fact]
    public async Task Accept_header_picks_the_media_type()
    {
        var client = await ClientAsync();
        Assert.StartsWith("application/json", (await client.PostAsync("{ __typename }", accept: "application/json")).ContentType, StringComparison.Ordinal);
        Assert.StartsWith("application/graphql-response+json", (await client.PostAsync("{ __typename }", accept: "application/graphql-response+json, application/json;q=0.9")).ContentType, StringComparison.Ordinal);
        Assert.StartsWith("application/json", (await client.PostAsync("{ __typename }", accept: "application/graphql-response+json;q=0.5, application/json")).ContentType, StringComparison.Ordinal);
        Assert.StartsWith("application/graphql-response+json", (await client.PostAsync("{ __typename }", accept: "*/*")).ContentType, StringComparison.Ordinal);
    }
}
