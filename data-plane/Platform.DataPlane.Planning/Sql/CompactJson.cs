namespace Platform.DataPlane.Planning.Sql;

/// <summary>
/// JSON text as JavaScript's <c>JSON.stringify</c> writes it (no spaces), built in SQL: PostgreSQL's own
/// <c>json_build_array(...)::text</c> puts a space after every comma, and PostGraphile v4's node ids and cursors are
/// base64 of the compact form, which apps store and compare byte for byte.
/// </summary>
internal static class CompactJson
{
    /// <summary>
    /// <c>[a,b,...]</c>; each item writes one SQL expression, which becomes its JSON value (null as <c>null</c>). A
    /// nested array is an item of type json (<c>(...)::json</c>), whose text <c>to_json</c> keeps as it is.
    /// </summary>
    public static SqlBuilder Array(SqlBuilder sql, int count, Action<int> item)
    {
        sql.Sql("('['");
        for (var i = 0; i < count; i++)
        {
            sql.Sql(i > 0 ? " || ',' || " : " || ").Sql("coalesce(to_json(");
            item(i);
            sql.Sql(")::text, 'null')");
        }

        return sql.Sql(" || ']')");
    }

    /// <summary>Base64 of the UTF-8 text, on one line as Node's <c>Buffer.toString('base64')</c> writes it.</summary>
    public static SqlBuilder Base64(SqlBuilder sql, Action text)
    {
        sql.Sql("translate(encode(convert_to(");
        text();
        return sql.Sql(", 'UTF8'), 'base64'), chr(10), '')");
    }

    /// <summary>
    /// A json/jsonb value as PostGraphile v4's JSON scalar gives it: <c>JSON.stringify</c> of the parsed value, so
    /// no whitespace outside strings, and JSON <c>null</c> as no value at all. The pattern keeps every string literal
    /// (its only capture) and drops the whitespace between tokens (matched without a capture, so replaced by nothing).
    /// </summary>
    public static SqlBuilder Text(SqlBuilder sql, Action text)
    {
        sql.Sql("nullif(regexp_replace((");
        text();
        return sql.Sql(@")::text, '(""(?:[^""\\]|\\.)*"")|\s+', '\1', 'g'), 'null')");
    }
}
