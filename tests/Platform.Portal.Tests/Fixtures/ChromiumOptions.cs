using Microsoft.Playwright;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>Debian's Chromium as Playwright drives it here (shared/deps.md): no download, no sandbox, no GPU.</summary>
public static class ChromiumOptions
{
    public static BrowserTypeLaunchOptions Launch { get; } = new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    };
}
