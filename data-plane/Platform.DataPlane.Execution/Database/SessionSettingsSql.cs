using Npgsql;
using NpgsqlTypes;

namespace Platform.DataPlane.Execution.Database;

/// <summary>
/// The statement that applies a session: its role and claims as transaction-local settings
/// (<c>select set_config($1, $2, true), ...</c>), names and values always as parameters.
/// </summary>
public static class SessionSettingsSql
{
    public static (string Sql, IReadOnlyList<NpgsqlParameter> Parameters) Build(GraphQLSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var parameters = new List<NpgsqlParameter>();
        var parts = new List<string>();
        void Add(string name, string value)
        {
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = name });
            parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = value });
            parts.Add($"set_config(${parameters.Count - 1}, ${parameters.Count}, true)");
        }

        if (session.Role is { } role)
        {
            Add("role", role);
        }

        foreach (var (name, value) in session.Settings ?? new Dictionary<string, string>())
        {
            Add(name, value);
        }

        return ("select " + string.Join(", ", parts), parameters);
    }
}
