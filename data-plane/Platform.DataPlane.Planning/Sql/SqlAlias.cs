namespace Platform.DataPlane.Planning.Sql;

/// <summary>A planner-generated alias (<c>__event_3</c>); never derived from request input beyond a table's own name.</summary>
public sealed record SqlAlias(string Name)
{
    public override string ToString() => Name;
}
