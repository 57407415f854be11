namespace Platform.DataPlane.Schema.Model;

/// <summary>
/// One attribute of a composite type. Always nullable in GraphQL: PostgreSQL cannot make an attribute NOT NULL.
/// <see cref="Name"/> is the PostgreSQL attribute, <see cref="FieldName"/> its GraphQL name and JSON key in inputs.
/// </summary>
public sealed record CompositeAttribute(string FieldName, string Name, ValueType Type, string? Description);
