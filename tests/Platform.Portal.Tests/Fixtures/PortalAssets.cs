using System.Diagnostics;
using Platform.Testing.Hosting;

namespace Platform.Portal.Tests.Fixtures;

/// <summary>Builds the portal's front end once per test run (scripts/portal-assets.sh is a no-op when up to date).</summary>
public static class PortalAssets
{
    private static readonly Lazy<Task> Built = new(BuildAsync);

    public static string ClientApp => Path.Combine(RepositoryRoot.Path, "portal", "Platform.Portal", "ClientApp");

    public static Task EnsureBuiltAsync() => Built.Value;

    private static async Task BuildAsync()
    {
        var psi = new ProcessStartInfo("bash", Path.Combine(RepositoryRoot.Path, "scripts", "portal-assets.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/portal-assets.sh failed ({p.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }
}
