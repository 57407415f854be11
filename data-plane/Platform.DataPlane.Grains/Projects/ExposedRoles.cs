using Npgsql;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Projects;

/// <summary>
/// The roles a project's requests may run as: the anonymous role (anon key), the owner role (service key), every role
/// an end-user JWT may name, and the connection's own role wherever one of the first two is not set. The schema shows
/// what any of them may use.
/// </summary>
public static class ExposedRoles
{
    /// <summary>Null (the introspecting connection's role alone) when the connection's user name is not in its string.</summary>
    public static IReadOnlyList<string>? Of(ProjectConfiguration project)
    {
        var s = project.Settings;
        var connectionRole = new NpgsqlConnectionStringBuilder(project.ConnectionString).Username;
        if ((s.AnonymousRole is null || s.OwnerRole is null) && string.IsNullOrEmpty(connectionRole))
        {
            return null;
        }

        return new[] { s.AnonymousRole ?? connectionRole!, s.OwnerRole ?? connectionRole! }
            .Concat(s.AllowedRoles)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
