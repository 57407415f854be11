using Platform.DataPlane.Introspection.Model;
using Platform.DataPlane.Schema.Inflection;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Schema.Building;

internal sealed partial class TypeMapper
{
    private readonly Dictionary<string, CompositeModel> composites = new(StringComparer.Ordinal);

    public IReadOnlyList<CompositeModel> Composites => composites.Values.ToList();

    /// <summary>
    /// A composite type as an object type named like a table (<c>addresses</c> → <c>Address</c>), as PostGraphile v4 does.
    /// Row types of tables and views, and composites outside the exposed schemas, stay JSON: their class is not a
    /// stand-alone composite here. PostgreSQL forbids a composite that contains itself, so the recursion ends.
    /// </summary>
    private ValueType CompositeOf(PgType t)
    {
        if (t.ClassOid is not { } classOid || !compositeClasses.TryGetValue(classOid, out var pgClass))
        {
            return new ValueType(ScalarKind.Json, "JSON", t.SqlName);
        }

        var comment = SmartComment.Parse(t.Comment ?? pgClass.Comment);
        var singular = Inflector.SingularTableName(comment.Name ?? t.Name);
        var name = Inflector.PascalCase(singular);
        var plural = Inflector.PascalCase(Inflector.Pluralize(singular));
        if (composites.TryGetValue(name, out var existing))
        {
            if (existing.SqlType != t.SqlName)
            {
                throw new SchemaBuildException($"Composite types {existing.SqlType} and {t.SqlName} both become the GraphQL type {name}; rename one with a @name smart comment.");
            }

            return new ValueType(ScalarKind.Composite, name, t.SqlName, Composite: existing);
        }

        var attributes = new List<CompositeAttribute>();
        foreach (var column in pgClass.Columns)
        {
            var columnComment = SmartComment.Parse(column.Comment);
            if (columnComment.Omits("read") || Map(column.TypeOid) is not { } type)
            {
                continue;
            }

            attributes.Add(new CompositeAttribute(Inflector.CamelCase(columnComment.Name ?? column.Name), column.Name, type, columnComment.Description));
        }

        var duplicate = attributes.GroupBy(a => a.FieldName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new SchemaBuildException($"Composite type {t.SqlName} has attributes that all become the field {duplicate.Key}; rename one with a @name smart comment.");
        }

        if (attributes.Count == 0 || name.Length == 0)
        {
            // GraphQL forbids an object type without fields; such a value still reads as JSON.
            return new ValueType(ScalarKind.Json, "JSON", t.SqlName);
        }

        var model = new CompositeModel(name, plural, t.SqlName, attributes, pgClass.Columns.Select(c => c.Name).ToList(), comment.Description) { TypeOid = t.Oid };
        composites[name] = model;
        return new ValueType(ScalarKind.Composite, name, t.SqlName, Composite: model);
    }
}
