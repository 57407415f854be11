using Platform.DataPlane.Schema.Inflection;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Schema.Building;

public sealed partial class SchemaModelBuilder
{
    private void AddTables()
    {
        // Readable when some role may select the table or any of its columns (column grants), as PostGraphile v4 reads them.
        foreach (var pgClass in snapshot.Classes.Where(c => !c.IsCompositeType && (c.CanSelect || c.Columns.Any(a => a.CanSelect))))
        {
            var comment = SmartComment.Parse(pgClass.Comment);
            if (comment.Omits("read"))
            {
                continue;
            }

            var baseName = comment.Name ?? pgClass.Name;
            var singular = Inflector.SingularTableName(baseName);
            var typeName = Inflector.PascalCase(singular);
            var plural = Inflector.PascalCase(Inflector.Pluralize(singular));
            if (typeName.Length == 0)
            {
                continue;
            }

            var table = new TableModel(pgClass, typeName, plural)
            {
                Description = comment.Description,
                OmitAll = comment.Omits("all"),
                OmitMany = comment.Omits("many"),
                OmitCreate = comment.Omits("create"),
                OmitUpdate = comment.Omits("update"),
                OmitDelete = comment.Omits("delete"),
                SimpleCollections = comment.Tags.GetValueOrDefault("simpleCollections") ?? options.SimpleCollections,
            };
            foreach (var column in pgClass.Columns.Where(c => c.CanSelect))
            {
                var columnComment = SmartComment.Parse(column.Comment);
                if (columnComment.Omits("read"))
                {
                    continue;
                }

                var type = types.Map(column.TypeOid);
                if (type is null)
                {
                    continue;
                }

                var fieldName = Inflector.CamelCase(columnComment.Name ?? column.Name);
                table.Columns.Add(new ColumnModel(fieldName, column, type, column.NotNull, columnComment.Description, columnComment.Deprecated)
                {
                    OrderName = Inflector.ConstantCase(fieldName),
                    Orderable = !columnComment.Omits("order"),
                    Filterable = !columnComment.Omits("filter") && !(type.IsList && type.Element!.Kind == ScalarKind.Interval),
                    Creatable = !columnComment.Omits("create"),
                    Patchable = !columnComment.Omits("update"),
                });
            }

            if (table.Columns.Count == 0)
            {
                continue;
            }

            tablesByClass[pgClass.Oid] = table;
            tablesByRowType[pgClass.TypeOid] = table;
        }
    }
}
