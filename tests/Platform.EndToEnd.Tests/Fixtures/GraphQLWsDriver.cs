using System.Diagnostics;
using System.Text.Json;
using Platform.Testing.Hosting;
using Xunit;

namespace Platform.EndToEnd.Tests.Fixtures;

/// <summary>
/// The real graphql-ws client (and raw ws sockets) in a Node process, driven with JSON lines (Js/graphql-ws/driver.mjs).
/// Every event the process reports is kept, with the time it happened, for the test to wait on.
/// </summary>
public sealed class GraphQLWsDriver : IAsyncDisposable
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly Process process;
    private readonly List<JsonElement> events = [];
    private readonly SemaphoreSlim changed = new(0);
    private readonly List<string> errors = [];

    private GraphQLWsDriver(Process process)
    {
        this.process = process;
    }

    public static string Folder => Path.Combine(RepositoryRoot.Path, "tests", "Platform.EndToEnd.Tests", "Js", "graphql-ws");

    public static async Task<GraphQLWsDriver> StartAsync()
    {
        await EnsureInstalledAsync();
        var psi = new ProcessStartInfo("node", "driver.mjs")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var driver = new GraphQLWsDriver(Process.Start(psi)!);
        driver.process.OutputDataReceived += (_, e) => driver.Receive(e.Data);
        driver.process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (driver.errors)
                {
                    driver.errors.Add(e.Data);
                }
            }
        };
        driver.process.BeginOutputReadLine();
        driver.process.BeginErrorReadLine();
        await driver.WaitAsync(e => Is(e, "ready"), TimeSpan.FromSeconds(20), "the driver to start");
        return driver;
    }

    public static string WsUrl(string gatewayUrl, string pathAndQuery) => gatewayUrl.Replace("http://", "ws://", StringComparison.Ordinal) + pathAndQuery;

    public void Send(object command)
    {
        lock (process)
        {
            process.StandardInput.WriteLine(JsonSerializer.Serialize(command));
            process.StandardInput.Flush();
        }
    }

    public IReadOnlyList<JsonElement> Events(Func<JsonElement, bool> match)
    {
        lock (events)
        {
            return events.Where(match).ToList();
        }
    }

    public async Task<JsonElement> WaitAsync(Func<JsonElement, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (events)
            {
                foreach (var e in events)
                {
                    if (match(e))
                    {
                        return e;
                    }
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                string seen;
                lock (events)
                {
                    seen = string.Join('\n', events.TakeLast(30).Select(e => e.GetRawText()));
                }

                string stderr;
                lock (errors)
                {
                    stderr = string.Join('\n', errors.TakeLast(10));
                }

                Assert.Fail($"Timed out after {timeout} waiting for {what}. Last events:\n{seen}\nstderr:\n{stderr}");
            }

            await changed.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public static bool Is(JsonElement e, string name) => e.GetProperty("event").GetString() == name;

    public static bool Is(JsonElement e, string name, string property, string value) =>
        Is(e, name) && e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == value;

    private void Receive(string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }

        JsonElement e;
        try
        {
            e = JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            lock (errors)
            {
                errors.Add(line);
            }

            return;
        }

        lock (events)
        {
            events.Add(e);
        }

        changed.Release();
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Folder, "node_modules", "graphql-ws", "package.json")))
            {
                return;
            }

            var psi = new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, "npm ci failed: " + await stderr);
        }
        finally
        {
            Install.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        changed.Dispose();
    }
}
