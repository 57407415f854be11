using System.Text.Json;
using Microsoft.Playwright;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>
/// Calls the control-plane API from inside the page, through the portal's /api as the page's own script does, for
/// the set-up steps a test does not exercise through the UI.
/// </summary>
public static class PortalApi
{
    public static async Task<JsonElement> FetchAsync(IPage page, string method, string path, object? body = null)
    {
        var result = await page.EvaluateAsync<JsonElement>(@"async ([method, path, body]) => {
            const r = await fetch(path, { method, headers: { 'X-Portal': '1', 'Content-Type': 'application/json' }, body: body === null ? undefined : JSON.stringify(body) });
            const text = await r.text();
            let json = null;
            try { json = text ? JSON.parse(text) : null; } catch { json = text; }
            return { status: r.status, body: json };
        }", new object?[] { method, path, body });
        return result;
    }

    public static async Task<JsonElement> OkAsync(IPage page, string method, string path, object? body = null)
    {
        var r = await FetchAsync(page, method, path, body);
        var status = r.GetProperty("status").GetInt32();
        return status is >= 200 and < 300 ? r.GetProperty("body") : throw new InvalidOperationException($"{method} {path}: {status} {r.GetProperty("body")}");
    }

    public static async Task<string> PersonalTeamAsync(IPage page)
    {
        var me = await OkAsync(page, "GET", "/api/me");
        return me.GetProperty("teams").EnumerateArray().First(t => t.GetProperty("personal").GetBoolean()).GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateProjectAsync(IPage page, string name, string connectionString)
    {
        var team = await PersonalTeamAsync(page);
        // The anon key runs as the tenant's login on purpose: without an anonymousRole it is refused (decision 0086).
        var login = new Uri(connectionString).UserInfo.Split(':')[0];
        var p = await OkAsync(page, "POST", $"/api/teams/{team}/projects", new { name, connectionString, settings = new { anonymousRole = Uri.UnescapeDataString(login) } });
        return p.GetProperty("id").GetString()!;
    }
}
