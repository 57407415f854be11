using Platform.DataPlane.Introspection.Model;
using Platform.DataPlane.Schema.Inflection;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Building;

public sealed partial class SchemaModelBuilder
{
    private void AddConstraints()
    {
        foreach (var constraint in snapshot.Constraints.Where(c => c.Kind is "p" or "u"))
        {
            if (!tablesByClass.TryGetValue(constraint.ClassOid, out var table) || SmartComment.Parse(constraint.Comment).Omits("read"))
            {
                continue;
            }

            if (constraint.Kind == "p" && constraint.Oid < 0)
            {
                // A @primaryKey smart tag (negative oid) makes its columns non-null, as v4 reads them.
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    if (constraint.Keys.Contains(table.Columns[i].Column.Num))
                    {
                        table.Columns[i] = table.Columns[i] with { NonNull = true };
                    }
                }
            }

            var columns = Columns(table, constraint.Keys);
            if (columns is null)
            {
                continue;
            }

            if (constraint.Kind == "p")
            {
                table.PrimaryKey = columns;
            }

            table.Lookups.Add(new LookupModel(ByKeys(table.TypeName, columns), columns, constraint.Kind == "p") { ConstraintOid = constraint.Oid });
        }

        foreach (var constraint in snapshot.Constraints.Where(c => c.Kind == "f"))
        {
            AddForeignKey(constraint);
        }
    }

    private void AddForeignKey(PgConstraint constraint)
    {
        if (constraint.ForeignClassOid is not { } foreignOid || constraint.ForeignKeys is null
            || !tablesByClass.TryGetValue(constraint.ClassOid, out var source) || !tablesByClass.TryGetValue(foreignOid, out var target))
        {
            return;
        }

        var comment = SmartComment.Parse(constraint.Comment);
        var sourceColumns = Columns(source, constraint.Keys);
        var targetColumns = Columns(target, constraint.ForeignKeys);
        if (sourceColumns is null || targetColumns is null || comment.Omits("read"))
        {
            return;
        }

        var keyNames = sourceColumns.Select(c => c.FieldName).ToList();
        source.ForwardRelations.Add(new ForwardRelation(
            comment.Tags.TryGetValue("fieldName", out var forwardName) && forwardName.Length > 0 ? forwardName : ByKeys(target.TypeName, sourceColumns),
            target,
            sourceColumns,
            targetColumns,
            sourceColumns.All(c => c.NonNull)) { ConstraintOid = constraint.Oid });

        var unique = source.Lookups.Any(l => l.Columns.Select(c => c.Name).ToHashSet().SetEquals(sourceColumns.Select(c => c.Name)));
        if (!unique && (source.OmitMany || comment.Omits("many")))
        {
            return;
        }

        var backwardBase = unique ? source.TypeName : source.PluralName;
        var backwardName = comment.Tags.TryGetValue("foreignFieldName", out var foreignFieldName) && foreignFieldName.Length > 0
            ? foreignFieldName
            : Inflector.CamelCase(backwardBase) + "By" + string.Concat(keyNames.Select((k, i) => (i > 0 ? "And" : "") + Inflector.PascalCase(k)));
        target.BackwardRelations.Add(new BackwardRelation(backwardName, source, sourceColumns, targetColumns, unique)
        {
            ConstraintOid = constraint.Oid,
            // As v4: the constraint's own @simpleCollections first, then the referencing table's (or the project's).
            SimpleCollections = comment.Tags.GetValueOrDefault("simpleCollections") ?? source.SimpleCollections,
        });
    }

    private static List<ColumnModel>? Columns(TableModel table, IReadOnlyList<int> numbers)
    {
        var result = new List<ColumnModel>(numbers.Count);
        foreach (var n in numbers)
        {
            var column = table.Columns.FirstOrDefault(c => c.Column.Num == n);
            if (column is null)
            {
                // A key over an omitted or unreadable column cannot be expressed in GraphQL.
                return null;
            }

            result.Add(column);
        }

        return result;
    }

    private static string ByKeys(string typeName, IReadOnlyList<ColumnModel> columns) =>
        Inflector.CamelCase(typeName) + "By" + string.Concat(columns.Select((c, i) => (i > 0 ? "And" : "") + Inflector.PascalCase(c.FieldName)));
}
