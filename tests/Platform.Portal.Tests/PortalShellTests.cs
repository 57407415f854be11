using System.Net;
using Microsoft.Playwright;
using Platform.Portal.Tests.Fixtures;
using Xunit;

namespace Platform.Portal.Tests;

/// <summary>The portal's public pages and guards, with no control plane behind it.</summary>
public sealed class PortalShellTests(PortalOnly portal) : IClassFixture<PortalOnly>
{
    [Fact]
    public async Task Public_pages_load_only_from_the_portal_and_pass_axe()
    {
        var page = await portal.NewPageAsync();
        var foreign = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(portal.Portal.Url, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(r.Url);
            }
        };

        foreach (var (path, name) in new[] { ("/", "shell-landing"), ("/signup", "shell-signup"), ("/forgot-password", "shell-forgot-password"), ("/no/such/page", "shell-deep-link") })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await page.Locator("#page-heading").WaitForAsync();
            await PageChecks.CheckAsync(page, name);
        }

        Assert.Empty(foreign);
    }

    [Fact]
    public async Task Sign_up_validates_each_field_next_to_it()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("not-an-email");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Confirm password").FillAsync("different");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Assertions.Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        var errors = page.Locator(".field-error");
        await Assertions.Expect(errors).ToHaveCountAsync(3);
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("at least 10 characters");
        await PageChecks.CheckAsync(page, "shell-signup-invalid");
    }

    [Fact]
    public async Task The_control_plane_being_down_is_said_in_words()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/forgot-password");
        await page.GetByLabel("Email").FillAsync("ada@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not answering");
        await PageChecks.CheckAsync(page, "shell-control-plane-down");
    }

    [Fact]
    public async Task The_API_proxy_refuses_requests_a_cross_site_page_could_send()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var plain = await http.GetAsync(new Uri(portal.Portal.Url + "/api/me"));
        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        Assert.Contains("FORBIDDEN", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var logout = new HttpRequestMessage(HttpMethod.Post, portal.Portal.Url + "/bff/logout");
        logout.Headers.Add("Origin", "https://evil.example");
        using var refused = await http.SendAsync(logout);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var who = await http.GetAsync(new Uri(portal.Portal.Url + "/bff/user"));
        Assert.Equal(HttpStatusCode.Unauthorized, who.StatusCode);
    }
}
