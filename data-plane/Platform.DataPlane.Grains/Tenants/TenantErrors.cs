using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Platform.DataPlane.Abstractions.Projects;
using Platform.Metadata.Projects;

namespace Platform.DataPlane.Grains.Tenants;

/// <summary>
/// Turns driver failures that are the tenant database's trouble, not the query's, into the platform's stable answers,
/// so a raw Npgsql exception never reaches a client.
/// </summary>
public static class TenantErrors
{
    public static HttpResult ToHttpResult(NpgsqlException e, ProjectSettings settings)
    {
        if (e.InnerException is TimeoutException && e.Message.Contains("pool", StringComparison.OrdinalIgnoreCase))
        {
            return Error(503, "POOL_TIMEOUT", "All connections of the project's pool stayed busy past the wait limit.", settings.PoolTimeoutSeconds);
        }

        if (e.InnerException is TimeoutException)
        {
            return Error(504, "STATEMENT_TIMEOUT", "The statement ran past the project's statement timeout.", null);
        }

        if (e.InnerException is SocketException || e is PostgresException { SqlState: "57P01" or "57P03" or "08006" or "08001" })
        {
            return Error(503, "DATABASE_UNAVAILABLE", "The project's database is not reachable.", 2);
        }

        return Error(500, "DATABASE_ERROR", "The project's database failed the request.", null);
    }

    /// <summary>A one-line reason for logs and error messages that names no host, user or password.</summary>
    public static string Describe(Exception e) => e switch
    {
        PostgresException { SqlState: "28P01" or "28000" } => "authentication failed",
        PostgresException { SqlState: "3D000" } => "the database does not exist",
        PostgresException pg => "PostgreSQL error " + pg.SqlState,
        NpgsqlException { InnerException: SocketException } => "connection refused or host unreachable",
        NpgsqlException { InnerException: TimeoutException } => "timed out",
        _ when e.InnerException is PostgresException or NpgsqlException => Describe(e.InnerException!),
        OperationCanceledException => "cancelled",
        _ => e.GetType().Name,
    };

    /// <summary>The error code of a platform error body, for metrics; "HTTP_nnn" when the body carries none.</summary>
    public static string CodeOf(HttpResult result)
    {
        try
        {
            using var doc = JsonDocument.Parse(result.Body);
            var root = doc.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && errors[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code))
            {
                return code.GetString() ?? "UNKNOWN";
            }

            if (root.TryGetProperty("code", out var flat) && flat.ValueKind == JsonValueKind.String)
            {
                return flat.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return "HTTP_" + result.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static HttpResult Error(int status, string code, string message, int? retryAfter)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { errors = new[] { new { message, extensions = new { code } } } });
        return new HttpResult(status, "application/json; charset=utf-8", body, retryAfter);
    }
}
