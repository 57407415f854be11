using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Testing.Hosting;

/// <summary>
/// One of the platform's hosts started as a real process (`dotnet artifacts/bin/NAME/debug/NAME.dll`), as run.sh
/// starts it. Its output is kept for the failure message; it is killed (whole tree) on dispose.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private HostProcess(string name, Process process, string url)
    {
        Name = name;
        this.process = process;
        Url = url;
    }

    public string Name { get; }

    public string Url { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    public string Output => string.Join('\n', output);

    public static string DllPath(string project)
    {
        var config = AppContext.BaseDirectory.Contains("/release/", StringComparison.OrdinalIgnoreCase) ? "release" : "debug";
        var path = Path.Combine(RepositoryRoot.Path, "artifacts", "bin", project, config, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first (./test.sh builds the solution).", path);
    }

    public static HostProcess Start(string project, int port, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DllPath(project))!,
        };
        psi.ArgumentList.Add(DllPath(project));
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(url);
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
        var host = new HostProcess(project, p, url);
        p.OutputDataReceived += (_, e) => host.Keep(e.Data);
        p.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until GET path answers 200, failing with the host's output if it exits or the deadline passes.</summary>
    public async Task WaitUntilAsync(string path, TimeSpan timeout)
    {
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
                using var r = await client.GetAsync(new Uri(Url + path));
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
