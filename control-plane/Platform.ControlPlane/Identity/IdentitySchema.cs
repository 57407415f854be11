using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Platform.ControlPlane.Identity;

/// <summary>
/// Creates the identity schema's tables from the EF Core model when the schema has none (decision 0015). An advisory
/// lock keeps concurrent starts from racing; the platform schema's own SQL migrations never touch this schema.
/// </summary>
public static class IdentitySchema
{
    private const long LockKey = 0x6964656e74697479; // "identity"

    public static async Task EnsureAsync(IServiceProvider services, string connectionString, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using (var l = new NpgsqlCommand($"SELECT pg_advisory_lock({LockKey})", conn))
        {
            await l.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1)", conn);
            exists.Parameters.AddWithValue(IdentityDb.Schema);
            if ((bool)(await exists.ExecuteScalarAsync(ct))!)
            {
                return;
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            await using (var schema = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {IdentityDb.Schema}", conn))
            {
                await schema.ExecuteNonQueryAsync(ct);
            }

            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(ct);
        }
        finally
        {
            await using var u = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", conn);
            await u.ExecuteNonQueryAsync(ct);
        }
    }
}
