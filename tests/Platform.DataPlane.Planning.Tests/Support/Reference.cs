using Npgsql;

namespace Platform.DataPlane.Planning.Tests.Support;

/// <summary>Direct SQL against the test database: the reference the GraphQL answers are compared with.</summary>
public static class Reference
{
    public static async Task<List<T>> ColumnAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetFieldValue<T>(0));
        }

        return result;
    }
}
