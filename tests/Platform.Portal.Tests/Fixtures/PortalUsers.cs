using Microsoft.Playwright;
using Xunit;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>Signs people up and in the way a person does: the portal's forms, then the control plane's sign-in page.</summary>
public static class PortalUsers
{
    public const string Password = "correct horse 42";

    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid().ToString("N")[..8]}@example.com";

    /// <summary>Signs up on the portal, then signs in; ends on <paramref name="returnPath"/>.</summary>
    public static async Task SignUpAsync(IPage page, string email, Func<string, Task>? check = null)
    {
        await page.GotoAsync("/signup");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" }).WaitForAsync();
        // Development: the confirmation mail sits in the outbox and the portal shows its link.
        await page.GetByTestId("outbox-link").WaitForAsync();
        if (check is not null)
        {
            await check("signup-done");
        }
    }

    /// <summary>From any portal page: the control plane's sign-in form, then back to the portal.</summary>
    public static async Task SignInAsync(IPage page, string email, string returnPath = "/projects")
    {
        await page.GotoAsync("/bff/login?returnUrl=" + Uri.EscapeDataString(returnPath));
        await FillControlPlaneLoginAsync(page, email);
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == returnPath.Split('?')[0]);
    }

    public static async Task FillControlPlaneLoginAsync(IPage page, string email)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Locator("form [type=submit]").First.ClickAsync();
    }

    /// <summary>Follows the Development outbox link shown on the current page.</summary>
    public static async Task FollowOutboxLinkAsync(IPage page)
    {
        var link = page.GetByTestId("outbox-link");
        await link.WaitForAsync();
        var href = await link.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href));
        await page.GotoAsync(href!);
    }
}
