using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Platform.Errors;
using Platform.Gateway.Admission;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Gateway.WebSockets;
using Platform.Metadata.Keys;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>The admission step's decisions once the key is looked up, with real limiters and no database.</summary>
[Trait("Tier", "Fast")]
public sealed class RequestAdmissionTests
{
    private static readonly GatewayLimitsOptions Defaults = new() { RequestsPerSecond = 1, Burst = 2, MaxConcurrentRequests = 1, MaxWebSockets = 1, MaxBodyBytes = 4096 };

    private readonly ProjectLimiters limiters = new(Options.Create(Defaults));

    private static ResolvedKey Key(ApiKeyRole role = ApiKeyRole.Anon, Guid? project = null, ProjectCorsSettings? cors = null, ProjectLimits? limits = null) =>
        new(new ApiKeyRecord(Guid.NewGuid(), project ?? Guid.NewGuid(), role, "pk_a_1234", null, null) { Cors = cors, Limits = limits }, "cache-id");

    private static AdmissionRequest Graphql(string? projectId = null) => new("pk_a_whatever", projectId, "graphql", WebSocket: false);

    [Fact]
    public void A_missing_key_is_refused_with_invalid_api_key_and_no_project()
    {
        var result = RequestAdmission.Decide(Graphql(), null, limiters);

        Assert.Null(result.Admitted);
        Assert.Null(result.Key);
        Assert.Equal(ErrorCodes.InvalidApiKey, result.Rejection!.Code);
        Assert.Equal(401, result.Rejection.Status);
    }

    [Fact]
    public void A_key_of_another_project_gets_the_same_answer_as_an_unknown_key()
    {
        var key = Key();
        var unknown = RequestAdmission.Decide(Graphql(), null, limiters).Rejection!;
        var other = RequestAdmission.Decide(Graphql(Guid.NewGuid().ToString()), key, limiters).Rejection!;

        Assert.Equal(unknown.Code, other.Code);
        Assert.Equal(unknown.Message, other.Message);
    }

    [Fact]
    public void The_project_named_by_path_or_host_matches_the_key_in_any_case()
    {
        var project = Guid.NewGuid();
        using var admitted = RequestAdmission.Decide(Graphql(project.ToString().ToUpperInvariant()), Key(project: project), limiters).Admitted;

        Assert.NotNull(admitted);
        Assert.Equal(project, admitted.ProjectId);
        Assert.Equal(ApiKeyRole.Anon, admitted.Role);
        Assert.Equal("graphql", admitted.Surface);
    }

    [Fact]
    public void An_origin_outside_the_projects_list_is_refused_but_the_key_is_known()
    {
        var key = Key(cors: new ProjectCorsSettings { AllowedOrigins = ["https://app.example"] });
        var refused = RequestAdmission.Decide(Graphql() with { Origin = "https://evil.example" }, key, limiters);
        using var allowed = RequestAdmission.Decide(Graphql() with { Origin = "https://APP.example" }, key, limiters).Admitted;

        Assert.Equal(ErrorCodes.OriginNotAllowed, refused.Rejection!.Code);
        Assert.Same(key, refused.Key);
        Assert.NotNull(allowed);
    }

    [Fact]
    public void Sql_with_an_anon_key_needs_an_end_user_token_and_a_service_key_does_not()
    {
        var sql = new AdmissionRequest("k", null, "sql", WebSocket: false);

        Assert.Equal(ErrorCodes.Forbidden, RequestAdmission.Decide(sql, Key(ApiKeyRole.Anon), limiters).Rejection!.Code);
        using var withToken = RequestAdmission.Decide(sql with { HasEndUserToken = true }, Key(ApiKeyRole.Anon), limiters).Admitted;
        using var service = RequestAdmission.Decide(sql, Key(ApiKeyRole.Service), limiters).Admitted;
        Assert.NotNull(withToken);
        Assert.NotNull(service);
    }

    [Fact]
    public void Over_the_rate_is_refused_with_a_retry_after_from_the_bucket()
    {
        var key = Key();
        RequestAdmission.Decide(Graphql(), key, limiters).Admitted!.Dispose();
        RequestAdmission.Decide(Graphql(), key, limiters).Admitted!.Dispose();

        var third = RequestAdmission.Decide(Graphql(), key, limiters);

        Assert.Equal(ErrorCodes.RateLimited, third.Rejection!.Code);
        Assert.Equal(429, third.Rejection.Status);
        Assert.Equal(1, third.Rejection.RetryAfterSeconds);
        Assert.Same(key, third.Key);
    }

    [Fact]
    public void A_body_announced_over_the_projects_limit_is_refused_before_a_slot_is_taken()
    {
        var key = Key(limits: new ProjectLimits { MaxBodyBytes = 1024, Burst = 10 });
        var refused = RequestAdmission.Decide(Graphql() with { ContentLength = 1025 }, key, limiters);
        using var fits = RequestAdmission.Decide(Graphql() with { ContentLength = 1024 }, key, limiters).Admitted;

        Assert.Equal(ErrorCodes.BodyTooLarge, refused.Rejection!.Code);
        Assert.Contains("1024", refused.Rejection.Message, StringComparison.Ordinal);
        Assert.NotNull(fits);
    }

    [Fact]
    public void A_request_slot_is_held_until_the_admitted_request_is_disposed_once()
    {
        var key = Key(limits: new ProjectLimits { Burst = 10, RequestsPerSecond = 10 });
        var first = RequestAdmission.Decide(Graphql(), key, limiters).Admitted!;

        Assert.Equal(ErrorCodes.ConcurrencyLimit, RequestAdmission.Decide(Graphql(), key, limiters).Rejection!.Code);
        first.Dispose();
        first.Dispose();
        var second = RequestAdmission.Decide(Graphql(), key, limiters).Admitted!;
        Assert.Equal(ErrorCodes.ConcurrencyLimit, RequestAdmission.Decide(Graphql(), key, limiters).Rejection!.Code);
        second.Dispose();
    }

    [Fact]
    public void WebSockets_take_the_projects_socket_slots_not_its_request_slots()
    {
        var key = Key(limits: new ProjectLimits { Burst = 10, RequestsPerSecond = 10 });
        var socket = new AdmissionRequest("k", null, "graphql", WebSocket: true);
        using var open = RequestAdmission.Decide(socket, key, limiters).Admitted!;

        Assert.True(open.WebSocket);
        Assert.Equal(ErrorCodes.WebSocketLimit, RequestAdmission.Decide(socket, key, limiters).Rejection!.Code);
        using var request = RequestAdmission.Decide(Graphql(), key, limiters).Admitted;
        Assert.NotNull(request);
        open.Dispose();
        using var again = RequestAdmission.Decide(socket, key, limiters).Admitted;
        Assert.NotNull(again);
    }

    [Fact]
    public void Projects_are_counted_apart()
    {
        var a = Key(limits: new ProjectLimits { Burst = 10, RequestsPerSecond = 10 });
        var b = Key(limits: new ProjectLimits { Burst = 10, RequestsPerSecond = 10 });
        using var busy = RequestAdmission.Decide(Graphql(), a, limiters).Admitted;

        Assert.Equal(ErrorCodes.ConcurrencyLimit, RequestAdmission.Decide(Graphql(), a, limiters).Rejection!.Code);
        using var other = RequestAdmission.Decide(Graphql(), b, limiters).Admitted;
        Assert.NotNull(other);
    }

    [Theory]
    [InlineData(ErrorCodes.InvalidApiKey, 4403, "Forbidden")]
    [InlineData(ErrorCodes.OriginNotAllowed, 4403, "Forbidden")]
    [InlineData(ErrorCodes.RateLimited, 1013, "RATE_LIMITED")]
    [InlineData(ErrorCodes.WebSocketLimit, 1013, "WEBSOCKET_LIMIT")]
    [InlineData(ErrorCodes.NoSiloAvailable, 1013, "NO_SILO_AVAILABLE")]
    [InlineData(ErrorCodes.UpstreamFailed, 1011, "UPSTREAM_FAILED")]
    public void A_refusal_after_the_socket_is_accepted_closes_with_graphql_ws_codes(string code, int status, string reason)
    {
        var (closeStatus, closeReason) = SocketRejection.CloseFor(new PlatformError(code, "m"));

        Assert.Equal((WebSocketCloseStatus)status, closeStatus);
        Assert.Equal(reason, closeReason);
    }
}
