using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Portal.Tests.Fixtures;
using Xunit;

namespace Platform.Portal.Tests;

/// <summary>
/// A team's first hour in real Chromium against the real control plane, gateway and silo: sign-up, the new-project
/// wizard importing migrations from a git repository, the keys shown once, GraphiQL returning rows; then revocation,
/// a failing migration, and what a viewer may do. Every page visited is checked with axe and photographed.
/// </summary>
[Collection("portal")]
public sealed partial class PortalJourneyTests(PortalPlatform platform) : IClassFixture<PortalPlatform>, IAsyncLifetime
{
    private const string Migration = """
        create table item (id serial primary key, name text not null);
        comment on table item is 'Things we sell.';
        insert into item (name) values ('first item'), ('second item');
        """;

    private TenantDatabase tenant = null!;
    private readonly List<IDisposable> repos = [];

    public async Task InitializeAsync() => tenant = await TenantDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        repos.ForEach(r => r.Dispose());
        await tenant.DisposeAsync();
    }

    [Fact]
    public async Task Sign_up_then_the_wizard_imports_migrations_and_GraphiQL_returns_rows()
    {
        var page = await platform.NewPageAsync();
        // The project file names the anon key's role: without one the anon key is refused (decision 0086).
        var repo = Repo(new Dictionary<string, string>
        {
            ["db/migrations/0001_items.sql"] = Migration,
            ["db/platform.json"] = $$"""{"anonymousRole":"{{tenant.Role}}"}""",
        });
        await page.GotoAsync("/");
        await PageChecks.CheckAsync(page, "landing");
        await page.GotoAsync("/signup");
        await PageChecks.CheckAsync(page, "signup");

        var email = PortalUsers.NewEmail("ada");
        await PortalUsers.SignUpAsync(page, email, name => PageChecks.CheckAsync(page, name));
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in and create a project" }).ClickAsync();
        await PortalUsers.FillControlPlaneLoginAsync(page, email);
        await page.WaitForURLAsync(u => u.EndsWith("/projects/new", StringComparison.Ordinal));
        await PageChecks.CheckAsync(page, "wizard-1-name");

        await page.GetByLabel("Project name").FillAsync("Bad Name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("lowercase");
        await page.GetByLabel("Project name").FillAsync("shop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // A database nobody listens on: the failure is said in words next to the field.
        var connection = page.GetByLabel("Connection string");
        await connection.FillAsync("postgres://nobody:wrong@127.0.0.1:1/nothing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check connection" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("could not reach the database");
        await PageChecks.CheckAsync(page, "wizard-2-connection-error");

        await connection.FillAsync(tenant.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check connection" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Connected to")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();

        await page.GetByLabel("Repository URL").FillAsync(repo.Url);
        await page.GetByLabel("Folder").FillAsync("db");
        await PageChecks.CheckAsync(page, "wizard-3-repository");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import and deploy" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Deployment succeeded.")).ToBeVisibleAsync(new() { Timeout = 90000 });
        await Assertions.Expect(page.GetByTestId("deployment-log")).ToContainTextAsync("0001_items.sql");
        await PageChecks.CheckAsync(page, "wizard-4-deployment");

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to keys" }).ClickAsync();
        var anonKey = await page.GetByTestId("secret-anon key").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(anonKey));
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "@neondatabase/serverless" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "graphql-ws" }).ClickAsync();
        await Assertions.Expect(page.Locator("#snippet-panel")).ToContainTextAsync(anonKey);
        await PageChecks.CheckAsync(page, "wizard-5-keys");

        await page.GetByRole(AriaRole.Link, new() { Name = "Open GraphiQL" }).ClickAsync();
        var result = await RunInGraphiQLAsync(page, "{ allItems(orderBy: ID_ASC) { nodes { name } } }");
        Assert.Contains("first item", result, StringComparison.Ordinal);
        Assert.Contains("second item", result, StringComparison.Ordinal);
        await PageChecks.ScreenshotAsync(page, "project-graphiql");
    }

    [Fact]
    public async Task A_revoked_key_stops_working_in_GraphiQL_within_five_seconds()
    {
        var graphiql = await platform.NewPageAsync();
        var email = PortalUsers.NewEmail("rev");
        await PortalUsers.SignUpAsync(graphiql, email);
        await PortalUsers.SignInAsync(graphiql, email);
        var projectId = await PortalApi.CreateProjectAsync(graphiql, "revoke-me", tenant.Url);

        await graphiql.GotoAsync($"/projects/{projectId}/keys");
        await graphiql.GetByLabel("Key name").FillAsync("browser");
        await graphiql.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        Assert.StartsWith("pk_", await graphiql.GetByTestId("secret-anon key").InnerTextAsync(), StringComparison.Ordinal);
        await graphiql.GetByRole(AriaRole.Link, new() { Name = "GraphiQL" }).ClickAsync();
        Assert.Contains("\"__typename\"", await RunInGraphiQLAsync(graphiql, "{ __typename }"), StringComparison.Ordinal);

        // The key is revoked from another tab while GraphiQL stays open with it.
        var keys = await graphiql.Context.NewPageAsync();
        await keys.GotoAsync($"/projects/{projectId}/keys");
        await keys.GetByRole(AriaRole.Button, new() { Name = "Revoke browser" }).ClickAsync();
        await Assertions.Expect(keys.GetByText("Key “browser” revoked")).ToBeVisibleAsync();
        var revokedAt = DateTime.UtcNow;

        var (status, body) = (200, "");
        while (DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(5))
        {
            (status, body) = await ExecuteAsync(graphiql);
            if (status == 401)
            {
                break;
            }

            await graphiql.WaitForTimeoutAsync(200);
        }

        var took = DateTime.UtcNow - revokedAt;
        Assert.True(status == 401, $"still answered {status} {body} after {took}");
        Assert.Contains("INVALID_API_KEY", body, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(5), $"refused only after {took}");
        await Assertions.Expect(graphiql.Locator(".graphiql-response")).ToContainTextAsync("INVALID_API_KEY");
        await PageChecks.ScreenshotAsync(graphiql, "project-graphiql-revoked");
    }

    [Fact]
    public async Task A_failing_migration_is_shown_in_the_deployment_log()
    {
        var page = await platform.NewPageAsync();
        var email = PortalUsers.NewEmail("mig");
        await PortalUsers.SignUpAsync(page, email);
        await PortalUsers.SignInAsync(page, email);
        var projectId = await PortalApi.CreateProjectAsync(page, "broken", tenant.Url);
        var repo = Repo(new Dictionary<string, string>
        {
            ["migrations/0001_ok.sql"] = "create table fine (id int primary key);",
            ["migrations/0002_broken.sql"] = "insert into no_such_table values (1);",
        });
        await PortalApi.OkAsync(page, "PUT", $"/api/projects/{projectId}/repository", new { url = repo.Url, branch = "main" });

        await page.GotoAsync($"/projects/{projectId}/deployments");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deploy now" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Deployment failed.")).ToBeVisibleAsync(new() { Timeout = 90000 });
        var log = page.GetByTestId("deployment-log");
        await Assertions.Expect(log).ToContainTextAsync("0002_broken.sql");
        await Assertions.Expect(log).ToContainTextAsync("no_such_table");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("MIGRATION_FAILED");
        await PageChecks.CheckAsync(page, "project-deployments-failed");
    }

    [Fact]
    public async Task A_viewer_sees_no_create_key_control_and_the_API_refuses_anyway()
    {
        var owner = await platform.NewPageAsync();
        var ownerEmail = PortalUsers.NewEmail("owner");
        await PortalUsers.SignUpAsync(owner, ownerEmail);
        await PortalUsers.SignInAsync(owner, ownerEmail);
        var projectId = await PortalApi.CreateProjectAsync(owner, "shared", tenant.Url);

        var viewerEmail = PortalUsers.NewEmail("viewer");
        var viewer = await platform.NewPageAsync();
        await PortalUsers.SignUpAsync(viewer, viewerEmail);

        await owner.GotoAsync("/team");
        await owner.GetByLabel("Email").FillAsync(viewerEmail);
        await owner.GetByLabel("Role").SelectOptionAsync("viewer");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await owner.GetByTestId("outbox-link").WaitForAsync();
        await PageChecks.CheckAsync(owner, "team");
        var invitation = await owner.GetByTestId("outbox-link").GetAttributeAsync("href");

        await PortalUsers.SignInAsync(viewer, viewerEmail, invitation!);
        await PageChecks.CheckAsync(viewer, "invitation-accept");
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Accept invitation" }).ClickAsync();
        await viewer.WaitForURLAsync(u => u.EndsWith("/projects", StringComparison.Ordinal));
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "shared" })).ToBeVisibleAsync();

        await viewer.GotoAsync($"/projects/{projectId}/keys");
        await Assertions.Expect(viewer.GetByText("you can see keys but not create or revoke them")).ToBeVisibleAsync();
        Assert.Equal(0, await viewer.GetByRole(AriaRole.Button, new() { Name = "Create key" }).CountAsync());
        Assert.Equal(0, await viewer.GetByLabel("Key name").CountAsync());
        await PageChecks.CheckAsync(viewer, "project-keys-viewer");

        var refused = await PortalApi.FetchAsync(viewer, "POST", $"/api/projects/{projectId}/keys", new { role = "service", name = "sneaky" });
        Assert.Equal(403, refused.GetProperty("status").GetInt32());
        Assert.Equal("FORBIDDEN", refused.GetProperty("body").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Every_page_passes_axe_and_fits_a_phone()
    {
        var page = await platform.NewPageAsync();
        await page.GotoAsync("/forgot-password");
        await PageChecks.CheckAsync(page, "forgot-password");
        var email = PortalUsers.NewEmail("pages");
        await PortalUsers.SignUpAsync(page, email);

        // Password reset as a user does it: the form, the Development outbox link, the new password, signing in.
        await page.GotoAsync("/forgot-password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await PortalUsers.FollowOutboxLinkAsync(page);
        await PageChecks.CheckAsync(page, "reset-password");
        await page.GetByLabel("New password").FillAsync(PortalUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password is changed.")).ToBeVisibleAsync();

        await PortalUsers.SignInAsync(page, email);
        await PageChecks.CheckAsync(page, "projects-empty");
        var projectId = await PortalApi.CreateProjectAsync(page, "tour", tenant.Url);
        await PortalApi.OkAsync(page, "POST", $"/api/projects/{projectId}/keys", new { role = "anon", name = "tour" });
        var service = await PortalApi.OkAsync(page, "POST", $"/api/projects/{projectId}/keys", new { role = "service", name = "traffic" });
        // Traffic for the usage charts, sent now so that its minute is over by the time the tour reaches them.
        var traffic = SendTrafficAsync(service.GetProperty("key").GetString()!);
        await page.GotoAsync("/projects");
        await PageChecks.CheckAsync(page, "projects");

        // On a phone the team picker takes a row of its own, so a long team name is not cut to a few letters.
        await page.SetViewportSizeAsync(375, 812);
        var picker = await page.Locator("#team-switcher").BoundingBoxAsync();
        await page.SetViewportSizeAsync(1280, 860);
        Assert.True(picker is { Width: >= 280 }, $"the team picker is {picker?.Width}px wide at 375px");
        await page.GotoAsync("/account/tokens");
        await page.GetByLabel("Token name").FillAsync("ci");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("secret-token")).ToContainTextAsync("pat_");
        await PageChecks.CheckAsync(page, "account-tokens");

        foreach (var (suffix, name) in new[]
        {
            ("", "project-overview"), ("/keys", "project-keys"), ("/deployments", "project-deployments"),
            ("/settings", "project-settings"), ("/audit", "project-audit"), ("/usage", "project-usage"),
            ("/schema", "project-schema"),
        })
        {
            await page.GotoAsync($"/projects/{projectId}{suffix}");
            await page.Locator("#page-heading").WaitForAsync();
            await PageChecks.CheckAsync(page, name);
        }

        // The usage page with the traffic sent above: every chart drawn, the pool's figures among them.
        await traffic;
        var points = await PollingUsageAsync(page, projectId);
        await page.GotoAsync($"/projects/{projectId}/usage");
        await Assertions.Expect(page.Locator(".charts .chart-canvas")).ToHaveCountAsync(4);
        await PageChecks.CheckAsync(page, "project-usage-with-traffic");
        Assert.Contains(points.EnumerateArray(), p => p.GetProperty("pool").GetProperty("inUse").ValueKind == JsonValueKind.Number);

        // Settings: a value out of range is refused next to its field, before anything is sent.
        await page.GotoAsync($"/projects/{projectId}/settings");
        await page.GetByLabel("Pool size").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("between 1 and 1000");
        await page.GetByLabel("Pool size").FillAsync("7");
        // The per-project minimum body rate (decision 0080) has its field among the gateway limits, with its range.
        await page.GetByLabel("Min body rate (bytes/s)").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error").First).ToContainTextAsync("between 100 and 1048576");
        await page.GetByLabel("Min body rate (bytes/s)").FillAsync("2048");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved.")).ToBeVisibleAsync();
        var saved = await PortalApi.OkAsync(page, "GET", $"/api/projects/{projectId}/settings");
        Assert.Equal(2048, saved.GetProperty("limits").GetProperty("minBodyBytesPerSecond").GetInt32());
        await page.GotoAsync($"/projects/{projectId}/audit");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("settings.changed");
    }

    /// <summary>GraphQL queries (one refused in validation) and a few /sql statements, straight to the gateway as an app sends them.</summary>
    private async Task SendTrafficAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(platform.Gateway.Url) };
        http.DefaultRequestHeaders.Add("x-api-key", key);
        for (var i = 0; i < 20; i++)
        {
            var query = i == 0 ? "{ noSuchField }" : "{ __typename }";
            (await http.PostAsJsonAsync("/graphql", new { query })).Dispose();
            (await http.PostAsJsonAsync("/sql", new { query = "SELECT pg_sleep(0.1)", @params = Array.Empty<object>() })).Dispose();
        }
    }

    /// <summary>The project's usage once both hosts have written the traffic's minute (a minute and a few seconds at most).</summary>
    private static async Task<JsonElement> PollingUsageAsync(IPage page, string projectId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(100);
        while (true)
        {
            var usage = await PortalApi.OkAsync(page, "GET", $"/api/projects/{projectId}/usage");
            var points = usage.GetProperty("points");
            // The gateway's row (requests) and the silo's (pool figures, its error codes) are written separately.
            if (points.EnumerateArray().Any(p => p.GetProperty("requests").TryGetProperty("sql", out _))
                && points.EnumerateArray().Any(p => p.GetProperty("pool").GetProperty("inUse").ValueKind == JsonValueKind.Number))
            {
                return points;
            }

            Assert.True(DateTime.UtcNow < deadline, "no usage point with the traffic within 100 s: " + usage);
            await Task.Delay(1000);
        }
    }

    /// <summary>Types nothing: the query comes in the page's ?query= and GraphiQL's run button sends it.</summary>
    private static async Task<string> RunInGraphiQLAsync(IPage page, string query)
    {
        if (!new Uri(page.Url).AbsolutePath.EndsWith("/graphiql", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("not on GraphiQL: " + page.Url);
        }

        await page.EvaluateAsync("q => { const u = new URL(location.href); u.searchParams.set('query', q); history.replaceState({}, '', u); }", query);
        // GraphiQL reads its initial query when it mounts: choosing the key again remounts it.
        var select = page.GetByLabel("API key");
        var chosen = await select.InputValueAsync();
        await select.SelectOptionAsync("");
        await select.SelectOptionAsync(chosen);
        var (_, body) = await ExecuteAsync(page);
        return body;
    }

    /// <summary>Presses GraphiQL's run button; returns what the gateway answered and waits until GraphiQL shows it.</summary>
    private static async Task<(int Status, string Body)> ExecuteAsync(IPage page)
    {
        var answer = page.WaitForResponseAsync(
            r => r.Request.Method == "POST" && r.Url.EndsWith("/graphql", StringComparison.Ordinal)
                && !(r.Request.PostData ?? "").Contains("IntrospectionQuery", StringComparison.Ordinal),
            new() { Timeout = 30000 });
        await page.Locator(".graphiql-execute-button").ClickAsync();
        var response = await answer;
        var body = await response.TextAsync();
        // What GraphiQL must show: a GraphQL result ("data" or "errors"), or the gateway's own refusal ("error").
        var marker = ResultMarker().Match(body) is { Success: true } m ? m.Value : throw new InvalidOperationException("not a GraphQL or gateway answer: " + body);
        await Assertions.Expect(page.Locator(".graphiql-response")).ToContainTextAsync(marker, new() { Timeout = 20000 });
        // Monaco renders spaces as no-break spaces.
        var shown = (await page.Locator(".graphiql-response").InnerTextAsync()).Replace('\u00a0', ' ');
        return (response.Status, body + "\n--- shown ---\n" + shown);
    }

    [GeneratedRegex("\"(data|errors|error)\"")]
    private static partial Regex ResultMarker();

    private GitRepository Repo(Dictionary<string, string> files)
    {
        var r = GitRepository.Create(files);
        repos.Add(r);
        return r;
    }
}
