using System.Text.Json;
using Microsoft.Playwright;
using Platform.Testing.Hosting;
using Xunit;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>
/// What every page visit checks: axe-core (from the portal's npm packages, injected into the page) finds no serious
/// or critical violation, and the page is photographed at desktop width and at 375 px into artifacts/portal-screenshots.
/// </summary>
public static class PageChecks
{
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(PortalAssets.ClientApp, "node_modules", "axe-core", "axe.min.js")));

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "artifacts", "portal-screenshots");

    public static async Task CheckAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertAccessibleAsync(page, name);
        await ScreenshotAsync(page, name);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var desktop = page.ViewportSize;
        var (width, height) = desktop is null ? (1280, 860) : (desktop.Width, desktop.Height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + "-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(375, 812);
        await page.WaitForTimeoutAsync(150);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + "-375.png"), FullPage = true });
        // Nothing may be wider than the phone's screen: a horizontal scrollbar hides content on phones.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        await page.SetViewportSizeAsync(width, height);
        Assert.True(overflow <= 1, $"{name}: the page is {overflow}px wider than a 375px screen");
    }

    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeSource.Value });
        }

        var json = await page.EvaluateAsync<JsonElement>(@"async () => {
            const r = await window.axe.run(document, { resultTypes: ['violations'] });
            return r.violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
        }");
        Assert.True(json.GetArrayLength() == 0, $"{name}: axe found serious violations: {json}");
    }
}
