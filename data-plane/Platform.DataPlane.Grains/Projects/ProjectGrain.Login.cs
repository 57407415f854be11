using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Errors;
using Platform.Errors.Postgres;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// The tenant login is checked (<see cref="TenantLoginPolicy"/>) on the first connection the grain opens, before any
/// request, introspection or watcher uses the database: a refused login gets nothing run as it, ever. A database that
/// is down at activation leaves the check pending; every later use of the data source waits for it first.
/// </summary>
public sealed partial class ProjectGrain
{
    /// <summary>Why the tenant login is refused; null when it is not (or not yet known).</summary>
    private string? loginRefusal;

    private bool loginChecked;

    private Task? checkingLogin;

    /// <summary>Why the login could not be checked yet (the database is away); null once it was.</summary>
    private string? loginCheckError;

    /// <summary>True when the login was checked and allowed; false when it is refused or could not be checked yet.</summary>
    private async Task<bool> LoginAllowedAsync(CancellationToken ct)
    {
        if (hostRefusal is not null)
        {
            return false;
        }

        if (!loginChecked)
        {
            checkingLogin ??= CheckLoginAsync(ct);
            try
            {
                await checkingLogin;
            }
            finally
            {
                checkingLogin = null;
            }
        }

        return loginChecked && loginRefusal is null;
    }

    private async Task CheckLoginAsync(CancellationToken ct)
    {
        if (Options.AllowPrivilegedTenantLogins)
        {
            loginChecked = true;
            return;
        }

        var source = tenant;
        var owns = config.Settings.OwnsDatabaseServer;
        try
        {
            var verdict = await Task.Run(async () =>
            {
                await using var connection = await source.OpenConnectionAsync(ct);
                return await TenantLoginPolicy.CheckAsync(connection, owns, ct);
            }, ct);
            loginRefusal = verdict.Refusal;
            loginChecked = true;
            loginCheckError = null;
            if (verdict.Refused)
            {
                // Nothing of the refused login stays open.
                source.Clear();
                log.LogWarning("Project {ProjectId}: its database login is refused: {Reason}", projectTag, verdict.Refusal);
            }
            else if (verdict.Warning is { } warning)
            {
                log.LogWarning("Project {ProjectId}: {Warning}", projectTag, warning);
            }
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            loginCheckError = TenantDatabaseErrors.Describe(e);
        }
    }

    /// <summary>The answer for every request while the login is refused or not yet checked.</summary>
    private PlatformError LoginBlocked() => loginRefusal is { } reason
        ? new PlatformError(ErrorCodes.DatabaseLoginRefused, reason)
        : new PlatformError(ErrorCodes.DatabaseUnavailable,
            "The project's database is not reachable" + (loginCheckError is { } e ? ": " + e : "."), 2);
}
