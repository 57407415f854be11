using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Testing.Hosting;

/// <summary>
/// One of the platform's hosts started as a real process (`dotnet artifacts/bin/NAME/debug/NAME.dll`), as run.sh
/// starts it. Its output is kept for the failure message; it is killed (whole tree) on dispose. As deployed, it gets a
/// management port (<see cref="ManagementUrl"/>) for health and metrics beside its API port (<see cref="Url"/>).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private static readonly string[] ManagementPaths = ["/healthz", "/readyz", "/metrics"];

    private HostProcess(string name, Process process, string url, string? managementUrl)
    {
        Name = name;
        this.process = process;
        Url = url;
        ManagementUrl = managementUrl ?? url;
    }

    public string Name { get; }

    /// <summary>The API.</summary>
    public string Url { get; }

    /// <summary>Health and metrics (<c>Platform:ManagementPort</c>); the same as <see cref="Url"/> for a bare host.</summary>
    public string ManagementUrl { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public string Output => string.Join('\n', output);

    public static string DllPath(string project)
    {
        var config = AppContext.BaseDirectory.Contains("/release/", StringComparison.OrdinalIgnoreCase) ? "release" : "debug";
        var path = Path.Combine(RepositoryRoot.Path, "artifacts", "bin", project, config, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first (./test.sh builds the solution).", path);
    }

    public static HostProcess Start(string project, int port, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(project, port, FreePort.Next(), environment, args);

    /// <summary>A host without a management port, as a bare <c>dotnet run</c> starts it: one port for everything it serves.</summary>
    public static HostProcess StartBare(string project, int port, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(project, port, null, environment, args);

    private static HostProcess Start(string project, int port, int? managementPort, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var url = $"http://127.0.0.1:{port}";
        var managementUrl = managementPort is { } m ? $"http://127.0.0.1:{m}" : null;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DllPath(project))!,
        };
        psi.ArgumentList.Add(DllPath(project));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(managementUrl is null ? url : $"{url};{managementUrl}");
        if (managementPort is not null)
        {
            psi.ArgumentList.Add($"--Platform:ManagementPort={managementPort}");
        }

        // The caller's arguments come last, so they win over these.
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + project);
        var host = new HostProcess(project, p, url, managementUrl);
        p.OutputDataReceived += (_, e) => host.Keep(e.Data);
        p.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// Waits until GET path answers 200 (health on the management port, anything else on the API's), failing with the
    /// host's output if it exits or the deadline passes.
    /// </summary>
    public async Task WaitUntilAsync(string path, TimeSpan timeout)
    {
        var baseUrl = ManagementPaths.Contains(path) ? ManagementUrl : Url;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var r = await client.GetAsync(new Uri(baseUrl + path));
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} did not answer {path} within {timeout}:\n{Output}");
    }

    public Task WaitReadyAsync() => WaitUntilAsync("/readyz", TimeSpan.FromSeconds(60));

    /// <summary>Kills the process at once, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 400 && output.TryDequeue(out _))
        {
        }
    }
}
