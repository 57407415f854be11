using Platform.DataPlane.Planning.Sql;
using Platform.DataPlane.Schema.Model;
using ValueType = Platform.DataPlane.Schema.Model.ValueType;

namespace Platform.DataPlane.Planning.Planner;

public static partial class ValueWriter
{
    private static readonly SqlTypeName JsonSql = new("json");

    /// <summary>
    /// Rebuilds a value of <paramref name="type"/> in SQL from a JSON expression (one parameter holding the GraphQL input):
    /// a composite as <c>row(...)::type</c> from its fields by GraphQL name, lists element by element, enums from their
    /// GraphQL names, scalars from their text. The whole value stays one parameter, so one plan serves every value,
    /// whatever fields or list lengths it has; absent fields and JSON null become SQL NULL.
    /// </summary>
    internal static void FromJson(SqlBuilder sql, Action<SqlBuilder> json, ValueType type)
    {
        switch (type.Kind)
        {
            case ScalarKind.Composite:
                var composite = type.Composite!;
                sql.Sql("(case when json_typeof(");
                json(sql);
                sql.Sql(") = 'object' then row(");
                for (var i = 0; i < composite.SqlAttributes.Count; i++)
                {
                    sql.Sql(i > 0 ? ", " : "");
                    var attribute = composite.Attributes.FirstOrDefault(a => a.Name == composite.SqlAttributes[i]);
                    if (attribute is null || (attribute.Type.IsList && attribute.Type.Element!.Kind == ScalarKind.Interval))
                    {
                        // Not exposed, or without an input form: left NULL, as PostGraphile does.
                        sql.Sql("null");
                        continue;
                    }

                    FromJson(sql, s => Field(s, json, attribute.FieldName), attribute.Type);
                }

                sql.Sql(")::").Sql(type.SqlType).Sql(" end)");
                return;
            case ScalarKind.List:
                var element = sql.NewAlias("e");
                sql.Sql("(case when json_typeof(");
                json(sql);
                sql.Sql(") = 'array' then array(select ");
                FromJson(sql, s => s.Sql(element.Name).Sql(".v"), type.Element!);
                sql.Sql(" from json_array_elements(");
                json(sql);
                sql.Sql(") with ordinality as ").Sql(element.Name).Sql("(v, o) order by ").Sql(element.Name).Sql(".o) end)::").Sql(type.SqlType);
                return;
            case ScalarKind.Range:
                // As v4 writes it: type(lower, upper, bounds), a missing bound unbounded and inclusive unless it says not.
                sql.Sql("(case when json_typeof(");
                json(sql);
                sql.Sql(") = 'object' then ").Sql(type.SqlType).Sql("(");
                FromJson(sql, s => Field(s, s2 => Field(s2, json, "start"), "value"), type.Element!);
                sql.Sql(", ");
                FromJson(sql, s => Field(s, s2 => Field(s2, json, "end"), "value"), type.Element!);
                sql.Sql(", (case when ");
                Text(sql, s => Field(s, s2 => Field(s2, json, "start"), "inclusive"));
                sql.Sql(" = 'false' then '(' else '[' end) || (case when ");
                Text(sql, s => Field(s, s2 => Field(s2, json, "end"), "inclusive"));
                sql.Sql(" = 'false' then ')' else ']' end)) end)");
                return;
            case ScalarKind.Enum:
                sql.Sql("(case ");
                Text(sql, json);
                foreach (var e in type.Enum!.Values)
                {
                    sql.Sql(" when ").NameLiteral(e.GraphQLName).Sql(" then ").NameLiteral(e.Label);
                }

                sql.Sql(" end)::").Sql(type.SqlType);
                return;
            case ScalarKind.Interval:
                sql.Sql("(case when json_typeof(");
                json(sql);
                sql.Sql(") = 'object' then make_interval(");
                (string Unit, string Argument, string Type)[] parts =
                [
                    ("years", "years", "integer"), ("months", "months", "integer"), ("days", "days", "integer"),
                    ("hours", "hours", "integer"), ("minutes", "mins", "integer"), ("seconds", "secs", "double precision"),
                ];
                for (var i = 0; i < parts.Length; i++)
                {
                    sql.Sql(i > 0 ? ", " : "").Sql(parts[i].Argument).Sql(" => coalesce(");
                    Text(sql, s => Field(s, json, parts[i].Unit));
                    sql.Sql("::").Sql(parts[i].Type).Sql(", 0)");
                }

                sql.Sql(") end)");
                return;
            case ScalarKind.Json:
                // PostGraphile's JSON scalar arrives as a string holding JSON or as the value itself.
                sql.Sql("(case json_typeof(");
                json(sql);
                sql.Sql(") when 'null' then null when 'string' then ");
                Text(sql, json);
                sql.Sql(" else (");
                json(sql);
                sql.Sql(")::text end)::").Sql(type.SqlType);
                return;
            default:
                Text(sql, json);
                sql.Sql("::").Sql(type.SqlType);
                return;
        }
    }

    private static void Field(SqlBuilder sql, Action<SqlBuilder> json, string name)
    {
        sql.Sql("(");
        json(sql);
        sql.Sql(" -> ").NameLiteral(name).Sql(")");
    }

    /// <summary>A JSON scalar's text: strings unquoted, numbers and booleans as written, JSON null as SQL NULL.</summary>
    private static void Text(SqlBuilder sql, Action<SqlBuilder> json)
    {
        sql.Sql("(");
        json(sql);
        sql.Sql(" #>> '{}')");
    }
}
