namespace Platform.DataPlane.SqlHttp.Results;

/// <summary>How a column's PostgreSQL text output becomes JSON.</summary>
internal enum ValueKind
{
    /// <summary>PostgreSQL text output as a JSON string: dates, times, uuid, enums, ranges, composites and anything unknown.</summary>
    Text,

    /// <summary>int2, int4, oid: always exact in a JSON number.</summary>
    Integer,

    /// <summary>float4, float8: a JSON number, except NaN and ±Infinity, which JSON cannot spell and stay strings.</summary>
    Float,

    /// <summary>int8, numeric: strings, because JSON readers commonly parse numbers as doubles and would lose digits.</summary>
    ExactNumber,

    /// <summary>bool: true or false.</summary>
    Boolean,

    /// <summary>json, jsonb: embedded as JSON, not as a string holding JSON.</summary>
    Json,

    /// <summary>bytea: base64.</summary>
    Bytes,

    /// <summary>Any array: a JSON array (nested for more dimensions) of the element's mapping.</summary>
    Array,
}
