using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Grains.Telemetry;
using Platform.Errors.Postgres;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// A project's live schema: the current GraphQL service, rebuilt when the catalog version moves (polled by the grain's
/// timer) or on demand, one build at a time, off the caller's thread. Requests keep the old service until the new one is
/// assigned, so none fails during a rebuild. A failed build keeps what was there and backs off (1 s doubling to 16 s),
/// so a project whose database is down answers at once and never retries in a tight loop.
/// Not thread-safe: a grain calls it from its turns only, which is also where every assignment lands.
/// </summary>
/// <param name="source">Where the schema comes from.</param>
/// <param name="clock">The backoff's clock.</param>
/// <param name="log">Build failures and rebuilds.</param>
/// <param name="projectTag">The project, for logs and metrics.</param>
/// <param name="mayConnect">Asked before each build: false (the tenant login is refused or not yet checked) skips it, with no backoff.</param>
public sealed class SchemaLifecycle(ISchemaSource source, TimeProvider clock, ILogger log, string projectTag, Func<CancellationToken, Task<bool>>? mayConnect = null)
{
    private string? catalogVersion;
    private int failures;
    private DateTimeOffset nextAttempt;
    private Task? building;

    /// <summary>The service requests use; null until a build succeeded.</summary>
    public GraphQLService? Service { get; private set; }

    /// <summary>Whether the service came from the stored snapshot rather than a fresh introspection.</summary>
    public bool Restored { get; private set; }

    /// <summary>Why the last build failed (no host, user or password in it); null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Whether the last build failed because the catalog gives no schema (the owner's to fix, not an outage): then
    /// <see cref="LastError"/> names schema objects only.
    /// </summary>
    public bool LastBuildFailedOnCatalog { get; private set; }

    /// <summary>Failed builds in a row.</summary>
    public int Failures => failures;

    /// <summary>The current service, building it first if there is none and the backoff has passed.</summary>
    public async Task<GraphQLService?> EnsureAsync(CancellationToken ct)
    {
        if (Service is null && clock.GetUtcNow() >= nextAttempt)
        {
            await BuildAsync(ct);
        }

        return Service;
    }

    /// <summary>
    /// One poll: rebuilds when the catalog version moved (or <paramref name="force"/>); without a service, retries the
    /// build once the backoff has passed. An unreachable database keeps the service there is.
    /// </summary>
    public async Task RefreshAsync(bool force, CancellationToken ct)
    {
        if (Service is null)
        {
            await EnsureAsync(ct);
            return;
        }

        string version;
        try
        {
            version = await source.ReadVersionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The database is away; keep serving the schema we have and look again on the next tick.
            return;
        }

        if (force || version != catalogVersion)
        {
            await BuildAsync(ct);
        }
    }

    /// <summary>Whole seconds until the next build attempt, at least 1: the Retry-After of a degraded project.</summary>
    public int RetryAfterSeconds() => Math.Max(1, (int)Math.Ceiling((nextAttempt - clock.GetUtcNow()).TotalSeconds));

    /// <summary>The wait after <paramref name="failures"/> failed builds in a row.</summary>
    public static TimeSpan BackoffAfter(int failures) => TimeSpan.FromSeconds(Math.Pow(2, Math.Clamp(failures, 1, 5)) / 2);

    /// <summary>Single flight: a caller arriving during a build waits for that build instead of starting another.</summary>
    private async Task BuildAsync(CancellationToken ct)
    {
        if (mayConnect is not null && !await mayConnect(ct))
        {
            return;
        }

        building ??= BuildOnceAsync(ct);
        try
        {
            await building;
        }
        finally
        {
            building = null;
        }
    }

    private async Task BuildOnceAsync(CancellationToken ct)
    {
        var rebuilding = Service is not null;
        try
        {
            // Introspection and the schema build are CPU and I/O heavy: the thread pool runs them, the caller assigns.
            var loaded = await Task.Run(() => source.LoadAsync(rebuilding, ct), ct);
            var changed = Service is not null && Service.Fingerprint != loaded.Service.Fingerprint;
            Service = loaded.Service;
            catalogVersion = loaded.CatalogVersion;
            Restored = loaded.Restored;
            LastError = null;
            LastBuildFailedOnCatalog = false;
            failures = 0;
            if (changed)
            {
                ProjectMetrics.Rebuilt(projectTag);
                log.LogInformation("Project {ProjectId} schema rebuilt: {Fingerprint}", projectTag, loaded.Service.Fingerprint);
            }
        }
        catch (Exception e) when (e is NpgsqlException or GraphQLServiceBuildException or OperationCanceledException or TimeoutException
            or InvalidOperationException or JsonException)
        {
            failures++;
            var backoff = BackoffAfter(failures);
            nextAttempt = clock.GetUtcNow() + backoff;
            LastBuildFailedOnCatalog = e is GraphQLServiceBuildException { FromCatalog: true };
            LastError = LastBuildFailedOnCatalog ? e.Message : TenantDatabaseErrors.Describe(e);
            log.LogWarning("Project {ProjectId} schema build failed ({Failures} in a row, next try in {Backoff}): {Error}",
                projectTag, failures, backoff, LastError);
        }
    }
}
