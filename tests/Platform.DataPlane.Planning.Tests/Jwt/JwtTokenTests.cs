using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Execution.Jwt;
using Platform.DataPlane.Planning.Documents;
using Platform.DataPlane.Planning.Plans;
using Platform.DataPlane.Planning.Planner;
using Platform.DataPlane.Planning.Tests.Support;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.DataPlane.Planning.Tests.Jwt;

/// <summary>
/// jwt.tokenType (PostGraphile's jwtPgTypeIdentifier): the type is the JwtToken scalar wherever it is returned, and the
/// executor replaces its claims with an HS256 token signed by the project secret, as PostGraphile v4 does.
/// </summary>
public sealed class JwtTokenTests(JwtDatabase db) : IClassFixture<JwtDatabase>
{
    private readonly GraphQLClient client = db.Client;

    [Fact]
    public async Task Schema_has_the_JwtToken_scalar_on_query_and_mutation_functions()
    {
        var result = await client.QueryAsync("""
            {
              jwt: __type(name: "JwtToken") { kind description }
              query: __type(name: "Query") { fields { name type { name kind } } }
              payload: __type(name: "AuthenticatePayload") { fields { name type { name kind } } }
            }
            """);
        Assert.Equal("SCALAR", result.Data("jwt").GetProperty("kind").GetString());
        Assert.Equal("A JSON Web Token defined by [RFC 7519](https://tools.ietf.org/html/rfc7519)\nwhich securely represents claims between two parties.",
            result.Data("jwt").GetProperty("description").GetString());
        var queryFields = result.Data("query").GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("type"));
        Assert.Equal("JwtToken", queryFields["currentToken"].GetProperty("name").GetString());
        // A function taking the JWT type has no input for it, so PostGraphile leaves it out.
        Assert.False(queryFields.ContainsKey("tokenRole"));
        var payloadFields = result.Data("payload").GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("type"));
        Assert.Equal("JwtToken", payloadFields["jwtToken"].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Without_a_token_type_the_composite_is_an_ordinary_object_type()
    {
        var plain = await GraphQLService.CreateAsync(db.DataSource, GraphQLServiceOptions.Default, CancellationToken.None);
        var result = await new GraphQLClient(plain, db.DataSource).QueryAsync("""{ __type(name: "Query") { fields { name type { name kind } } } }""");
        var field = result.Data("__type").GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "currentToken");
        Assert.Equal("OBJECT", field.GetProperty("type").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Authenticate_mutation_returns_a_signed_token_with_the_rows_claims()
    {
        var result = await client.QueryAsync("""mutation { authenticate(input: {email: "a@example.com", password: "right"}) { jwtToken } }""");
        var token = result.Data("authenticate").GetProperty("jwtToken").GetString()!;
        var (header, claims) = Decode(token);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal("app_user", claims.GetProperty("role").GetString());
        Assert.Equal(1, claims.GetProperty("user_id").GetInt32());
        Assert.Equal(2000000000, claims.GetProperty("exp").GetInt64());
        Assert.Equal("my-audience", claims.GetProperty("aud").GetString());
        Assert.Equal("postgraphile", claims.GetProperty("iss").GetString());
        Assert.InRange(claims.GetProperty("iat").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
    }

    [Fact]
    public async Task No_row_and_an_all_null_row_are_null_tokens()
    {
        var wrong = await client.QueryAsync("""mutation { authenticate(input: {email: "a@example.com", password: "wrong"}) { jwtToken } }""");
        Assert.Equal(JsonValueKind.Null, wrong.Data("authenticate").GetProperty("jwtToken").ValueKind);
        var empty = await client.QueryAsync("{ emptyToken }");
        Assert.Equal(JsonValueKind.Null, empty.Data("emptyToken").ValueKind);
    }

    [Fact]
    public async Task Null_exp_means_one_day_and_null_claims_are_kept()
    {
        var result = await client.QueryAsync("{ currentToken }");
        var (_, claims) = Decode(result.Data("currentToken").GetString()!);
        Assert.Equal(claims.GetProperty("iat").GetInt64() + 86400, claims.GetProperty("exp").GetInt64());
        Assert.Equal(7, claims.GetProperty("user_id").GetInt32());
        Assert.Equal("app_user", claims.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Tokens_in_sets_and_computed_columns_are_signed_but_json_columns_are_not()
    {
        var result = await client.QueryAsync("""
            {
              allTokens { nodes }
              allAccounts { nodes { id token } }
              noteById(id: 1) { body }
            }
            """);
        var roles = result.Data("allTokens").GetProperty("nodes").EnumerateArray().Select(t => Decode(t.GetString()!).Claims.GetProperty("role").GetString()).ToList();
        Assert.Equal(["r1", "r2"], roles);
        var account = result.Data("allAccounts").GetProperty("nodes")[0];
        Assert.Equal(account.GetProperty("id").GetInt32(), Decode(account.GetProperty("token").GetString()!).Claims.GetProperty("user_id").GetInt32());
        // A JSON column holding the same shape is data, not a token.
        Assert.Contains("\"admin\"", result.Data("noteById").GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plans_record_where_tokens_are_and_other_plans_have_none()
    {
        var planner = new OperationPlanner(client.Service.Model, new PlannerOptions());
        OperationPlan Plan(string query) => planner.Plan(DocumentParser.Parse(query, new PlannerOptions()), null, null);

        var plain = Plan("{ allAccounts { nodes { id email } } }");
        Assert.False(plain.HasJwtTokens);

        var mixed = Plan("mutation { a: authenticate(input: {email: \"x\", password: \"y\"}) { clientMutationId jwtToken } }");
        Assert.True(mixed.HasJwtTokens);
        Assert.Equal([["jwtToken"]], mixed.RootFields[0].JwtTokenPaths!.Select(p => p.ToArray()));

        var nested = Plan("{ allAccounts { nodes { t: token } } currentToken plain: allAccounts { totalCount } }");
        Assert.Equal([["nodes", "t"]], nested.RootFields[0].JwtTokenPaths!.Select(p => p.ToArray()));
        Assert.Equal([Array.Empty<string>()], nested.RootFields[1].JwtTokenPaths!.Select(p => p.ToArray()));
        Assert.False(nested.RootFields[2].HasJwtTokens);
    }

    [Fact]
    public async Task Token_type_without_a_secret_refuses_to_build()
    {
        var options = GraphQLServiceOptions.Default with { Jwt = new JwtMinting("public.jwt_token", null) };
        var e = await Assert.ThrowsAsync<GraphQLServiceBuildException>(() => GraphQLService.CreateAsync(db.DataSource, options, CancellationToken.None));
        Assert.Contains("HS256", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Checks the HS256 signature with the secret and returns header and claims.</summary>
    private static (JsonElement Header, JsonElement Claims) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(JwtDatabase.Secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.Equal(expected, System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]));
        return (JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0])).RootElement.Clone(),
            JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).RootElement.Clone());
    }
}
