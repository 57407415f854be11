namespace Platform.DataPlane.Introspection.Model;

public sealed record PgSchema(long Oid, string Name, string? Comment);
