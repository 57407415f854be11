namespace Platform.Errors;

/// <summary>
/// SQL over HTTP in Neon's shape: <c>{"code","message","severity","detail","hint","position",...}</c>. A PostgreSQL
/// error's code is its SQLSTATE (what Neon's driver puts on its error object); the platform's own failures carry the
/// platform code. Absent fields are left out rather than written as null. For a request in Neon's protocol (its
/// driver copies these onto node-postgres's DatabaseError), positions are strings as node-postgres has them, and
/// <c>file</c>, <c>line</c> and <c>routine</c> come too.
/// </summary>
public static class SqlHttpErrorJson
{
    /// <param name="error">The failure.</param>
    /// <param name="statementIndex">In a batch, the index of the statement that failed.</param>
    /// <param name="neonShape">Positions as strings, plus file, line and routine (node-postgres's DatabaseError).</param>
    public static RenderedError Render(PlatformError error, int? statementIndex = null, bool neonShape = false)
    {
        ArgumentNullException.ThrowIfNull(error);
        var pg = error.Postgres;
        var body = ErrorJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("code", pg?.SqlState ?? error.Code);
            json.WriteString("message", error.Message);
            if (pg is not null)
            {
                ErrorJson.Optional(json, "severity", pg.Severity);
                ErrorJson.Optional(json, "detail", pg.Detail);
                ErrorJson.Optional(json, "hint", pg.Hint);
                Position(json, "position", pg.Position, neonShape);
                Position(json, "internalPosition", pg.InternalPosition, neonShape);
                ErrorJson.Optional(json, "internalQuery", pg.InternalQuery);
                ErrorJson.Optional(json, "where", pg.Where);
                ErrorJson.Optional(json, "schema", pg.Schema);
                ErrorJson.Optional(json, "table", pg.Table);
                ErrorJson.Optional(json, "column", pg.Column);
                ErrorJson.Optional(json, "dataType", pg.DataType);
                ErrorJson.Optional(json, "constraint", pg.Constraint);
                if (neonShape)
                {
                    ErrorJson.Optional(json, "file", pg.File);
                    ErrorJson.Optional(json, "line", pg.Line);
                    ErrorJson.Optional(json, "routine", pg.Routine);
                }
            }

            ErrorJson.Optional(json, "statementIndex", statementIndex);
            json.WriteEndObject();
        });
        return new RenderedError(error.Status, ErrorJson.JsonContentType, body, error.RetryAfterSeconds, error.Code);
    }

    private static void Position(System.Text.Json.Utf8JsonWriter json, string name, int? position, bool asText)
    {
        if (asText)
        {
            ErrorJson.Optional(json, name, position?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            ErrorJson.Optional(json, name, position);
        }
    }
}
