using Platform.DataPlane.Planning.Errors;
using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Planning.Planner;

public sealed partial class OperationPlanner
{
    /// <summary>
    /// Writes a value as PostGraphile v4 shapes it in JSON: BigInt, BigFloat and JSON as strings, enums by their GraphQL
    /// names, intervals as objects; everything else as PostgreSQL's own to_json form.
    /// </summary>
    private static void ColumnValue(SqlBuilder sql, PlanContext context, ValueType type, Action<SqlBuilder> expression, CollectedField field)
    {
        switch (type.Kind)
        {
            case ScalarKind.Composite:
                CompositeObject(sql, context, type.Composite!, expression, field);
                return;
            case ScalarKind.List when type.Element!.Kind == ScalarKind.Composite:
                CompositeList(sql, context, type.Element, expression, field);
                return;
            case ScalarKind.JwtToken or ScalarKind.List when type.Kind == ScalarKind.JwtToken || type.Element!.Kind == ScalarKind.JwtToken:
                // The claims as PostgreSQL's JSON object; the executor signs it in place, found by this response path.
                sql.Sql("to_json(");
                expression(sql);
                sql.Sql(")");
                context.MarkJwtToken();
                return;
            case ScalarKind.Json when type.SqlType is not ("json" or "jsonb"):
                // Row types of tables (and composites not exposed as object types): their JSON object form, as a JSON string like any JSON scalar.
                sql.Sql("to_json(");
                expression(sql);
                sql.Sql(")::text");
                return;
            case ScalarKind.Json:
                CompactJson.Text(sql, () => expression(sql));
                return;
            case ScalarKind.BigInt or ScalarKind.BigFloat:
                sql.Sql("(");
                expression(sql);
                sql.Sql(")::text");
                return;
            case ScalarKind.Enum:
                EnumName(sql, type.Enum!, expression);
                return;
            case ScalarKind.Interval:
                IntervalObject(sql, context, expression, field);
                return;
            case ScalarKind.Range:
                RangeObject(sql, context, type, expression, field);
                return;
            case ScalarKind.List when type.Element!.Kind is ScalarKind.BigInt or ScalarKind.BigFloat or ScalarKind.Json:
                sql.Sql("(");
                expression(sql);
                sql.Sql(")::text[]");
                return;
            case ScalarKind.List when type.Element!.Kind == ScalarKind.Enum:
                // An empty array stays [] (array_agg over no rows would be null); only a null array is null.
                var element = sql.NewAlias("e");
                sql.Sql("(case when (");
                expression(sql);
                sql.Sql(") is null then null else array(select ");
                EnumName(sql, type.Element.Enum!, s => s.Sql(element.Name).Sql(".v"));
                sql.Sql(" from unnest(");
                expression(sql);
                sql.Sql(") with ordinality as ").Sql(element.Name).Sql("(v, n) order by ").Sql(element.Name).Sql(".n) end)");
                return;
            case ScalarKind.List when type.Element!.Kind == ScalarKind.Interval:
                throw context.Error(ErrorCodes.Unsupported, "Lists of intervals cannot be selected.", field.Field);
            default:
                expression(sql);
                return;
        }
    }

    private static void EnumName(SqlBuilder sql, EnumModel model, Action<SqlBuilder> expression)
    {
        sql.Sql("(case (");
        expression(sql);
        sql.Sql(")::text");
        foreach (var value in model.Values)
        {
            sql.Sql(" when ").NameLiteral(value.Label).Sql(" then ").NameLiteral(value.GraphQLName);
        }

        sql.Sql(" end)");
    }

    private static void IntervalObject(SqlBuilder sql, PlanContext context, Action<SqlBuilder> expression, CollectedField field)
    {
        var parts = FieldCollector.Collect(context, field.SelectionSets, t => t == "Interval");
        sql.Sql("(case when (");
        expression(sql);
        sql.Sql(") is null then null else ");
        JsonObject(sql, context, parts, part =>
        {
            var unit = part.Name switch
            {
                "seconds" => "second",
                "minutes" => "minute",
                "hours" => "hour",
                "days" => "day",
                "months" => "month",
                "years" => "year",
                "__typename" => null,
                _ => throw UnknownField(context, part, "Interval"),
            };
            if (unit is null)
            {
                sql.NameLiteral("Interval").Sql("::text");
                return;
            }

            sql.Sql("extract(").Sql(unit).Sql(" from (");
            expression(sql);
            sql.Sql("))").Sql(unit == "second" ? "::float8" : "::int");
        });
        sql.Sql(" end)");
    }
}
