using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Platform.EndToEnd.Tests.Fixtures;
using Platform.Metadata.Projects;
using Xunit;

namespace Platform.EndToEnd.Tests.Attacks;

/// <summary>
/// #19, high: a JWT secret rotation, a new connection string, roles or pool size reached a project's grain only when it
/// idled out, and one request every few minutes kept it alive. The project's record now notifies on every change
/// (migration 0006) and the active grain swaps identity, data sources and schema at once (decision 0051). Both
/// rotations run under load through the gateway; nothing in flight may fail.
/// </summary>
public sealed class SettingsRotationAttackTests(AttackPlatform platform) : IClassFixture<AttackPlatform>
{
    private const string Query = "{ allNotes { nodes { body } } }";
    private static readonly string SecretA = "rotation-secret-a-" + new string('a', 32);
    private static readonly string SecretB = "rotation-secret-b-" + new string('b', 32);

    [Fact]
    public async Task A_rotated_jwt_secret_and_password_apply_at_once_under_load()
    {
        var login = "rot_" + Guid.NewGuid().ToString("N")[..8];
        await platform.TenantA.ExecuteAsync($"""
            create role {login} login password 'first-password';
            grant usage on schema public to {login};
            grant select on public.note to {login};
            """);
        var name = "rot-" + login;
        var settings = new ProjectSettings
        {
            AnonymousRole = login, PoolSize = 4, Jwt = new JwtSettings { Secret = SecretA },
            // The load is about rotation, not the gateway's rate limit.
            Limits = new ProjectLimits { RequestsPerSecond = 10_000, Burst = 10_000 },
        };
        var project = await platform.Hosts.CreateProjectAsync(ConnectionAs(login, "first-password"), settings, name);
        var tokenA = Token(SecretA);
        var tokenB = Token(SecretB);
        var (status, body) = await SendAsync(project.AnonKey.Key, tokenA);
        Assert.True(status == 200 && !body.TryGetProperty("errors", out _), body.ToString());

        // 1. The secret, under load with tokens signed by the old one.
        var current = tokenA;
        var changedAt = DateTimeOffset.MaxValue;
        var results = new ConcurrentBag<(DateTimeOffset Sent, int Status, string Body)>();
        using (var load = new Load(platform.GatewayUrl, () => current, project.AnonKey.Key, results))
        {
            await Task.Delay(500);
            changedAt = DateTimeOffset.UtcNow;
            await platform.Hosts.Projects.UpsertAsync(name, ConnectionAs(login, "first-password"), settings with { Jwt = new JwtSettings { Secret = SecretB } });
            await Polling.UntilAsync(async () => (await SendAsync(project.AnonKey.Key, tokenB)).Status == 200, TimeSpan.FromSeconds(5), "the new secret accepted");
            await Task.Delay(300);
        }

        Assert.NotEmpty(results);
        foreach (var r in results)
        {
            var ok = r.Status == 200 && !r.Body.Contains("\"errors\"", StringComparison.Ordinal);
            // Before the change every request was served; after it, a token signed with the old secret is refused
            // as an invalid token, never with an outage.
            Assert.True(ok || (r.Sent >= changedAt && r.Body.Contains("INVALID_JWT", StringComparison.Ordinal)), $"{r.Status} {r.Body}");
        }

        for (var i = 0; i < 3; i++)
        {
            (status, body) = await SendAsync(project.AnonKey.Key, tokenA);
            Assert.Contains("INVALID_JWT", body.GetRawText(), StringComparison.Ordinal);
        }

        // 2. The connection password, under load with the new token.
        results.Clear();
        current = tokenB;
        using (var load = new Load(platform.GatewayUrl, () => current, project.AnonKey.Key, results))
        {
            await Task.Delay(300);
            await platform.TenantA.ExecuteAsync($"alter role {login} password 'second-password'");
            await platform.Hosts.Projects.UpsertAsync(name, ConnectionAs(login, "second-password"), settings with { Jwt = new JwtSettings { Secret = SecretB } });
            await Task.Delay(1500);
        }

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.Status == 200 && !r.Body.Contains("\"errors\"", StringComparison.Ordinal), $"{r.Status} {r.Body}"));

        // Connections made with the old password would still work; from now on every new one needs the new password.
        await platform.TenantA.ExecuteAsync($"select pg_terminate_backend(pid) from pg_stat_activity where usename = '{login}'");
        await Polling.UntilAsync(async () => (await SendAsync(project.AnonKey.Key, tokenB)).Status == 200, TimeSpan.FromSeconds(5), "served with the new password");
        for (var i = 0; i < 3; i++)
        {
            (status, body) = await SendAsync(project.AnonKey.Key, tokenB);
            Assert.True(status == 200 && !body.TryGetProperty("errors", out _), body.ToString());
        }
    }

    private string ConnectionAs(string login, string password) =>
        new NpgsqlConnectionStringBuilder(platform.TenantA.ConnectionString) { Username = login, Password = password }.ConnectionString;

    private static string Token(string secret) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object> { ["user_id"] = 1 },
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
    });

    private async Task<(int Status, JsonElement Body)> SendAsync(string key, string token)
    {
        var (status, text) = await SendRawAsync(platform.GatewayUrl, key, token);
        return (status, GatewayClient.Parse(text));
    }

    private static async Task<(int Status, string Body)> SendRawAsync(string gateway, string key, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway + "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = Query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await GatewayClient.Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Four clients sending back to back until disposed, each result kept with when it was sent.</summary>
    private sealed class Load : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task[] clients;

        public Load(string gateway, Func<string> token, string key, ConcurrentBag<(DateTimeOffset, int, string)> results)
        {
            clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var sent = DateTimeOffset.UtcNow;
                    try
                    {
                        var (status, body) = await SendRawAsync(gateway, key, token());
                        results.Add((sent, status, body));
                    }
                    catch (HttpRequestException e)
                    {
                        results.Add((sent, 0, e.Message));
                    }
                }
            })).ToArray();
        }

        public void Dispose()
        {
            stop.Cancel();
            Task.WaitAll(clients);
            stop.Dispose();
        }
    }
}
