using Npgsql;

namespace Platform.Errors.Postgres;

/// <summary>
/// A failure while getting a connection from a tenant's pool (<see cref="TenantConnections.OpenAsync"/>). The stage
/// is what tells an exhausted pool from a statement's timeout: Npgsql reports both as an
/// <see cref="NpgsqlException"/> around a <see cref="TimeoutException"/>. Still an NpgsqlException, so existing
/// <c>catch (NpgsqlException)</c> blocks keep working.
/// </summary>
public sealed class ConnectionOpenException : NpgsqlException
{
    public ConnectionOpenException()
    {
    }

    public ConnectionOpenException(string message)
        : base(message)
    {
    }

    public ConnectionOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectionOpenException(Exception innerException)
        : base("No connection to the tenant database could be had.", innerException)
    {
    }

    public override bool IsTransient => InnerException is NpgsqlException { IsTransient: true };
}
