using Platform.DataPlane.Planning.Sql;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// A range as v4's object: <c>{start: {value, inclusive}, end: {...}}</c>, a bound null when it is unbounded (and both
    /// for an empty range, whose lower and upper are null). The one-row subquery evaluates the expression once.
    /// </summary>
    private static void RangeObject(SqlBuilder sql, PlanContext context, ValueType range, Action<SqlBuilder> expression, CollectedField field)
    {
        var x = sql.NewAlias("r");
        var parts = FieldCollector.Collect(context, field.SelectionSets, t => t == range.GraphQLName);
        sql.Sql("(select case when ").Sql(x.Name).Sql(".v is null then null else ");
        JsonObject(sql, context, parts, part =>
        {
            switch (part.Name)
            {
                case "__typename":
                    sql.NameLiteral(range.GraphQLName).Sql("::text");
                    return;
                case "start" or "end":
                    Bound(sql, context, range, x, part, part.Name == "start" ? "lower" : "upper");
                    return;
                default:
                    throw UnknownField(context, part, range.GraphQLName);
            }
        });
        sql.Sql(" end from (select ");
        expression(sql);
        sql.Sql(") as ").Sql(x.Name).Sql("(v))");
    }

    private static void Bound(SqlBuilder sql, PlanContext context, ValueType range, SqlAlias x, CollectedField field, string end)
    {
        var typeName = range.GraphQLName + "Bound";
        var parts = FieldCollector.Collect(context, field.SelectionSets, t => t == typeName);
        sql.Sql("(case when ").Sql(end).Sql("(").Sql(x.Name).Sql(".v) is null then null else ");
        JsonObject(sql, context, parts, part =>
        {
            switch (part.Name)
            {
                case "__typename":
                    sql.NameLiteral(typeName).Sql("::text");
                    return;
                case "value":
                    ColumnValue(sql, context, range.Element!, s => s.Sql(end).Sql("(").Sql(x.Name).Sql(".v)"), part);
                    return;
                case "inclusive":
                    sql.Sql(end).Sql("_inc(").Sql(x.Name).Sql(".v)");
                    return;
                default:
                    throw UnknownField(context, part, typeName);
            }
        });
        sql.Sql(" end)");
    }
}
