using System.Text.Json;
using Xunit;

namespace Platform.Errors.Tests;

[Trait("Tier", "Fast")]
public sealed class RendererTests
{
    private static JsonElement Parse(RenderedError rendered) => JsonDocument.Parse(rendered.Body).RootElement.Clone();

    private static readonly PlatformError PoolTimeout = new(ErrorCodes.PoolTimeout, "No database connection became free in time.");

    private static readonly PlatformError UniqueViolation = new(ErrorCodes.DatabaseError, "duplicate key")
    {
        DuringExecution = true,
        Postgres = new PostgresErrorFields("23505") { Severity = "ERROR", Detail = "Key (id)=(1) already exists.", Position = 3, Table = "t" },
    };

    [Fact]
    public void The_gateway_shape_is_one_error_object()
    {
        var rendered = GatewayErrorJson.Render(new PlatformError(ErrorCodes.RateLimited, "slow down", 7));
        var body = Parse(rendered);

        Assert.Equal(429, rendered.Status);
        Assert.Equal(7, rendered.RetryAfterSeconds);
        Assert.Equal("RATE_LIMITED", rendered.Code);
        Assert.Equal("RATE_LIMITED", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("slow down", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void GraphQL_keeps_the_status_of_a_failure_before_execution()
    {
        var rendered = GraphQLErrorJson.Render(PoolTimeout);
        var body = Parse(rendered);

        Assert.Equal(503, rendered.Status);
        Assert.Equal(1, rendered.RetryAfterSeconds);
        Assert.Equal("POOL_TIMEOUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public void GraphQL_answers_an_execution_error_with_200_and_null_data()
    {
        var rendered = GraphQLErrorJson.Render(UniqueViolation, "application/graphql-response+json");
        var body = Parse(rendered);

        Assert.Equal(200, rendered.Status);
        Assert.Equal("application/graphql-response+json", rendered.ContentType);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
        Assert.Equal("DATABASE_ERROR", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public void GraphQL_entries_carry_locations_and_paths()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            GraphQLErrorJson.WriteEntry(json, "no", "NOT_FOUND", 2, 5, ["updateThing", 0]);
        }

        var entry = JsonDocument.Parse(buffer.WrittenMemory).RootElement;
        Assert.Equal(2, entry.GetProperty("locations")[0].GetProperty("line").GetInt32());
        Assert.Equal(5, entry.GetProperty("locations")[0].GetProperty("column").GetInt32());
        Assert.Equal("updateThing", entry.GetProperty("path")[0].GetString());
        Assert.Equal(0, entry.GetProperty("path")[1].GetInt32());
    }

    [Fact]
    public void Sql_over_http_gives_a_postgres_error_its_sqlstate_and_fields_and_leaves_out_absent_ones()
    {
        var rendered = SqlHttpErrorJson.Render(UniqueViolation, statementIndex: 1);
        var body = Parse(rendered);

        Assert.Equal(400, rendered.Status);
        Assert.Equal("DATABASE_ERROR", rendered.Code);
        Assert.Equal("23505", body.GetProperty("code").GetString());
        Assert.Equal("duplicate key", body.GetProperty("message").GetString());
        Assert.Equal("ERROR", body.GetProperty("severity").GetString());
        Assert.Equal("Key (id)=(1) already exists.", body.GetProperty("detail").GetString());
        Assert.Equal(3, body.GetProperty("position").GetInt32());
        Assert.Equal("t", body.GetProperty("table").GetString());
        Assert.Equal(1, body.GetProperty("statementIndex").GetInt32());
        Assert.False(body.TryGetProperty("hint", out _));
        Assert.False(body.TryGetProperty("column", out _));
    }

    [Fact]
    public void Sql_over_http_gives_the_platforms_failures_the_platform_code()
    {
        var rendered = SqlHttpErrorJson.Render(PoolTimeout);

        Assert.Equal(503, rendered.Status);
        Assert.Equal("POOL_TIMEOUT", Parse(rendered).GetProperty("code").GetString());
        Assert.False(Parse(rendered).TryGetProperty("statementIndex", out _));
    }

    [Fact]
    public void Problem_json_follows_rfc_9457_with_the_code_extension()
    {
        var rendered = ProblemJson.Render(new PlatformError(ErrorCodes.ValidationFailed, "poolSize must be 1-100"),
            instance: "/api/projects/x/settings", traceId: "abc", fieldErrors: new Dictionary<string, string[]> { ["poolSize"] = ["too big"] });
        var body = Parse(rendered);

        Assert.Equal("application/problem+json; charset=utf-8", rendered.ContentType);
        Assert.Equal(400, rendered.Status);
        Assert.Equal("about:blank", body.GetProperty("type").GetString());
        Assert.Equal("Bad Request", body.GetProperty("title").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal("poolSize must be 1-100", body.GetProperty("detail").GetString());
        Assert.Equal("/api/projects/x/settings", body.GetProperty("instance").GetString());
        Assert.Equal("VALIDATION_FAILED", body.GetProperty("code").GetString());
        Assert.Equal("abc", body.GetProperty("traceId").GetString());
        Assert.Equal("too big", body.GetProperty("errors").GetProperty("poolSize")[0].GetString());
    }

    [Fact]
    public void Messages_keep_their_characters()
    {
        var body = System.Text.Encoding.UTF8.GetString(GatewayErrorJson.Render(new PlatformError(ErrorCodes.InvalidHost, "naïve 'host' <x>")).Body);

        Assert.Contains("naïve 'host' <x>", body, StringComparison.Ordinal);
    }
}
