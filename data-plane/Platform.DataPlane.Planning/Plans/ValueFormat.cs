namespace Platform.DataPlane.Planning.Plans;

/// <summary>How a GraphQL input value becomes PostgreSQL text.</summary>
public enum ValueFormat
{
    /// <summary>Strings as they are; numbers and booleans in their literal spelling.</summary>
    Scalar,

    /// <summary>Any value serialised as JSON text (for json/jsonb columns and JSON arguments).</summary>
    Json,

    /// <summary>A list sent as a PostgreSQL array literal.</summary>
    Array,
}
