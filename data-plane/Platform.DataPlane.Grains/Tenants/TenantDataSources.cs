using Npgsql;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Tenants;

/// <summary>Builds the one data source a project gets, with its hard pool cap and timeouts.</summary>
public static class TenantDataSources
{
    public static NpgsqlDataSource Create(ProjectConfiguration project)
    {
        var b = new NpgsqlConnectionStringBuilder(project.ConnectionString)
        {
            MaxPoolSize = project.Settings.PoolSize,
            MinPoolSize = 0,
            Timeout = Math.Min(project.Settings.PoolTimeoutSeconds, 15),
            CommandTimeout = project.Settings.StatementTimeoutSeconds,
            // Operators find a project's connections in pg_stat_activity by this name.
            ApplicationName = "platform/project/" + project.Id.ToString("N"),
            ConnectionIdleLifetime = 60,
        };
        return NpgsqlDataSource.Create(b.ConnectionString);
    }
}
