using System.Security.Cryptography;
using Npgsql;

namespace Platform.Testing.Postgres;

/// <summary>
/// A login role set up the way PostGraphile's documentation teaches: <c>LOGIN NOINHERIT</c>, holding no privilege of
/// its own, a member of the roles requests switch to. Connecting as it proves that every statement runs with the
/// request's role in force. Roles are cluster-wide, so the name carries the test database's.
/// </summary>
public sealed class Authenticator
{
    private Authenticator(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>A connection string to the test database as this role.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the role and grants it <paramref name="memberOf"/> (roles that already exist).</summary>
    public static async Task<Authenticator> CreateAsync(TestDatabase database, params string[] memberOf)
    {
        var name = "auth_" + database.Name;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var grants = string.Concat(memberOf.Select(r => $"grant \"{r}\" to \"{name}\";"));
        await database.ExecuteAsync($"""
            create role "{name}" login noinherit password '{password}';
            grant connect on database "{database.Name}" to "{name}";
            {grants}
            """);
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = name, Password = password };
        return new Authenticator(name, builder.ConnectionString);
    }

    /// <summary>Drops the role and what it was granted (call before the test database goes).</summary>
    public Task DropAsync(TestDatabase database) => database.ExecuteAsync($"drop owned by \"{Name}\"; drop role \"{Name}\"");
}
