namespace Platform.DataPlane.Planning.Plans;

/// <summary>A value fixed by the document (a literal), sent in PostgreSQL text form; null sends SQL NULL.</summary>
public sealed record ConstantParameter(string? Text) : ParameterSource;
