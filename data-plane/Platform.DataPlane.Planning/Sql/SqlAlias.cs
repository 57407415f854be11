namespace Platform.DataPlane.Planning.Sql;

/// <summary>
/// A planner-generated alias (<c>__event_3</c>); never derived from request input beyond a table's own name.
/// <paramref name="WholeRowName"/> is how the row is spelled as one value when that differs from the alias
/// (a connection's page carries columns by name and the whole row, only when needed, as <c>__p_1.__r</c>).
/// </summary>
public sealed record SqlAlias(string Name, string? WholeRowName = null)
{
    public override string ToString() => Name;
}
