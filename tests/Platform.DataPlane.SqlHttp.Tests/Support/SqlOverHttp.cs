using System.Text;
using System.Text.Json;
using Npgsql;

namespace Platform.DataPlane.SqlHttp.Tests.Support;

/// <summary>Calls the executor the way the grain does: raw body bytes in, status and bytes out.</summary>
public static class SqlOverHttp
{
    public static async Task<SqlHttpResult> PostAsync(NpgsqlDataSource dataSource, string body, SqlHttpOptions? options = null, Neon.SqlHttpContext? context = null)
    {
        var response = await SqlHttpExecutor.ExecuteAsync(dataSource, Encoding.UTF8.GetBytes(body), options ?? new SqlHttpOptions(), context ?? Neon.SqlHttpContext.Default, CancellationToken.None);
        using var document = JsonDocument.Parse(response.Body);
        return new SqlHttpResult(response.StatusCode, document.RootElement.Clone(), response.RetryAfterSeconds);
    }

    /// <summary>Builds a <c>{"query", "params"}</c> body with the parameters JSON-encoded as given.</summary>
    public static Task<SqlHttpResult> QueryAsync(NpgsqlDataSource dataSource, string sql, params object?[] parameters) =>
        PostAsync(dataSource, JsonSerializer.Serialize(new { query = sql, @params = parameters }));

    public static NpgsqlDataSource CreateDataSource(string connectionString, Action<NpgsqlConnectionStringBuilder> configure)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        configure(builder);
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
