using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// A composite value as the JSON object its selection set asks for:
    /// <c>(select case when x.v is not distinct from null then null else json_build_object('street', (x.v)."street", ...) end from (select expr) as x(v))</c>.
    /// The one-row subquery evaluates the expression once however many attributes are read (it may be a function call).
    /// <c>is not distinct from null</c> is true only for a null composite, not for one whose attributes are all null
    /// (which <c>is null</c> would also match).
    /// </summary>
    private static void CompositeObject(SqlBuilder sql, PlanContext context, CompositeModel composite, Action<SqlBuilder> expression, CollectedField field)
    {
        var x = sql.NewAlias("c");
        void Value(SqlBuilder s) => s.Sql(x.Name).Sql(".v");
        sql.Sql("(select case when ");
        Value(sql);
        sql.Sql(" is not distinct from null then null else ");
        CompositeFields(sql, context, composite, Value, field);
        sql.Sql(" end from (select ");
        expression(sql);
        sql.Sql(") as ").Sql(x.Name).Sql("(v))");
    }

    /// <summary>The <c>json_build_object('street', (value)."street", ...)</c> of a composite value, as the selection asks.</summary>
    private static void CompositeFields(SqlBuilder sql, PlanContext context, CompositeModel composite, Action<SqlBuilder> value, CollectedField field)
    {
        var parts = FieldCollector.Collect(context, field.SelectionSets, t => t == composite.GraphQLName);
        JsonObject(sql, context, parts, part =>
        {
            if (part.Name == "__typename")
            {
                sql.NameLiteral(composite.GraphQLName).Sql("::text");
                return;
            }

            var attribute = composite.Attribute(part.Name) ?? throw UnknownField(context, part, composite.GraphQLName);
            ColumnValue(sql, context, attribute.Type, s =>
            {
                s.Sql("(");
                value(s);
                s.Sql(").").Identifier(attribute.Name);
            }, part);
        });
    }

    /// <summary>An array of composites as a JSON array in the array's order; a null array stays null, an empty one is [], a null element null.</summary>
    private static void CompositeList(SqlBuilder sql, PlanContext context, ValueType element, Action<SqlBuilder> expression, CollectedField field)
    {
        var x = sql.NewAlias("a");
        sql.Sql("(select case when ").Sql(x.Name).Sql(".v is null then null else coalesce((select json_agg(");
        var item = sql.NewAlias("i");
        // By subscript rather than unnest: unnest of a composite array would spread the attributes into columns.
        ColumnValue(sql, context, element, s => s.Sql("(").Sql(x.Name).Sql(".v)[").Sql(item.Name).Sql(".o]"), field);
        sql.Sql(" order by ").Sql(item.Name).Sql(".o) from generate_subscripts(").Sql(x.Name).Sql(".v, 1) as ").Sql(item.Name).Sql("(o)), '[]'::json) end from (select ");
        expression(sql);
        sql.Sql(") as ").Sql(x.Name).Sql("(v))");
    }
}
