using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Xunit;

namespace Platform.EndToEnd.Tests.ControlPlane;

/// <summary>
/// Every endpoint of /api against every kind of caller: each team role, a signed-in non-member, no token, an expired
/// token and a revoked personal access token. The endpoint list is the OpenAPI document's, so an endpoint added without
/// an entry here fails the test. A caller allowed in gets past authorization (a request built to stop harmlessly right
/// after it: a missing field, a stale ETag, a fresh resource to delete); one below the role gets 403, a non-member 404
/// (ids do not leak), and a caller without a valid token 401.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
public sealed partial class AuthorizationMatrixTests(ControlPlaneFixture f)
{
    private enum Need
    {
        Public,
        Signature,
        SignedIn,
        Viewer,
        Developer,
        Admin,
        Owner,
    }

    private enum Who
    {
        Viewer,
        Developer,
        Admin,
        Owner,
        NonMember,
        NoToken,
        ExpiredToken,
        RevokedToken,
    }

    /// <param name="Fresh">For a caller allowed in: makes the resource the request destroys and returns the path (the caller's token is given).</param>
    private sealed record Entry(string Method, string Route, Need Need, object? Body = null, Func<Scene, string, Task<string>>? Fresh = null);

    private sealed record Scene(Guid TeamId, Guid ProjectId, Guid DeploymentId, Guid OwnerId, Guid InvitationId, Guid ServiceAccountId, Guid KeyId, Guid TokenId);

    private static readonly object Empty = new { };

    private IEnumerable<Entry> Matrix()
    {
        // Account: public forms and the caller's own things.
        yield return new("POST", "/api/account/signup", Need.Public, Empty);
        yield return new("POST", "/api/account/confirm-email", Need.Public, Empty);
        yield return new("POST", "/api/account/resend-confirmation", Need.SignedIn, Empty);
        yield return new("POST", "/api/account/password-reset", Need.Public, Empty);
        yield return new("POST", "/api/account/password-reset/confirm", Need.Public, Empty);
        yield return new("POST", "/api/account/password", Need.SignedIn, Empty);
        yield return new("GET", "/api/me", Need.SignedIn);
        yield return new("GET", "/api/dev/outbox", Need.Public);
        yield return new("GET", "/api/tokens", Need.SignedIn);
        yield return new("POST", "/api/tokens", Need.SignedIn, Empty);
        yield return new("DELETE", "/api/tokens/{tokenId}", Need.SignedIn, Fresh: async (_, token) =>
            $"/api/tokens/{(await Created("/api/tokens", token, new { name = "to-revoke" })).GetProperty("id").GetGuid()}");

        // Teams.
        yield return new("GET", "/api/teams", Need.SignedIn);
        yield return new("POST", "/api/teams", Need.SignedIn, Empty);
        yield return new("POST", "/api/invitations/accept", Need.SignedIn, new { token = "no-such-invitation" });
        yield return new("GET", "/api/teams/{teamId}", Need.Viewer);
        yield return new("PATCH", "/api/teams/{teamId}", Need.Admin, new { name = "" });
        yield return new("DELETE", "/api/teams/{teamId}", Need.Owner); // the team has projects: 409 TEAM_NOT_EMPTY once allowed in
        yield return new("GET", "/api/teams/{teamId}/members", Need.Viewer);
        yield return new("PATCH", "/api/teams/{teamId}/members/{userId}", Need.Admin, new { role = "emperor" });
        yield return new("DELETE", "/api/teams/{teamId}/members/{userId}", Need.Admin, Fresh: async (s, _) => $"/api/teams/{s.TeamId}/members/{await NewMemberAsync(s.TeamId)}");
        yield return new("GET", "/api/teams/{teamId}/invitations", Need.Admin);
        yield return new("POST", "/api/teams/{teamId}/invitations", Need.Admin, new { email = "not-an-address", role = "viewer" });
        yield return new("DELETE", "/api/teams/{teamId}/invitations/{invitationId}", Need.Admin, Fresh: async (s, _) =>
            $"/api/teams/{s.TeamId}/invitations/{(await Created($"/api/teams/{s.TeamId}/invitations", f.Token, new { email = Email("invitee"), role = "viewer" })).GetProperty("id").GetGuid()}");
        yield return new("GET", "/api/teams/{teamId}/service-accounts", Need.Admin);
        yield return new("POST", "/api/teams/{teamId}/service-accounts", Need.Admin, Empty);
        yield return new("DELETE", "/api/teams/{teamId}/service-accounts/{id}", Need.Admin, Fresh: async (s, _) =>
            $"/api/teams/{s.TeamId}/service-accounts/{(await Created($"/api/teams/{s.TeamId}/service-accounts", f.Token, new { name = "ci", role = "viewer" })).GetProperty("id").GetGuid()}");
        yield return new("GET", "/api/teams/{teamId}/audit", Need.Viewer);

        // Projects, settings, connection, keys.
        yield return new("GET", "/api/teams/{teamId}/projects", Need.Viewer);
        yield return new("POST", "/api/teams/{teamId}/projects", Need.Developer, Empty);
        yield return new("POST", "/api/teams/{teamId}/connection-check", Need.Developer, Empty);
        yield return new("GET", "/api/projects/{projectId}", Need.Viewer);
        yield return new("PATCH", "/api/projects/{projectId}", Need.Admin, new { name = "Not A Valid Name" });
        yield return new("DELETE", "/api/projects/{projectId}", Need.Admin, Fresh: async (_, _) => $"/api/projects/{(await f.CreateProjectAsync()).ProjectId}");
        yield return new("GET", "/api/projects/{projectId}/settings", Need.Viewer);
        yield return new("PUT", "/api/projects/{projectId}/settings", Need.Developer, Empty); // no If-Match: 428 once allowed in
        yield return new("GET", "/api/projects/{projectId}/connection", Need.Viewer);
        yield return new("PUT", "/api/projects/{projectId}/connection", Need.Developer, Empty);
        yield return new("GET", "/api/projects/{projectId}/keys", Need.Viewer);
        yield return new("POST", "/api/projects/{projectId}/keys", Need.Developer, new { role = "root", name = "x" });
        yield return new("DELETE", "/api/projects/{projectId}/keys/{keyId}", Need.Developer, Fresh: async (s, _) =>
            $"/api/projects/{s.ProjectId}/keys/{(await Created($"/api/projects/{s.ProjectId}/keys", f.Token, new { role = "anon", name = "to-revoke" })).GetProperty("id").GetGuid()}");
        yield return new("GET", "/api/projects/{projectId}/audit", Need.Viewer);
        yield return new("GET", "/api/projects/{projectId}/usage", Need.Viewer);

        // Repository and deployments.
        yield return new("GET", "/api/projects/{projectId}/repository", Need.Viewer);
        yield return new("PUT", "/api/projects/{projectId}/repository", Need.Developer, Empty);
        yield return new("DELETE", "/api/projects/{projectId}/repository", Need.Developer, Fresh: async (_, _) =>
            $"/api/projects/{await ProjectWithRepositoryAsync()}/repository");
        yield return new("POST", "/api/projects/{projectId}/repository/webhook-secret", Need.Admin, Fresh: async (_, _) =>
            $"/api/projects/{await ProjectWithRepositoryAsync()}/repository/webhook-secret");
        yield return new("GET", "/api/projects/{projectId}/deployments", Need.Viewer);
        yield return new("POST", "/api/projects/{projectId}/deployments", Need.Developer, Fresh: async (_, _) =>
            $"/api/projects/{(await f.CreateProjectAsync()).ProjectId}/deployments"); // no repository: 409 once allowed in
        yield return new("GET", "/api/projects/{projectId}/deployments/{deploymentId}", Need.Viewer);
        yield return new("GET", "/api/projects/{projectId}/deployments/{deploymentId}/log", Need.Viewer);
        yield return new("GET", "/api/projects/{projectId}/deployments/{deploymentId}/log/stream", Need.Viewer);
        yield return new("POST", "/api/hooks/git/{projectId}", Need.Signature, new { @ref = "refs/heads/main" });
    }

    [Fact]
    public async Task Every_endpoint_answers_every_caller_by_role_membership_and_token_state()
    {
        var (scene, callers) = await SetUpAsync();
        var matrix = Matrix().ToList();

        // The OpenAPI document lists every /api endpoint; each needs a row here.
        var (_, openApi, _) = await f.Api.GetAsync("/openapi/v1.json", null);
        var documented = openApi.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => m.Name.ToUpperInvariant() + " " + RouteConstraint().Replace(p.Name, "}")))
            .ToHashSet();
        var listed = matrix.Select(e => e.Method + " " + e.Route).ToHashSet();
        Assert.Empty(documented.Except(listed));
        Assert.Empty(listed.Except(documented));

        var failures = new List<string>();
        foreach (var entry in matrix)
        {
            foreach (var (who, token) in callers)
            {
                var allowed = Allowed(entry.Need, who);
                var path = allowed && entry.Fresh is not null ? await entry.Fresh(scene, token!) : Fill(entry.Route, scene);
                var (status, body, _) = await f.Api.SendAsync(new HttpMethod(entry.Method), path, token, entry.Body);
                var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
                var expected = Expected(entry.Need, who);
                var ok = expected is null
                    ? status is not (401 or 403 or 404) && status < 500
                    : status == expected.Value.Status && code == expected.Value.Code;
                if (!ok)
                {
                    failures.Add($"{entry.Method} {path} as {who}: {status} {code}, expected {(expected is null ? "to get past authorization" : $"{expected.Value.Status} {expected.Value.Code}")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // The refused callers changed nothing: the team, its project, its key and the owner's membership are all there.
        Assert.Equal(200, (await f.Api.GetAsync($"/api/teams/{scene.TeamId}", f.Token)).Status);
        Assert.Equal(200, (await f.Api.GetAsync($"/api/projects/{scene.ProjectId}", f.Token)).Status);
        var (_, keys, _) = await f.Api.GetAsync($"/api/projects/{scene.ProjectId}/keys", f.Token);
        Assert.Contains(keys.GetProperty("items").EnumerateArray(), k => k.GetProperty("id").GetGuid() == scene.KeyId);
    }

    private static bool Allowed(Need need, Who who) => Expected(need, who) is null;

    /// <summary>The refusal a caller gets, or null when it is let in.</summary>
    private static (int Status, string Code)? Expected(Need need, Who who)
    {
        if (need == Need.Public)
        {
            return null;
        }

        if (need == Need.Signature)
        {
            return (401, "INVALID_SIGNATURE");
        }

        if (who is Who.NoToken or Who.ExpiredToken or Who.RevokedToken)
        {
            return (401, "UNAUTHENTICATED");
        }

        if (need == Need.SignedIn)
        {
            return null;
        }

        if (who == Who.NonMember)
        {
            return (404, "NOT_FOUND");
        }

        var rank = who switch { Who.Viewer => Need.Viewer, Who.Developer => Need.Developer, Who.Admin => Need.Admin, _ => Need.Owner };
        return rank >= need ? null : (403, "FORBIDDEN");
    }

    private async Task<(Scene Scene, List<(Who Who, string? Token)> Callers)> SetUpAsync()
    {
        var teamId = f.TeamId;
        var callers = new List<(Who, string?)> { (Who.Owner, f.Token) };
        foreach (var (who, role) in new[] { (Who.Admin, "admin"), (Who.Developer, "developer"), (Who.Viewer, "viewer") })
        {
            var email = Email(role);
            var token = await f.Api.SignUpAndSignInAsync(email);
            await JoinAsync(teamId, email, token, role);
            callers.Add((who, token));
        }

        callers.Add((Who.NonMember, await f.Api.SignUpAndSignInAsync(Email("outsider"))));
        callers.Add((Who.NoToken, null));

        // Both token states on the owner's own tokens, so the 401 is about the token and nothing else.
        var expiring = await Created("/api/tokens", f.Token, new { name = "expired" });
        await using (var cmd = f.Metadata.DataSource.CreateCommand("UPDATE platform.personal_access_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1"))
        {
            cmd.Parameters.AddWithValue(expiring.GetProperty("id").GetGuid());
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        callers.Add((Who.ExpiredToken, expiring.GetProperty("token").GetString()));
        var revoked = await Created("/api/tokens", f.Token, new { name = "revoked" });
        Assert.Equal(204, (await f.Api.SendAsync(HttpMethod.Delete, $"/api/tokens/{revoked.GetProperty("id").GetGuid()}", f.Token)).Status);
        callers.Add((Who.RevokedToken, revoked.GetProperty("token").GetString()));

        using var repo = new GitRepository();
        repo.Write("migrations/0001_items.sql", "CREATE TABLE public.items (id serial PRIMARY KEY);");
        repo.Push();
        var (projectId, _) = await f.CreateProjectAsync(repo);
        var deployment = await f.DeployAsync(projectId);
        Assert.Equal("succeeded", deployment.GetProperty("status").GetString());

        var (_, me, _) = await f.Api.GetAsync("/api/me", f.Token);
        var scene = new Scene(
            teamId,
            projectId,
            deployment.GetProperty("id").GetGuid(),
            me.GetProperty("id").GetGuid(),
            (await Created($"/api/teams/{teamId}/invitations", f.Token, new { email = Email("pending"), role = "viewer" })).GetProperty("id").GetGuid(),
            (await Created($"/api/teams/{teamId}/service-accounts", f.Token, new { name = "deployer", role = "developer" })).GetProperty("id").GetGuid(),
            (await Created($"/api/projects/{projectId}/keys", f.Token, new { role = "anon", name = "kept" })).GetProperty("id").GetGuid(),
            (await Created("/api/tokens", f.Token, new { name = "kept" })).GetProperty("id").GetGuid());
        return (scene, callers);
    }

    private static string Fill(string route, Scene s) => route
        .Replace("{teamId}", s.TeamId.ToString(), StringComparison.Ordinal)
        .Replace("{projectId}", s.ProjectId.ToString(), StringComparison.Ordinal)
        .Replace("{deploymentId}", s.DeploymentId.ToString(), StringComparison.Ordinal)
        .Replace("{userId}", s.OwnerId.ToString(), StringComparison.Ordinal)
        .Replace("{invitationId}", s.InvitationId.ToString(), StringComparison.Ordinal)
        .Replace("{id}", s.ServiceAccountId.ToString(), StringComparison.Ordinal)
        .Replace("{keyId}", s.KeyId.ToString(), StringComparison.Ordinal)
        .Replace("{tokenId}", s.TokenId.ToString(), StringComparison.Ordinal);

    private async Task<JsonElement> Created(string path, string token, object body)
    {
        var (status, created, _) = await f.Api.PostAsync(path, token, body);
        Assert.True(status == 201, $"POST {path} answered {status}: {created}");
        return created;
    }

    private async Task JoinAsync(Guid teamId, string email, string token, string role)
    {
        var invitation = await Created($"/api/teams/{teamId}/invitations", f.Token, new { email, role });
        var (status, body, _) = await f.Api.PostAsync("/api/invitations/accept", token, new { token = invitation.GetProperty("token").GetString() });
        Assert.True(status == 200, $"accepting answered {status}: {body}");
    }

    /// <summary>A viewer who joined just now: what a member removal removes.</summary>
    private async Task<Guid> NewMemberAsync(Guid teamId)
    {
        var email = Email("member");
        var token = await f.Api.SignUpAndSignInAsync(email);
        await JoinAsync(teamId, email, token, "viewer");
        var (_, me, _) = await f.Api.GetAsync("/api/me", token);
        return me.GetProperty("id").GetGuid();
    }

    private async Task<Guid> ProjectWithRepositoryAsync()
    {
        using var repo = new GitRepository();
        repo.Write("migrations/0001_none.sql", "SELECT 1;");
        repo.Push();
        return (await f.CreateProjectAsync(repo)).ProjectId;
    }

    private static string Email(string who) => $"{who}-{Guid.NewGuid().ToString("N")[..8]}@example.com";

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex RouteConstraint();
}
