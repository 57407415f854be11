using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>Writes the json object for one row of <paramref name="table"/> reachable as <paramref name="row"/>.</summary>
    private void RowObject(SqlBuilder sql, PlanContext context, TableModel table, SqlAlias row, CollectedField parent, int depth)
    {
        var fields = FieldCollector.Collect(context, parent.SelectionSets, t => t == table.TypeName || (t == "Node" && table.IsNode));
        JsonObject(sql, context, fields, f => RowField(sql, context, table, row, f, depth + 1));
    }

    private void RowField(SqlBuilder sql, PlanContext context, TableModel table, SqlAlias row, CollectedField field, int depth)
    {
        CheckDepth(context, field, depth);
        var name = field.Name;
        if (name == "__typename")
        {
            sql.NameLiteral(table.TypeName).Sql("::text");
            return;
        }

        if (name == "nodeId" && table.IsNode)
        {
            NodeIdExpression(sql, table, row);
            return;
        }

        var column = table.Columns.FirstOrDefault(c => c.FieldName == name);
        if (column is not null)
        {
            ColumnValue(sql, context, column.Type, s => s.Column(row, column.Name), field);
            return;
        }

        var computed = table.ComputedColumns.FirstOrDefault(c => c.FieldName == name);
        if (computed is not null)
        {
            FunctionField(sql, context, computed, row, field, depth);
            return;
        }

        var listed = table.ComputedColumns.FirstOrDefault(c => c.HasList && c.ListFieldName == name);
        if (listed is not null)
        {
            FunctionList(sql, context, listed, row, field, depth);
            return;
        }

        var forward = table.ForwardRelations.FirstOrDefault(r => r.FieldName == name);
        if (forward is not null)
        {
            SingleRelated(sql, context, forward.Target, forward.TargetColumns, forward.LocalColumns, row, field, depth);
            return;
        }

        var backwardList = table.BackwardRelations.FirstOrDefault(r => r.HasList && r.ListFieldName == name);
        var backward = backwardList ?? table.BackwardRelations.FirstOrDefault(r => r.HasConnection && r.FieldName == name);
        if (backward is not null)
        {
            if (backward.IsUnique)
            {
                SingleRelated(sql, context, backward.Source, backward.SourceColumns, backward.LocalColumns, row, field, depth);
                return;
            }

            var source = new RowSource(backward.Source, null, (s, alias) =>
            {
                for (var i = 0; i < backward.SourceColumns.Count; i++)
                {
                    s.Sql(i > 0 ? " and " : "").Column(alias, backward.SourceColumns[i].Name).Sql(" = ").Column(row, backward.LocalColumns[i].Name);
                }
            });
            if (backwardList is not null)
            {
                RowList(sql, context, source, field, depth);
            }
            else
            {
                Connection(sql, context, source, field, depth);
            }

            return;
        }

        throw UnknownField(context, field, table.TypeName);
    }

    /// <summary>A related row found by equal columns: <c>(select json from target t where t.k = row.fk)</c>.</summary>
    private void SingleRelated(SqlBuilder sql, PlanContext context, TableModel target, IReadOnlyList<ColumnModel> targetColumns, IReadOnlyList<ColumnModel> rowColumns, SqlAlias row, CollectedField field, int depth)
    {
        var alias = sql.NewAlias(target.Name);
        sql.Sql("(select ");
        RowObject(sql, context, target, alias, field, depth);
        sql.Sql(" from ").QualifiedName(target.Schema, target.Name).Sql(" as ").Sql(alias.Name).Sql(" where ");
        for (var i = 0; i < targetColumns.Count; i++)
        {
            sql.Sql(i > 0 ? " and " : "").Column(alias, targetColumns[i].Name).Sql(" = ").Column(row, rowColumns[i].Name);
        }

        sql.Sql(")");
    }
}
