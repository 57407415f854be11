using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.EndToEnd.Tests.Fixtures;
using Xunit;

namespace Platform.EndToEnd.Tests.Neon;

/// <summary>
/// <c>@neondatabase/serverless</c> 1.2.0, unchanged, through the gateway on a real tenant database: what it sends
/// and what it reads back (NeonDriverPlatform runs it once; each test checks one of its cases).
/// </summary>
public sealed class NeonDriverTests(NeonDriverPlatform platform) : IClassFixture<NeonDriverPlatform>
{
    [Fact]
    public void Parameters_of_every_common_type_round_trip_through_pg_types()
    {
        var row = Ok("types")[0];
        Assert.Equal(42, row.GetProperty("i").GetInt32());
        // int8 beyond 2^53 stays exact: the driver gets PostgreSQL's text and pg-types keeps int8 as a string.
        Assert.Equal("9007199254740993", row.GetProperty("big").GetString());
        Assert.Equal("12345678901234567890.000000000001", row.GetProperty("n").GetString());
        Assert.Equal("héllo \"quoted\", 'single'", row.GetProperty("t").GetString());
        Assert.True(row.GetProperty("yes").GetBoolean());
        Assert.Equal("Date", row.GetProperty("ts").GetProperty("js").GetString());
        Assert.Equal("2024-02-29T12:34:56.789Z", row.GetProperty("ts").GetProperty("value").GetString());
        Assert.Equal("Date", row.GetProperty("d").GetProperty("js").GetString());
        Assert.Equal("""{"a":[1,"x"],"b":null}""", row.GetProperty("j").GetRawText());
        Assert.Equal("""{"k":"v"}""", row.GetProperty("jb").GetRawText());
        Assert.Equal("[1,2,3]", row.GetProperty("ints").GetRawText());
        Assert.Equal("""["a","b,c",null]""", row.GetProperty("texts").GetRawText());
        Assert.Equal("Buffer", row.GetProperty("bytes").GetProperty("js").GetString());
        Assert.Equal("0001ff", row.GetProperty("bytes").GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("nothing").ValueKind);
    }

    [Fact]
    public void Sql_query_binds_positional_parameters()
    {
        Assert.Equal(42, Ok("query")[0].GetProperty("x").GetInt32());
    }

    [Fact]
    public void Full_results_carry_every_field_attribute_and_the_command()
    {
        var result = Ok("fullResults");
        Assert.Equal("SELECT", result.GetProperty("command").GetString());
        Assert.Equal(1, result.GetProperty("rowCount").GetInt32());
        Assert.False(result.GetProperty("rowAsArray").GetBoolean());
        Assert.Equal("a-private", result.GetProperty("rows")[0].GetProperty("body").GetString());
        var fields = result.GetProperty("fields");
        var body = fields[1];
        Assert.Equal("body", body.GetProperty("name").GetString());
        Assert.NotEqual(0u, body.GetProperty("tableID").GetUInt32());
        Assert.Equal(3, body.GetProperty("columnID").GetInt32());
        Assert.Equal(1043, body.GetProperty("dataTypeID").GetInt32());
        Assert.Equal(-1, body.GetProperty("dataTypeSize").GetInt32());
        Assert.Equal(24, body.GetProperty("dataTypeModifier").GetInt32()); // varchar(20): 20 + 4
        Assert.Equal("text", body.GetProperty("format").GetString());
        var one = fields[2];
        Assert.Equal(0u, one.GetProperty("tableID").GetUInt32());
        Assert.Equal(23, one.GetProperty("dataTypeID").GetInt32());
        Assert.Equal(4, one.GetProperty("dataTypeSize").GetInt32());
        Assert.Equal(-1, one.GetProperty("dataTypeModifier").GetInt32());
    }

    [Fact]
    public void Array_mode_returns_rows_as_arrays()
    {
        Assert.Equal("""[[1,"two"]]""", Ok("arrayMode").GetRawText());
        Assert.True(Ok("arrayModeFull").GetProperty("rowAsArray").GetBoolean());
        Assert.Equal("[[1]]", Ok("arrayModeFull").GetProperty("rows").GetRawText());
    }

    [Fact]
    public void Transaction_options_are_in_force()
    {
        Assert.Equal(["read committed", "off", "off"], Settings("txDefault"));
        Assert.Equal(["serializable", "on", "on"], Settings("txModes"));
        Assert.Equal(["repeatable read", "off", "off"], Settings("txRepeatableRead"));
        Assert.Equal("25006", Error("txReadOnlyWrite").GetProperty("code").GetString());
    }

    [Fact]
    public void A_failing_statement_rolls_the_whole_transaction_back()
    {
        var error = Error("txRollback");
        Assert.Equal("22012", error.GetProperty("code").GetString());
        Assert.Equal("division by zero", error.GetProperty("message").GetString());
        Assert.Equal(0, Ok("afterRollback")[0].GetProperty("c").GetInt32());
        var committed = Ok("txCommit");
        Assert.Equal(7, committed[0][0].GetProperty("n").GetInt32());
        Assert.Equal(1, committed[1][0].GetProperty("c").GetInt32());
    }

    [Fact]
    public void PostgreSQL_errors_arrive_with_their_code_and_fields()
    {
        var missing = Error("pgError");
        Assert.Equal("NeonDbError", missing.GetProperty("name").GetString());
        Assert.Equal("42P01", missing.GetProperty("code").GetString());
        Assert.Equal("relation \"no_such_table\" does not exist", missing.GetProperty("message").GetString());
        Assert.Equal("15", missing.GetProperty("position").GetString());
        Assert.Equal("ERROR", missing.GetProperty("severity").GetString());
        Assert.False(string.IsNullOrEmpty(missing.GetProperty("routine").GetString()));
        var duplicate = Error("uniqueError");
        Assert.Equal("23505", duplicate.GetProperty("code").GetString());
        Assert.Equal("Key (id)=(1) already exists.", duplicate.GetProperty("detail").GetString());
    }

    [Fact]
    public void The_key_comes_from_the_connection_string_and_service_keys_run_as_the_owner_role()
    {
        // Every case above sent no X-Api-Key: the password of the connection string was the key.
        Assert.Equal("neon_owner", Ok("ownerRole")[0].GetProperty("role").GetString());
    }

    [Fact]
    public void With_no_option_the_driver_s_own_endpoint_reaches_the_gateway()
    {
        Assert.Equal("routed", Ok("defaultEndpoint")[0].GetProperty("how").GetString());
        Assert.Equal($"https://api.{NeonDriverPlatform.WildcardHost}/sql", platform.Driver.GetProperty("requestedUrls")[0].GetString());
    }

    [Fact]
    public void End_user_tokens_run_as_their_role_with_their_claims_and_rls_hides_rows()
    {
        Assert.Equal("""[{"body":"a-private"},{"body":"everyone"}]""", Ok("user1").GetRawText());
        Assert.Equal("""[{"body":"b-private"},{"body":"everyone"}]""", Ok("user2").GetRawText());
        var claims = Ok("userClaims")[0];
        Assert.Equal("neon_user", claims.GetProperty("role").GetString());
        Assert.Equal("1", claims.GetProperty("uid").GetString());
        var batch = Ok("userTransaction");
        Assert.Equal(2, batch[0][0].GetProperty("c").GetInt32());
        Assert.Equal("neon_user", batch[1][0].GetProperty("role").GetString());
    }

    [Fact]
    public void An_end_user_token_cannot_rewrite_its_role_or_claims()
    {
        Assert.Contains("not allowed with an end-user token", Error("userSetRole").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("not allowed with an end-user token", Error("userSetConfig").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_anon_key_without_a_token_or_with_a_foreign_token_is_refused()
    {
        Assert.StartsWith("Server error (HTTP status 403)", Error("anonNoToken").GetProperty("message").GetString(), StringComparison.Ordinal);
        var foreign = Error("otherSecret").GetProperty("message").GetString();
        Assert.StartsWith("Server error (HTTP status 401)", foreign, StringComparison.Ordinal);
        Assert.Contains("INVALID_JWT", foreign, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_text_output_is_PostgreSQL_s_own_text_for_each_value()
    {
        var (status, body) = await PostAsync(
            """{"query":"select 1.50::numeric as n, '2024-02-29 12:34:56.789+00'::timestamptz as ts, '{1,NULL,3}'::int[] as a, '\\x00ff'::bytea as b, 'true'::bool as t, 1e100::float8 as f, null::int as z","params":[]}""",
            ("Neon-Raw-Text-Output", "true"), ("Neon-Array-Mode", "true"));
        Assert.Equal(200, status);
        Assert.Equal("""[["1.50","2024-02-29 12:34:56.789+00","{1,NULL,3}","\\x00ff","t","1e+100",null]]""", body.GetProperty("rows").GetRawText());
        Assert.True(body.GetProperty("rowAsArray").GetBoolean());
    }

    [Fact]
    public async Task Without_Neon_headers_the_answer_stays_the_platform_s_typed_json()
    {
        var (status, body) = await PostAsync("""{"query":"select 1.50::numeric as n, '{1,2}'::int[] as a, true as t","params":[]}""");
        Assert.Equal(200, status);
        Assert.Equal("""[{"n":"1.50","a":[1,2],"t":true}]""", body.GetProperty("rows").GetRawText());
        Assert.False(body.TryGetProperty("rowAsArray", out _));
        Assert.False(body.GetProperty("fields")[0].TryGetProperty("tableID", out _));
    }

    [Fact]
    public async Task A_malformed_Neon_header_is_a_bad_request()
    {
        var (status, body) = await PostAsync("""{"queries":[{"query":"select 1","params":[]}]}""", ("Neon-Batch-Isolation-Level", "Chaotic"));
        Assert.Equal(400, status);
        Assert.Equal("BAD_REQUEST", body.GetProperty("code").GetString());
    }

    private JsonElement Ok(string name)
    {
        var outcome = platform.Driver.GetProperty(name);
        Assert.True(outcome.TryGetProperty("ok", out var value), $"{name}: {outcome.GetRawText()}");
        return value;
    }

    private JsonElement Error(string name)
    {
        var outcome = platform.Driver.GetProperty(name);
        Assert.True(outcome.TryGetProperty("error", out var error), $"{name} should have failed: {outcome.GetRawText()}");
        return error;
    }

    private string[] Settings(string name) => Ok(name).EnumerateArray().Select(r => r[0].GetProperty("v").GetString() ?? "").ToArray();

    private async Task<(int Status, JsonElement Body)> PostAsync(string json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/sql") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", platform.Project.ServiceKey.Key);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, GatewayClient.Parse(await response.Content.ReadAsStringAsync()));
    }
}
