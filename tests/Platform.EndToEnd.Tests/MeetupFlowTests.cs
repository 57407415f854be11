using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Testing.Postgres;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// samples/meetup through the gateway: accounts, tokens minted by the API and accepted on the next request,
/// row-level security between users and for anonymous visitors, nested reads in one request, bad tokens refused.
/// </summary>
public sealed class MeetupFlowTests(OneSiloPlatform platform) : IClassFixture<OneSiloPlatform>, IAsyncLifetime
{
    private const string Secret = "meetup-test-secret-that-is-long-enough-for-hs256";
    private readonly TestDatabase tenant = new();
    private TestProject project = null!;
    private Authenticator authenticator = null!;

    public async Task InitializeAsync()
    {
        await tenant.InitializeAsync();
        await MeetupSample.ApplyAsync(tenant);
        authenticator = await MeetupSample.AuthenticatorAsync(tenant);
        project = await platform.Hosts.CreateProjectAsync(authenticator.ConnectionString, await MeetupSample.SettingsAsync(Secret));
    }

    public async Task DisposeAsync()
    {
        await authenticator.DropAsync(tenant);
        await tenant.DisposeAsync();
    }

    [Fact]
    public async Task Register_authenticate_and_the_minted_token_works_on_the_next_request()
    {
        var token = await SignUpAsync("alice");
        var claims = new JsonWebToken(token);
        Assert.Equal("app_user", claims.GetClaim("role").Value);
        Assert.Equal("meetup", Assert.Single(claims.Audiences));
        Assert.Equal("postgraphile", claims.Issuer);
        Assert.True(claims.ValidTo > DateTime.UtcNow.AddDays(6));

        var me = await DataAsync(token, "{ currentUser { username } currentUserId }");
        Assert.Equal("alice", me.GetProperty("currentUser").GetProperty("username").GetString());
        Assert.Equal(claims.GetClaim("user_id").Value, me.GetProperty("currentUserId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var wrong = await DataAsync(null, """mutation { authenticate(input: {email: "alice@example.com", password: "not the password"}) { jwtToken } }""");
        Assert.Equal(JsonValueKind.Null, wrong.GetProperty("authenticate").GetProperty("jwtToken").ValueKind);
    }

    [Fact]
    public async Task Another_user_cannot_change_or_delete_a_group_and_anonymous_sees_only_public_rows()
    {
        var a = await SignUpAsync("owner-a");
        var b = await SignUpAsync("other-b");
        var created = await DataAsync(a, """mutation { createGroup(input: {group: {name: "A private", isPublic: false}}) { group { id name } } }""");
        var id = created.GetProperty("createGroup").GetProperty("group").GetProperty("id").GetInt32();
        await DataAsync(a, $$$"""mutation { createEvent(input: {event: {groupId: {{{id}}}, title: "A meets", startsAt: "2030-01-01T18:00:00Z"}}) { event { id } } }""");

        // Row-level security hides A's private group from B: PostGraphile's "no values were updated/deleted".
        var (_, update) = await SendAsync(b, $$$"""mutation { updateGroupById(input: {id: {{{id}}}, groupPatch: {name: "taken over"}}) { group { name } } }""");
        Assert.Equal("NOT_FOUND", Code(update));
        var (_, delete) = await SendAsync(b, $$$"""mutation { deleteGroupById(input: {id: {{{id}}}}) { deletedGroupId } }""");
        Assert.Equal("NOT_FOUND", Code(delete));
        // B may not add events to a group B does not organize either (the insert policy's check).
        var (_, foreignEvent) = await SendAsync(b, $$$"""mutation { createEvent(input: {event: {groupId: {{{id}}}, title: "B sneaks in", startsAt: "2030-01-01T18:00:00Z"}}) { event { id } } }""");
        Assert.Equal("42501", Code(foreignEvent));
        Assert.Equal("A private", (await DataAsync(a, $$$"""{ groupById(id: {{{id}}}) { name } }""")).GetProperty("groupById").GetProperty("name").GetString());

        var anonymous = await DataAsync(null, "{ allGroups { nodes { name isPublic } } allEvents { nodes { title } } }");
        Assert.All(anonymous.GetProperty("allGroups").GetProperty("nodes").EnumerateArray(), g => Assert.True(g.GetProperty("isPublic").GetBoolean()));
        Assert.DoesNotContain("A meets", anonymous.GetProperty("allEvents").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Speaker planning", anonymous.GetProperty("allEvents").GetRawText(), StringComparison.Ordinal);
        var (_, anonymousCreate) = await SendAsync(null, """mutation { createGroup(input: {group: {name: "anon"}}) { group { id } } }""");
        Assert.Equal("42501", Code(anonymousCreate));

        var removed = await DataAsync(a, $$$"""mutation { deleteGroupById(input: {id: {{{id}}}}) { group { name } } }""");
        Assert.Equal("A private", removed.GetProperty("deleteGroupById").GetProperty("group").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Groups_events_and_attendance_come_nested_in_one_request()
    {
        var token = await SignUpAsync("carol");
        var events = await DataAsync(null, """{ allEvents(condition: {title: "Indexes, explained"}) { nodes { id } } }""");
        var eventId = events.GetProperty("allEvents").GetProperty("nodes")[0].GetProperty("id").GetInt32();
        await DataAsync(token, $$$"""mutation { createAttendance(input: {attendance: {eventId: {{{eventId}}}}}) { attendance { userByUserId { username } } } }""");
        await DataAsync(token, $$$"""mutation { createComment(input: {comment: {eventId: {{{eventId}}}, body: "See you there"}}) { comment { id } } }""");

        var nested = await DataAsync(null, """
            { allGroups(condition: {name: "PostgreSQL Users"}) { nodes { name
                eventsByGroupId(orderBy: STARTS_AT_ASC) { nodes { title
                  attendancesByEventId { totalCount nodes { userByUserId { username } } }
                  commentsByEventId { nodes { body userByAuthorId { username } } } } } } } }
            """);
        var indexes = nested.GetProperty("allGroups").GetProperty("nodes")[0].GetProperty("eventsByGroupId").GetProperty("nodes")
            .EnumerateArray().Single(e => e.GetProperty("title").GetString() == "Indexes, explained");
        Assert.Equal(1, indexes.GetProperty("attendancesByEventId").GetProperty("totalCount").GetInt32());
        Assert.Equal("carol", indexes.GetProperty("attendancesByEventId").GetProperty("nodes")[0].GetProperty("userByUserId").GetProperty("username").GetString());
        Assert.Equal("carol", indexes.GetProperty("commentsByEventId").GetProperty("nodes")[0].GetProperty("userByAuthorId").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Expired_and_tampered_tokens_get_401_invalid_jwt()
    {
        var token = await SignUpAsync("dave");
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["user_id"] = JsonSerializer.SerializeToElement(1);
        var tampered = parts[0] + "." + Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload)) + "." + parts[2];
        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["role"] = "app_user", ["user_id"] = 1 },
            Audience = "meetup",
            NotBefore = DateTime.UtcNow.AddHours(-2),
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            Expires = DateTime.UtcNow.AddHours(-1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256),
        });
        foreach (var bad in new[] { tampered, expired })
        {
            var (status, body) = await SendAsync(bad, "{ currentUser { username } }");
            Assert.Equal(401, status);
            Assert.Equal("INVALID_JWT", Code(body));
        }
    }

    private async Task<string> SignUpAsync(string username)
    {
        await DataAsync(null, $$$"""mutation { registerUser(input: {username: "{{{username}}}", email: "{{{username}}}@example.com", password: "correct horse"}) { user { id } } }""");
        var auth = await DataAsync(null, $$$"""mutation { authenticate(input: {email: "{{{username}}}@example.com", password: "correct horse"}) { jwtToken } }""");
        return auth.GetProperty("authenticate").GetProperty("jwtToken").GetString()!;
    }

    private async Task<JsonElement> DataAsync(string? token, string query)
    {
        var (status, body) = await SendAsync(token, query);
        Assert.True(status == 200 && !body.TryGetProperty("errors", out _), $"{status} {body}");
        return body.GetProperty("data");
    }

    private static string Code(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    private async Task<(int Status, JsonElement Body)> SendAsync(string? token, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, platform.GatewayUrl + "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", project.AnonKey.Key);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, GatewayClient.Parse(await response.Content.ReadAsStringAsync()));
    }
}
