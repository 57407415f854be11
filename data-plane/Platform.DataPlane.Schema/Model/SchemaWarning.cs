namespace Platform.DataPlane.Schema.Model;

/// <summary>
/// Something of the catalog the API leaves out or changes, for the project's owner to read: a stable
/// <paramref name="Code"/> (<c>LEFT_OUT</c>, <c>ENUM_VALUE_COLLISION</c>...) and a sentence naming the objects.
/// </summary>
public sealed record SchemaWarning(string Code, string Message);
