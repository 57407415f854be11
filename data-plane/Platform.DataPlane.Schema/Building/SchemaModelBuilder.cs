using Platform.DataPlane.Introspection;
using Platform.DataPlane.Introspection.Model;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Building;

/// <summary>Builds the schema model from a snapshot, synchronously and without the database. Throws <see cref="SchemaBuildException"/>.</summary>
public sealed partial class SchemaModelBuilder
{
    private readonly CatalogSnapshot snapshot;
    private readonly TypeMapper types;
    private readonly Dictionary<long, TableModel> tablesByClass = [];
    private readonly Dictionary<long, TableModel> tablesByRowType = [];

    private SchemaModelBuilder(CatalogSnapshot snapshot, SchemaOptions options)
    {
        this.snapshot = snapshot;
        types = new TypeMapper(snapshot, options);
    }

    public static SchemaModel Build(CatalogSnapshot snapshot, SchemaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var builder = new SchemaModelBuilder(snapshot, options ?? SchemaOptions.Default);
        builder.AddTables();
        builder.AddConstraints();
        var functions = builder.AddFunctions();
        var mutationFunctions = builder.MutationFunctions();
        var tables = builder.tablesByClass.Values.OrderBy(t => t.TypeName, StringComparer.Ordinal).ToList();
        var model = new SchemaModel(tables, functions, builder.types.Enums, SnapshotSerializer.Fingerprint(snapshot), mutationFunctions, builder.types.Composites);
        NameCollisions.Check(model);
        return model;
    }
}
