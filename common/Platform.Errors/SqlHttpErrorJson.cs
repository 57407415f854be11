namespace Platform.Errors;

/// <summary>
/// SQL over HTTP in Neon's shape: <c>{"code","message","severity","detail","hint","position",...}</c>. A PostgreSQL
/// error's code is its SQLSTATE (what Neon's driver puts on its error object); the platform's own failures carry the
/// platform code. Absent fields are left out rather than written as null.
/// </summary>
public static class SqlHttpErrorJson
{
    /// <param name="error">The failure.</param>
    /// <param name="statementIndex">In a batch, the index of the statement that failed.</param>
    public static RenderedError Render(PlatformError error, int? statementIndex = null)
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
                ErrorJson.Optional(json, "position", pg.Position);
                ErrorJson.Optional(json, "internalPosition", pg.InternalPosition);
                ErrorJson.Optional(json, "internalQuery", pg.InternalQuery);
                ErrorJson.Optional(json, "where", pg.Where);
                ErrorJson.Optional(json, "schema", pg.Schema);
                ErrorJson.Optional(json, "table", pg.Table);
                ErrorJson.Optional(json, "column", pg.Column);
                ErrorJson.Optional(json, "dataType", pg.DataType);
                ErrorJson.Optional(json, "constraint", pg.Constraint);
            }

            ErrorJson.Optional(json, "statementIndex", statementIndex);
            json.WriteEndObject();
        });
        return new RenderedError(error.Status, ErrorJson.JsonContentType, body, error.RetryAfterSeconds, error.Code);
    }
}
