using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Metadata.Projects;
using Platform.Testing.Hosting;

namespace Platform.Conformance.Tests.Harness;

/// <summary>
/// PostGraphile 4.14.1's CLI as a child process, with the options that correspond to a project's settings:
/// exposed schemas, anonymous role, JWT secret, token type and audience, simple collections, and RBAC respected as the platform does.
/// </summary>
public sealed class PostGraphileServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private PostGraphileServer(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    public string Output => string.Join('\n', output);

    public static async Task<PostGraphileServer> StartAsync(string connectionUrl, ProjectSettings settings)
    {
        await NodeTools.EnsureInstalledAsync();
        var port = FreePort.Next();
        var psi = new ProcessStartInfo("node") { WorkingDirectory = SuitePaths.PostGraphile, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in Arguments(connectionUrl, settings, port))
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start PostGraphile");
        var server = new PostGraphileServer(p, $"http://127.0.0.1:{port}/graphql");
        p.OutputDataReceived += (_, e) => server.Keep(e.Data);
        p.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        await server.WaitReadyAsync(port);
        return server;
    }

    public static IEnumerable<string> Arguments(string connectionUrl, ProjectSettings settings, int port)
    {
        yield return "node_modules/postgraphile/cli.js";

        // The platform always serves live queries and listen(topic:): v4's --live with @graphile/pg-pubsub's
        // simple subscriptions is the same schema (--plugins must come first).
        foreach (var a in new[] { "--plugins", "@graphile/pg-pubsub", "--subscriptions", "--simple-subscriptions", "--live", "-c", connectionUrl, "-s", string.Join(',', settings.ExposedSchemas), "-n", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-ignore-rbac", "--disable-query-log", "--disable-graphiql" })
        {
            yield return a;
        }

        if (settings.Graphql?.SimpleCollections is { } simpleCollections)
        {
            yield return "--simple-collections";
            yield return simpleCollections;
        }

        if (settings.AnonymousRole is { } anonymous)
        {
            yield return "-r";
            yield return anonymous;
        }

        if (settings.Jwt?.Secret is { } secret)
        {
            yield return "-e";
            yield return secret;
            yield return "-A";
            yield return settings.Jwt.Audience ?? "";
            if (settings.Jwt.TokenType is { } tokenType)
            {
                yield return "-t";
                yield return tokenType;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitReadyAsync(int port)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"PostGraphile exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var content = new StringContent("""{"query":"{__typename}"}""", System.Text.Encoding.UTF8, "application/json");
                using var r = await client.PostAsync(new Uri($"http://127.0.0.1:{port}/graphql"), content);
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

        throw new TimeoutException("PostGraphile did not answer within 60 s:\n" + Output);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }
}
