using System.Text.Json;
using Platform.DataPlane.SqlHttp.Sql;

namespace Platform.DataPlane.SqlHttp.Requests;

/// <summary>
/// Reads <c>{"query", "params", "arrayMode"}</c> or <c>{"queries": [...]}</c> and checks everything that can be checked
/// before a connection is taken from the pool. Unknown properties are ignored, as JSON APIs usually do.
/// </summary>
internal static class RequestParser
{
    // PostgreSQL's wire protocol counts parameters in 16 bits.
    private const int MaxParameters = ushort.MaxValue;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <param name="defaultArrayMode">Rows as arrays unless the body says otherwise (Neon-Array-Mode).</param>
    /// <param name="endUser">Statements run under an end-user token: refuse those that could change its role or claims.</param>
    public static SqlHttpRequest Parse(ReadOnlyMemory<byte> body, SqlHttpOptions options, bool defaultArrayMode = false, bool endUser = false)
    {
        using var document = ParseJson(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("The body must be a JSON object with \"query\" or \"queries\".");
        }

        var hasQuery = root.TryGetProperty("query", out _);
        var hasQueries = root.TryGetProperty("queries", out var queries);
        if (hasQuery == hasQueries)
        {
            throw new BadRequestException("The body must hold exactly one of \"query\" and \"queries\".");
        }

        if (hasQuery)
        {
            return new SqlHttpRequest([ReadStatement(root, ArrayMode(root, null, defaultArrayMode), null, endUser)], IsBatch: false);
        }

        if (queries.ValueKind != JsonValueKind.Array)
        {
            throw new BadRequestException("\"queries\" must be an array of {\"query\", \"params\"} objects.");
        }

        var count = queries.GetArrayLength();
        if (count > options.MaxStatements)
        {
            throw new BadRequestException($"\"queries\" holds {count} statements; at most {options.MaxStatements} are allowed.");
        }

        var batchArrayMode = ArrayMode(root, null, defaultArrayMode);
        var statements = new List<StatementRequest>(count);
        foreach (var item in queries.EnumerateArray())
        {
            var index = statements.Count;
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException("Each entry of \"queries\" must be a {\"query\", \"params\"} object.", index);
            }

            statements.Add(ReadStatement(item, ArrayMode(item, index, batchArrayMode), index, endUser));
        }

        return new SqlHttpRequest(statements, IsBatch: true);
    }

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> body)
    {
        // A UTF-8 byte order mark is legal in a body but not in JSON text.
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        try
        {
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new BadRequestException("The body is not valid JSON: " + e.Message, e);
        }
    }

    private static StatementRequest ReadStatement(JsonElement statement, bool arrayMode, int? index, bool endUser)
    {
        if (!statement.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException("\"query\" must be a string holding one SQL statement.", index);
        }

        var text = query.GetString()!;
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new BadRequestException("\"query\" must not contain NUL characters.", index);
        }

        var scan = SqlScanner.Scan(text);
        if (StatementGuard.Refusal(scan) is { } refusal)
        {
            throw new BadRequestException(refusal, index);
        }

        if (endUser && EndUserGuard.Refusal(scan) is { } endUserRefusal)
        {
            throw new BadRequestException(endUserRefusal, index);
        }

        return new StatementRequest(text, ReadParameters(statement, index), arrayMode, scan);
    }

    private static string?[] ReadParameters(JsonElement statement, int? index)
    {
        if (!statement.TryGetProperty("params", out var parameters) || parameters.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (parameters.ValueKind != JsonValueKind.Array)
        {
            throw new BadRequestException("\"params\" must be an array; its values are bound to $1, $2, ...", index);
        }

        var count = parameters.GetArrayLength();
        if (count > MaxParameters)
        {
            throw new BadRequestException($"\"params\" holds {count} values; PostgreSQL takes at most {MaxParameters}.", index);
        }

        var values = new string?[count];
        var i = 0;
        foreach (var value in parameters.EnumerateArray())
        {
            values[i++] = ParameterText.From(value);
        }

        return values;
    }

    private static bool ArrayMode(JsonElement owner, int? index, bool fallback)
    {
        if (!owner.TryGetProperty("arrayMode", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new BadRequestException("\"arrayMode\" must be true or false.", index),
        };
    }
}
