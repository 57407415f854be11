namespace Platform.DataPlane.Schema.Building;

/// <summary>
/// The catalog cannot be turned into a valid GraphQL schema (for instance two objects inflect to one name).
/// <see cref="LeaveOut"/>, when set, is the object whose removal resolves this cause.
/// </summary>
public sealed class SchemaBuildException : Exception
{
    public SchemaBuildException()
    {
    }

    public SchemaBuildException(string message)
        : base(message)
    {
    }

    public SchemaBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SchemaBuildException(string message, CatalogObject leaveOut)
        : base(message)
    {
        LeaveOut = leaveOut;
    }

    public CatalogObject? LeaveOut { get; }
}
