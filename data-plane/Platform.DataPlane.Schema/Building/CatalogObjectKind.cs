namespace Platform.DataPlane.Schema.Building;

public enum CatalogObjectKind
{
    Class,
    Column,
    Constraint,
    Function,
    Type,
}
