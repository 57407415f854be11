using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.DataPlane.Abstractions.Projects;
using Platform.DataPlane.Execution;
using Platform.DataPlane.Grains.Auth;
using Platform.DataPlane.Grains.Tenants;
using Platform.Errors.Postgres;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// A change to the project's record (secret, connection, roles, limits) reaches the active grain at once
/// (<see cref="ProjectChangeFeed"/>, decision 0051). Everything new is made and checked beside the old (host policy,
/// data sources, login check, schema), then swapped in one synchronous step: a request sees the old project or the
/// new one, never a mix, and requests in flight keep the data source they hold, which is closed only after they can
/// have finished.
/// </summary>
public sealed partial class ProjectGrain
{
    private IDisposable? changeSubscription;
    private Task? reconfiguring;
    private bool reconfigureAgain;

    private void SubscribeToChanges()
    {
        var self = this.AsReference<IProjectGrain>();
        changeSubscription = changes.Subscribe(this.GetPrimaryKey(), () => self.Reconfigure());
    }

    public async Task Reconfigure()
    {
        if (reconfiguring is not null)
        {
            // A change that lands during a swap is read again after it: the last record always wins.
            reconfigureAgain = true;
            await reconfiguring;
            return;
        }

        reconfiguring = ReconfigureUntilSettledAsync();
        try
        {
            await reconfiguring;
        }
        finally
        {
            reconfiguring = null;
        }
    }

    private async Task ReconfigureUntilSettledAsync()
    {
        do
        {
            reconfigureAgain = false;
            await ReconfigureOnceAsync();
        }
        while (reconfigureAgain);
    }

    private async Task ReconfigureOnceAsync()
    {
        var id = this.GetPrimaryKey();
        var next = await projects.GetAsync(id, CancellationToken.None);
        if (next is null)
        {
            // The project is gone: stop serving it as soon as no call is running.
            DeactivateOnIdle();
            return;
        }

        var nextHosts = await hostGuard.CheckAsync(next.ConnectionString, CancellationToken.None);
        var nextHostRefusal = nextHosts.Reason;
        var nextTenant = TenantDataSources.Create(next, nextHosts);
        var nextOptions = new GraphQLServiceOptions(next.Settings.ExposedSchemas, MaxResponseBytes: next.Settings.MaxResponseBytes,
            ExposedRoles: ExposedRoles.Of(next), Jwt: JwtMintingOf(next.Settings), SimpleCollections: next.Settings.Graphql?.SimpleCollections ?? "omit");
        var login = nextHostRefusal is null ? await CheckLoginOfAsync(nextTenant, next) : new LoginState(false, null, null);
        var nextSchema = new SchemaLifecycle(new TenantSchemaSource(schemaLoader, id, nextTenant, nextOptions), clock, log, projectTag, LoginAllowedAsync);
        if (nextHostRefusal is null && login.Checked && login.Refusal is null)
        {
            // Built before the swap, so requests never wait for the new schema; a failed build leaves it degraded, as at activation.
            await nextSchema.EnsureAsync(CancellationToken.None);
        }

        // The swap: no await from here to the end of the assignments.
        var previous = config;
        var retired = new List<NpgsqlDataSource> { tenant };

        if (realtime is not null)
        {
            // Open subscriptions keep the data source they listen on; only requests move to the new one.
            retired.Remove(tenant);
        }

        config = next;
        hosts = nextHosts;
        tenant = nextTenant;
        serviceOptions = nextOptions;
        identity = new RequestIdentity(next.Settings);
        schema = nextSchema;
        loginChecked = login.Checked;
        loginRefusal = login.Refusal;
        loginCheckError = login.Error;
        checkingLogin = null;
        if (watcher is null && hostRefusal is null && loginRefusal is null)
        {
            StartSchemaWatcher();
        }

        RetireLater(retired, previous.Settings);
        log.LogInformation("Project {ProjectId} took its changed settings; schema {State}", projectTag, Service is null ? "unavailable" : "ready");
    }

    private readonly record struct LoginState(bool Checked, string? Refusal, string? Error);

    private async Task<LoginState> CheckLoginOfAsync(NpgsqlDataSource source, ProjectConfiguration project)
    {
        if (Options.AllowPrivilegedTenantLogins)
        {
            return new LoginState(true, null, null);
        }

        try
        {
            var verdict = await Task.Run(async () =>
            {
                await using var connection = await source.OpenConnectionAsync();
                return await TenantLoginPolicy.CheckAsync(connection, project.Settings.OwnsDatabaseServer, CancellationToken.None);
            });
            if (verdict.Refused)
            {
                source.Clear();
                log.LogWarning("Project {ProjectId}: its database login is refused: {Reason}", projectTag, verdict.Refusal);
            }

            return new LoginState(true, verdict.Refusal, null);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // Not known yet: the first request checks again (LoginAllowedAsync) on the new data source.
            return new LoginState(false, null, TenantDatabaseErrors.Describe(e));
        }
    }

    /// <summary>
    /// Closes the replaced data sources once every request that took one before the swap has ended: a request waits at
    /// most the pool timeout for a connection and the statement timeout for its statements.
    /// </summary>
    private void RetireLater(List<NpgsqlDataSource> retired, ProjectSettings previous)
    {
        if (retired.Count == 0)
        {
            return;
        }

        var grace = TimeSpan.FromSeconds(previous.PoolTimeoutSeconds + previous.StatementTimeoutSeconds + 5);
        _ = Task.Run(async () =>
        {
            await Task.Delay(grace, clock);
            foreach (var source in retired)
            {
                await source.DisposeAsync();
            }
        });
    }
}
