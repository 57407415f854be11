using System.Diagnostics;

namespace Platform.Conformance.Tests.Harness;

/// <summary>The npm helper folder: installed once per run with <c>npm ci</c> from the committed lock file.</summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(SuitePaths.PostGraphile, "node_modules", "postgraphile", "package.json")))
            {
                await RunAsync("npm", ["ci", "--no-audit", "--no-fund"]);
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    public static async Task<string> IntrospectionQueryAsync() => await RunAsync("node", ["sdl.mjs", "query"]);

    /// <summary>graphql-js's printSchema over an introspection answer (the whole JSON response body).</summary>
    public static async Task<string> PrintSdlAsync(string answer)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, answer);
            return await RunAsync("node", ["sdl.mjs", "print", file]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAsync(string program, string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = SuitePaths.PostGraphile, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + program);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {p.ExitCode}: {await stderr}");
        }

        return await stdout;
    }
}
