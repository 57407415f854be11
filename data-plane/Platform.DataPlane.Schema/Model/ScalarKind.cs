namespace Platform.DataPlane.Schema.Model;

/// <summary>How a PostgreSQL value is typed in GraphQL and written as JSON.</summary>
public enum ScalarKind
{
    Int,
    BigInt,
    Float,
    BigFloat,
    String,
    Boolean,
    Uuid,
    Datetime,
    Date,
    Time,
    Json,
    Interval,
    Enum,
    List,

    /// <summary>A composite type (<c>CREATE TYPE x AS (...)</c>): an object type on output, an input type on input.</summary>
    Composite,
    /// <summary>A range (<c>int4range</c>, <c>tstzrange</c>...): v4's <c>IntRange</c>/<c>DatetimeRange</c> object of two bounds; <see cref="ValueType.Element"/> is the subtype.</summary>
    Range,

    /// <summary>The project's JWT composite type: read as its JSON object, signed into a token by the executor.</summary>
    JwtToken,
}
