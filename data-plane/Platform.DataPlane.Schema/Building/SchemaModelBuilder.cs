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
    private readonly List<CompositeModel> records = [];
    private readonly SchemaOptions options;

    private SchemaModelBuilder(CatalogSnapshot snapshot, SchemaOptions options)
    {
        this.snapshot = snapshot;
        this.options = options;
        types = new TypeMapper(snapshot, options);
    }

    /// <summary>
    /// Builds the model; an object that cannot be mapped (for instance one whose name another already took) is left
    /// out with a warning and the rest is built again without it, so one object never takes the whole API down.
    /// </summary>
    public static SchemaModel Build(CatalogSnapshot snapshot, SchemaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var fingerprint = SnapshotSerializer.Fingerprint(snapshot);
        var leftOut = new List<SchemaWarning>();
        var current = SmartConstraints.Apply(snapshot, leftOut);
        while (true)
        {
            try
            {
                return BuildOnce(current, options ?? SchemaOptions.Default, fingerprint, leftOut);
            }
            catch (SchemaBuildException e) when (e.LeaveOut is { } culprit && leftOut.Count < MaxLeftOut)
            {
                var next = culprit.RemoveFrom(current);
                if (SnapshotSerializer.Fingerprint(next) == SnapshotSerializer.Fingerprint(current))
                {
                    throw;
                }

                current = next;

                leftOut.Add(new SchemaWarning("LEFT_OUT", e.Message));
            }
        }
    }

    /// <summary>Past this many objects left out, the build fails with the last reason instead of looping on.</summary>
    private const int MaxLeftOut = 500;

    private static SchemaModel BuildOnce(CatalogSnapshot snapshot, SchemaOptions options, string fingerprint, IReadOnlyList<SchemaWarning> leftOut)
    {
        var builder = new SchemaModelBuilder(snapshot, options);
        builder.AddTables();
        builder.AddConstraints();
        var functions = builder.AddFunctions();
        var mutationFunctions = builder.MutationFunctions();
        // v4's order: by schema (its oid, so creation order), then table name bytewise; fields and types follow it.
        var schemaOids = snapshot.Schemas.ToDictionary(s => s.Name, s => s.Oid, StringComparer.Ordinal);
        var tables = builder.tablesByClass.Values
            .OrderBy(t => schemaOids.GetValueOrDefault(t.Schema))
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var model = new SchemaModel(tables, functions, builder.types.Enums, fingerprint, mutationFunctions, builder.types.Composites)
        {
            Warnings = [.. leftOut, .. builder.types.Warnings],
            Records = builder.records,
        };
        NameCollisions.Check(model);
        return model;
    }
}
